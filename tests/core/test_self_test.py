from core import self_test


def test_self_test_passes_with_working_models(monkeypatch, tiny_weights, tiny_bert_dir, capsys):
    monkeypatch.setattr("core.emotion_classifier.default_emotion_weights", lambda: tiny_weights)
    monkeypatch.setattr("core.text_emotion.default_text_model_dir", lambda: tiny_bert_dir)
    assert self_test.run("cpu") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("self-test passed") and "30/30" in out[0]


def test_self_test_fails_with_a_reason(monkeypatch, tmp_path, tiny_weights, capsys):
    monkeypatch.setattr("core.emotion_classifier.default_emotion_weights", lambda: tiny_weights)
    monkeypatch.setattr("core.text_emotion.default_text_model_dir", lambda: tmp_path)
    assert self_test.run("cpu") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("self-test failed") and "no text model" in err[0]
