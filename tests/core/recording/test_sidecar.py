"""Sidecars and resume: an input counts as done only with a complete CSV made from it, by these models and options."""

import json
import os

import pytest

from core.recording.sidecar import COMPLETE, input_facts, is_done, sidecar_path, write_sidecar
from core.provenance import file_digest, model_version
from core.recording.recorder import partial_path

MODELS = {"emotion_cnn": "abc"}
OPTIONS = {"every": 1}


@pytest.fixture()
def done(tmp_path):
    video = tmp_path / "lec.mp4"
    video.write_bytes(b"video")
    out = tmp_path / "lec.emotions.csv"
    out.write_text("frame\n")
    write_sidecar(out, input=input_facts(video), models=MODELS, options=OPTIONS, frames=1, faces=0,
                  started_at="t", status=COMPLETE)
    return video, out


def test_sidecar_keys(done):
    _, out = done
    data = json.loads(sidecar_path(out).read_text())
    assert sidecar_path(out).name == "lec.emotions.json"
    assert set(data) == {"input", "models", "options", "frames", "faces", "started_at", "finished_at", "status", "csv"}
    assert set(data["input"]) == {"path", "size", "mtime"} and data["csv"] == out.name


def test_done_until_anything_changes(done):
    video, out = done
    assert is_done(out, input_facts(video), MODELS, OPTIONS)
    assert not is_done(out, input_facts(video), {"emotion_cnn": "def"}, OPTIONS)
    assert not is_done(out, input_facts(video), MODELS, {"every": 2})
    os.utime(video, (1, 1))
    assert not is_done(out, input_facts(video), MODELS, OPTIONS)


def test_a_partial_or_unfinished_run_is_not_done(done):
    video, out = done
    partial_path(out).write_text("frame\n")
    assert not is_done(out, input_facts(video), MODELS, OPTIONS)
    partial_path(out).unlink()
    write_sidecar(out, input=input_facts(video), models=MODELS, options=OPTIONS, frames=1, faces=0,
                  started_at="t", status="interrupted")
    assert not is_done(out, input_facts(video), MODELS, OPTIONS)
    sidecar_path(out).write_text("{not json")
    assert not is_done(out, input_facts(video), MODELS, OPTIONS)


def test_model_version_is_a_short_digest_of_the_weights(tiny_weights, tiny_bert_dir):
    version = model_version(tiny_weights, tiny_bert_dir)
    assert version["emotion_cnn"] == file_digest(tiny_weights) and len(version["emotion_cnn"]) == 12
    assert len(version["text_model"]) == 12 and "text_model" not in model_version(tiny_weights)
