"""Batch bookkeeping: summary.csv merged across re-runs and kept through Ctrl-C, chat failures in its error column,
videos shorter than they declare flagged."""

import contextlib
import csv
import json
import shutil
import threading

import pytest

import cli.analyze_batch as batch_cli
from cli.entry import main
from core.recording.atomic_file import partial_path


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["input"]: r for r in csv.DictReader(f)}


def analyze(*args, weights):
    return main(["analyze", *map(str, args), "--weights", str(weights), "--quiet", "--no-names"])


@pytest.fixture()
def folder(tmp_path, synthetic_video):
    root = tmp_path / "in"
    root.mkdir()
    for name in "abc":
        shutil.copy(synthetic_video, root / f"{name}.avi")
    return root


def truncate(path):
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)
    return path


def test_summary_keeps_earlier_inputs_across_reruns(tmp_path, folder, tiny_weights):
    out = tmp_path / "out"
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    assert analyze(folder / "a.avi", "--out", out, "--jobs", "0", "--force", weights=tiny_weights) == 0
    got = rows(out / "summary.csv")
    assert sorted(got) == sorted(str(folder / f"{n}.avi") for n in "abc")  # b and c's rows kept
    assert all(r["status"] == "ok" for r in got.values()) and not partial_path(out / "summary.csv").exists()


def test_ctrl_c_during_a_forced_rerun_keeps_every_earlier_row(tmp_path, folder, tiny_weights, monkeypatch, capsys):
    out = tmp_path / "out"
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    before = rows(out / "summary.csv")
    timelines = {p: p.read_bytes() for p in out.glob("*.emotions.csv")}
    stop = threading.Event()

    @contextlib.contextmanager
    def stop_after_first():
        yield stop

    real = batch_cli._Bars.input_done

    def input_done(self, row):
        real(self, row)
        stop.set()  # as Ctrl-C right after the first input of the re-run ended

    monkeypatch.setattr(batch_cli, "stop_on_signals", stop_after_first)
    monkeypatch.setattr(batch_cli._Bars, "input_done", input_done)
    assert analyze(folder, "--out", out, "--jobs", "0", "--force", weights=tiny_weights) == 130
    after = rows(out / "summary.csv")
    assert sorted(after) == sorted(before) and all(r["status"] == "ok" for r in after.values())
    assert {p: p.read_bytes() for p in timelines} == timelines  # the inputs not redone keep their timelines


def test_a_chat_that_cannot_be_added_is_in_the_error_column(tmp_path, folder, tiny_weights, tiny_bert_dir, capsys):
    for name in "ab":
        (folder / f"{name}.vtt").write_text("WEBVTT\n\n1\n00:00:00.100 --> 00:00:00.900\n김민지: 좋아요\n\n",
                                            encoding="utf-8")
    (folder / "b.vtt").write_text("WEBVTT\n\n1\n00:00:00.100 -> 00:00:00.900\n김민지: 좋아요\n\n", encoding="utf-8")
    (folder / "c.vtt").write_bytes(bytes(range(128, 256)) * 8)
    out = tmp_path / "out"
    rc = analyze(folder, "--out", out, "--jobs", "0", "--chat", "{dir}/{stem}.vtt", "--text-model", tiny_bert_dir,
                 weights=tiny_weights)
    assert rc == 1
    got = rows(out / "summary.csv")
    a, b, c = (got[str(folder / f"{n}.avi")] for n in "abc")
    assert a["status"] == "ok" and a["error"] == ""
    assert b["status"] == "failed" and b["error"].startswith("chat not added: ") and "no message could be read" in b["error"]
    assert c["status"] == "failed" and "not text in UTF-8, UTF-16 or CP949" in c["error"]
    assert (out / "b.emotions.csv").exists()  # the timeline itself is complete


def test_a_video_shorter_than_it_declares_is_flagged(tmp_path, folder, tiny_weights, capsys):
    short = truncate(folder / "b.avi")
    single = tmp_path / "single.csv"
    assert analyze(short, "--csv", single, weights=tiny_weights) == 0
    flagged = json.loads(single.with_suffix(".json").read_text())["short_video"]
    assert flagged["declared_frames"] == 30 and 0 < flagged["frames_read"] < 30
    assert "video shorter than it declares" in capsys.readouterr().err
    out = tmp_path / "out"
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    assert json.loads((out / "b.emotions.json").read_text())["short_video"] == flagged
    assert "short_video" not in json.loads((out / "a.emotions.json").read_text())
    got = rows(out / "summary.csv")
    assert got[str(short)]["status"] == "ok" and "shorter than it declares" in got[str(short)]["error"]
    assert got[str(folder / "a.avi")]["error"] == ""


def test_a_removed_output_folder_keeps_its_summary(tmp_path, folder, tiny_weights, monkeypatch, capsys):
    out = tmp_path / "out"
    real = batch_cli._Bars.input_done
    removed = []

    def input_done(self, row):
        real(self, row)
        if not removed:
            removed.append(shutil.rmtree(out))

    monkeypatch.setattr(batch_cli._Bars, "input_done", input_done)
    rc = analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected" not in err
    assert rc == 0 and len(rows(out / "summary.csv")) == 3  # the whole table, rewritten from memory


def test_a_folder_removed_after_the_last_input_still_gets_its_summary(tmp_path, folder, tiny_weights, monkeypatch,
                                                                      capsys):
    out = tmp_path / "out"
    real = batch_cli._Bars.input_done
    seen = []

    def input_done(self, row):
        real(self, row)
        seen.append(row)
        if len(seen) == 3:
            shutil.rmtree(out)

    monkeypatch.setattr(batch_cli._Bars, "input_done", input_done)
    assert analyze(folder, "--out", out, "--jobs", "0", weights=tiny_weights) == 0
    assert f"summary: {out / 'summary.csv'}" in capsys.readouterr().err
    assert len(rows(out / "summary.csv")) == 3
