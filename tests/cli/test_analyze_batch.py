"""`analyze` over many inputs: summary rows, failures that stop nothing, resume, photos, chunks, Ctrl-C, Ray."""

import csv
import json
import shutil
import signal
import subprocess
import sys
import time

import cv2
import pytest

from cli.entry import main
from core.batch.summary import SUMMARY_COLUMNS
from core.provenance import file_digest
from core.recording.recorder import partial_path
from core.recording.timeline import TIMELINE_COLUMNS
from tests.conftest import ROOT


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def summary(out):
    with open(out / "summary.csv", newline="") as f:
        assert next(csv.reader(f)) == list(SUMMARY_COLUMNS)
    return {r["input"]: r for r in read(out / "summary.csv")}


@pytest.fixture()
def folder(tmp_path, synthetic_video):
    """lectures/a.avi, lectures/week2/b.avi (copies of the synthetic clip) and a corrupt lectures/week2/bad.mp4."""
    root = tmp_path / "lectures"
    (root / "week2").mkdir(parents=True)
    shutil.copy(synthetic_video, root / "a.avi")
    shutil.copy(synthetic_video, root / "week2" / "b.avi")
    (root / "week2" / "bad.mp4").write_bytes(b"\x00\x01junk" * 500)
    return root


def analyze(*args, weights):
    return main(["analyze", *map(str, args), "--weights", str(weights), "--quiet"])


def test_a_corrupt_file_fails_alone_and_good_timelines_match_single_runs(tmp_path, folder, tiny_weights, capsys):
    out = tmp_path / "out"
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 1
    rows = summary(out)
    assert {k.replace(str(folder), ""): r["status"] for k, r in rows.items()} == {
        "/a.avi": "ok", "/week2/b.avi": "ok", "/week2/bad.mp4": "failed"}
    bad = rows[str(folder / "week2" / "bad.mp4")]
    assert "cannot open as a video" in bad["error"] and "\n" not in bad["error"]
    good = rows[str(folder / "a.avi")]
    assert (good["frames"], good["frames_with_face"], good["video_s"], good["retried"]) == ("30", "20", "1.200", "0")
    assert "1 failed of 3 inputs" in capsys.readouterr().err
    single = tmp_path / "single.csv"
    assert analyze(folder / "a.avi", "--csv", single, weights=tiny_weights) == 0
    for rel in ("a.emotions.csv", "week2/b.emotions.csv"):
        assert (out / rel).read_bytes() == single.read_bytes()
        meta = json.loads((out / rel).with_suffix(".json").read_text())
        assert meta["status"] == "complete" and meta["frames"] == 30 and meta["faces"] == 20
    assert not list(out.rglob("*.partial")) and not (out / "week2" / "bad.emotions.csv").exists()


def test_single_input_gets_a_sidecar_beside_its_csv(tmp_path, synthetic_video, tiny_weights):
    out = tmp_path / "lec.csv"
    assert analyze(synthetic_video, "--csv", out, weights=tiny_weights) == 0
    meta = json.loads((tmp_path / "lec.json").read_text())
    assert meta["input"]["size"] == synthetic_video.stat().st_size and meta["csv"] == "lec.csv"
    assert meta["models"] == {"emotion_cnn": file_digest(tiny_weights)}
    assert (meta["status"], meta["frames"], meta["faces"]) == ("complete", 30, 20)
    assert meta["options"]["every"] == 1 and meta["started_at"] <= meta["finished_at"]


def test_resume_skips_finished_inputs_and_redoes_a_partial_one(tmp_path, folder, tiny_weights):
    (folder / "week2" / "bad.mp4").unlink()
    out = tmp_path / "out"
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    a, b = out / "a.emotions.csv", out / "week2" / "b.emotions.csv"
    before = a.stat().st_mtime_ns
    whole = b.read_bytes()
    b.unlink()  # as if killed while writing b: only its .partial is left
    partial_path(b).write_bytes(whole[:100])
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    assert {k: r["status"] for k, r in summary(out).items()} == {str(folder / "a.avi"): "skipped",
                                                                str(folder / "week2" / "b.avi"): "ok"}
    assert a.stat().st_mtime_ns == before and b.read_bytes() == whole and not partial_path(b).exists()
    (folder / "a.avi").touch()  # a changed input is redone; so is everything with --force
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    statuses = {k: r["status"] for k, r in summary(out).items()}
    assert statuses == {str(folder / "a.avi"): "ok", str(folder / "week2" / "b.avi"): "skipped"}
    assert analyze(folder, "--out", out, "--jobs", "0", "--force", weights=tiny_weights) == 0
    assert [r["status"] for r in summary(out).values()] == ["ok", "ok"]


def test_a_folder_of_photos_gives_one_row_per_photo(tmp_path, astronaut_bgr, face_patch, tiny_weights):
    photos = tmp_path / "photos"
    photos.mkdir()
    cv2.imwrite(str(photos / "class.jpg"), astronaut_bgr)
    cv2.imwrite(str(photos / "face.png"), face_patch)
    cv2.imwrite(str(photos / "empty.png"), face_patch * 0 + 128)
    out = tmp_path / "out"
    assert analyze(photos, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    rows = summary(out)
    assert [(r["status"], r["frames"]) for r in rows.values()] == [("ok", "1")] * 3
    assert [r["frames_with_face"] for r in rows.values()] == ["1", "0", "1"]  # class, empty, face
    for name in ("class", "face", "empty"):
        timeline = read(out / f"{name}.emotions.csv")  # a row per face found, or one empty row
        assert {r["frame"] for r in timeline} == {"0"}
        assert all(r["face_id"] for r in timeline) if name != "empty" else timeline[0]["face_id"] == ""


def test_split_minutes_gives_the_rows_of_one_pass_but_face_ids(tmp_path, synthetic_video, tiny_weights):
    whole, split = tmp_path / "whole.csv", tmp_path / "split.csv"
    assert analyze(synthetic_video, "--csv", whole, "--full-every", "1", weights=tiny_weights) == 0
    # 0.01 min = 0.6 s = 15 frames at 25 frames/s: two chunks of the 30-frame clip
    assert analyze(synthetic_video, "--csv", split, "--full-every", "1", "--split-minutes", "0.01",
                   "--jobs", "0", weights=tiny_weights) == 0
    one, two = read(whole), read(split)
    assert len(one) == len(two) == 30
    for r1, r2 in zip(one, two):
        assert {k: v for k, v in r1.items() if k != "face_id"} == {k: v for k, v in r2.items() if k != "face_id"}
    ids = {int(r["frame"]) // 15: r["face_id"] for r in two if r["face_id"]}
    assert ids == {0: "1", 1: "1000001"}
    assert json.loads(split.with_suffix(".json").read_text())["options"]["split_minutes"] == 0.01


@pytest.mark.parametrize("args, message", [
    (["{folder}"], "not a file"),
    (["{folder}/a.avi", "{folder}/week2/b.avi"], "several inputs need --out"),
    (["{folder}", "--out", "{tmp}/o", "--jobs", "-1"], "--jobs"),
    (["{folder}", "--out", "{tmp}/o", "--split-minutes", "0"], "--split-minutes"),
    (["{folder}", "--out", "{tmp}/o", "--csv", "{tmp}/x.csv"], "--csv names one timeline"),
    (["{folder}", "--out", "{tmp}/o", "--chat", "{tmp}/chat.csv"], "--chat is a pattern"),
    (["{tmp}/*.nothing", "--out", "{tmp}/o"], "no files match"),
])
def test_bad_batch_options_are_one_line_and_exit_2(tmp_path, folder, capsys, args, message):
    rc = main(["analyze", *[a.format(tmp=tmp_path, folder=folder) for a in args]])
    err = capsys.readouterr().err
    assert rc == 2 and message in err and len(err.strip().splitlines()) == 1


def test_ctrl_c_ends_a_batch_cleanly(tmp_path, face_patch, tiny_weights):
    from core.sources.face_clip import write_video
    from tests.conftest import make_frames

    frames, _ = make_frames(face_patch, n_face=20, n_empty=0)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abcd":
        write_video(folder / f"{name}.avi", (frames[i % 20] for i in range(90)), 25.0)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "analyze", str(folder), "--out", str(out),
                             "--jobs", "0", "--weights", str(tiny_weights), "--quiet"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not (out / "a.emotions.json").exists():
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    rows = summary(out)
    assert 1 <= len(rows) < 4 and all(r["status"] == "ok" for r in rows.values())
    finished = sorted(p.name for p in out.glob("*.emotions.csv"))
    assert finished == sorted(f"{p.rsplit('/', 1)[-1][0]}.emotions.csv" for p in rows)
    for name in finished:  # whatever has a final name is whole
        assert len(read(out / name)) == 90
        assert json.loads((out / name).with_suffix(".json").read_text())["status"] == "complete"
    assert not list(out.glob("*.partial"))


def test_ray_missing_is_one_line_saying_how_to_install(tmp_path, folder, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    assert main(["analyze", str(folder), "--out", str(tmp_path / "o"), "--ray"]) == 2
    err = capsys.readouterr().err
    assert "pip install -r requirements-ray.txt" in err and len(err.strip().splitlines()) == 1


def test_ray_locally_writes_what_local_workers_write(tmp_path, folder, tiny_weights):
    pytest.importorskip("ray")
    (folder / "week2" / "bad.mp4").unlink()
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert analyze(folder, "--out", local, "--jobs", "0", weights=tiny_weights) == 0
    assert analyze(folder, "--out", on_ray, "--ray", "--split-minutes", "0.01", "--full-every", "1",
                   weights=tiny_weights) == 0
    assert analyze(folder, "--out", local / "full1", "--jobs", "0", "--full-every", "1", weights=tiny_weights) == 0
    assert [r["status"] for r in summary(on_ray).values()] == ["ok", "ok"]
    for rel in ("a.emotions.csv", "week2/b.emotions.csv"):
        strip = [{k: v for k, v in r.items() if k != "face_id"} for r in read(on_ray / rel)]
        assert strip == [{k: v for k, v in r.items() if k != "face_id"} for r in read(local / "full1" / rel)]
