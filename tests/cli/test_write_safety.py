"""Nothing lost: an interrupted re-run, a full disk, a removed or read-only folder (one line, exit 2, whole rows)."""

import csv
import errno
import json
import os
import shutil
import subprocess
import uuid

import pytest

import core.workflow.pipeline as pipeline
from cli.entry import main
from core.recording.atomic_file import partial_path
from tests.core.recording.test_atomic_file import failing_write


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def whole_lines(path):
    data = path.read_bytes()
    assert data.endswith(b"\n")
    got = rows(path)
    assert all(r["frame"] and r["time_s"] for r in got)
    return got


def during_run(monkeypatch, action, after: int = 3):
    """Call `action(stop)` once `after` frames have been handed over by the real pipeline."""
    real = pipeline.run_pipeline

    def run(source, analyzer, on_result, **kw):
        seen = [0]

        def wrapped(result):
            on_result(result)
            seen[0] += 1
            if seen[0] == after:
                action(kw["stop"])

        return real(source, analyzer, wrapped, **kw)

    monkeypatch.setattr(pipeline, "run_pipeline", run)


def analyze(video, out, weights, *extra):
    return main(["analyze", str(video), "--csv", str(out), "--weights", str(weights), "--quiet", "--no-names", *extra])


@pytest.fixture()
def chat(tmp_path):
    p = tmp_path / "chat.csv"
    p.write_text("time_s,text\n" + "".join(f"{i * 0.05:.2f},메시지 {i}\n" for i in range(16)), encoding="utf-8")
    return p


def test_ctrl_c_during_a_rerun_keeps_the_complete_result(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir,
                                                           chat, monkeypatch, capsys):
    out = tmp_path / "out.csv"
    opts = ("--chat", str(chat), "--text-model", str(tiny_bert_dir))
    assert analyze(synthetic_video, out, tiny_weights, *opts) == 0
    chat_log = out.with_name("out.chat.csv")
    before = {p: p.read_bytes() for p in (out, out.with_suffix(".json"), chat_log)}
    capsys.readouterr()
    during_run(monkeypatch, lambda stop: stop.set())
    assert analyze(synthetic_video, out, tiny_weights, *opts) == 130
    err = capsys.readouterr().err
    assert f"warning: {out} exists" in err and str(partial_path(out)) in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before  # timeline, sidecar and chat log exactly as they were
    assert len(whole_lines(partial_path(out))) < len(rows(out))
    assert partial_path(chat_log).exists()
    assert json.loads(out.with_suffix(".json").read_text())["status"] == "complete"


def test_ctrl_c_on_a_first_run_keeps_what_was_done(tmp_path, synthetic_video, tiny_weights, monkeypatch, capsys):
    out = tmp_path / "out.csv"
    during_run(monkeypatch, lambda stop: stop.set())
    assert analyze(synthetic_video, out, tiny_weights) == 130
    assert len(whole_lines(out)) >= 3 and not partial_path(out).exists()
    assert json.loads(out.with_suffix(".json").read_text())["status"] == "interrupted"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only file system"),
                                         (errno.EDQUOT, "disk quota exceeded")])
def test_a_failing_disk_is_one_line_exit_2_and_whole_rows(tmp_path, synthetic_video, tiny_weights, monkeypatch,
                                                          capsys, code, words):
    out = tmp_path / "out.csv"
    during_run(monkeypatch, lambda stop: failing_write(monkeypatch, after_bytes=500, code=code), after=1)
    assert analyze(synthetic_video, out, tiny_weights) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: cannot write {out}: {words}"), err
    assert "Traceback" not in err[0]
    assert not out.exists()
    whole_lines(partial_path(out))


def test_a_full_disk_rerun_keeps_the_earlier_result(tmp_path, synthetic_video, tiny_weights, monkeypatch, capsys):
    out = tmp_path / "out.csv"
    assert analyze(synthetic_video, out, tiny_weights) == 0
    before = out.read_bytes()
    during_run(monkeypatch, lambda stop: failing_write(monkeypatch, after_bytes=300), after=1)
    assert analyze(synthetic_video, out, tiny_weights) == 2
    err = capsys.readouterr().err
    assert "disk full" in err and "is as it was" in err
    assert out.read_bytes() == before


def test_a_folder_removed_mid_run_is_one_line(tmp_path, synthetic_video, tiny_weights, monkeypatch, capsys):
    folder = tmp_path / "gone"
    folder.mkdir()
    out = folder / "out.csv"
    during_run(monkeypatch, lambda stop: shutil.rmtree(folder))
    assert analyze(synthetic_video, out, tiny_weights) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot write {out}: no such folder"], err


@pytest.fixture()
def tmpfs(tmp_path):
    """A 4 KiB tmpfs (a disk that fills after a few rows), where this machine lets the test mount one."""
    mnt = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
    mnt.mkdir()

    def mount(*opts):
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=4k", *opts)), "tmpfs", str(mnt)],
                           capture_output=True, timeout=10)
        if r.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (the patched os.write tests cover it)")
        return mnt

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    yield mount
    subprocess.run(["umount", str(mnt)], capture_output=True, timeout=10)


@pytest.fixture(scope="module")
def long_video(tmp_path_factory, face_patch):
    """120 frames: a timeline larger than the 4 KiB tmpfs."""
    from core.sources.face_clip import write_video
    from tests.conftest import make_frames

    frames, _ = make_frames(face_patch, n_face=20, n_empty=0)
    return write_video(tmp_path_factory.mktemp("long") / "long.avi", (frames[i % 20] for i in range(120)), 25.0)


def test_a_real_full_disk(tmpfs, long_video, tiny_weights, capsys):
    out = tmpfs() / "out.csv"
    assert analyze(long_video, out, tiny_weights) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: cannot write {out}: disk full"), err
    whole_lines(partial_path(out))


def test_a_real_read_only_folder(tmpfs, synthetic_video, tiny_weights, capsys):
    out = tmpfs("ro") / "out.csv"
    assert analyze(synthetic_video, out, tiny_weights) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot write {out}: read-only file system"], err
