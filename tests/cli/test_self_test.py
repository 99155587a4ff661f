import pytest

from cli import self_test


@pytest.fixture()
def tiny_models(monkeypatch, tiny_weights):
    """Point the self-test's default emotion weights at a tiny random model; returns monkeypatch."""
    monkeypatch.setattr("core.vision.classifier.default_emotion_weights", lambda: tiny_weights)
    return monkeypatch


def test_self_test_passes_with_working_models(tiny_models, tiny_bert_dir, capsys):
    tiny_models.setattr("core.text.model.default_text_model_dir", lambda: tiny_bert_dir)
    assert self_test.run("cpu") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("self-test passed") and "30/30" in out[0]


def test_self_test_fails_with_a_reason(tiny_models, tmp_path, capsys):
    tiny_models.setattr("core.text.model.default_text_model_dir", lambda: tmp_path)
    assert self_test.run("cpu") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("self-test failed") and "no text model" in err[0]


def test_self_test_fails_when_the_syllable_network_is_missing(tiny_models, tiny_bert_dir, tmp_path, capsys):
    tiny_models.setattr("core.text.model.default_text_model_dir", lambda: tiny_bert_dir)
    tiny_models.setattr("core.resources.syllable_weights_path", lambda: tmp_path / "missing.pt")
    assert self_test.run("cpu") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "syllable network" in err[0]
