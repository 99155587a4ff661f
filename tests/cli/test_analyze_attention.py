"""`analyze --attention`: attention columns filled for faces; without the flag, or without the model, empty."""

from __future__ import annotations

import csv

import core.attention.mesh as mesh_module
from cli.entry import main
from core.recording.timeline import ATTENTION_COLUMNS


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_attention_fills_the_columns_of_face_rows(tmp_path, synthetic_video, tiny_weights):
    out = tmp_path / "a.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet",
                 "--attention"]) == 0
    faces = [r for r in rows(out) if r["face_id"]]
    assert faces and all(r[c] != "" for r in faces for c in ATTENTION_COLUMNS)
    assert all(abs(float(r["yaw"])) < 20 and r["looking_away"] == "0" for r in faces)  # the astronaut looks ahead
    assert all(r[c] == "" for r in rows(out) if not r["face_id"] for c in ATTENTION_COLUMNS)
    plain = tmp_path / "b.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(plain), "--weights", str(tiny_weights), "--quiet"]) == 0
    assert all(r[c] == "" for r in rows(plain) for c in ATTENTION_COLUMNS)


def test_a_missing_mesh_model_is_one_warning_and_the_run_goes_on(tmp_path, synthetic_video, tiny_weights,
                                                                 monkeypatch, capsys):
    missing = tmp_path / "gone.tflite"
    monkeypatch.setattr(mesh_module, "face_mesh_path", lambda: missing)
    out = tmp_path / "c.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet",
                 "--attention"]) == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "gone.tflite" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: attention signals off")
    assert [r for r in rows(out) if r["face_id"]] and all(r[c] == "" for r in rows(out) for c in ATTENTION_COLUMNS)
