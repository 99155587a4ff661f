"""The headless CLI: output schema, bad input, interruption."""

import csv
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from cli.entry import main
from core.classes import EMOTIONS
from core.recording.recorder import partial_path
from core.recording.timeline import TIMELINE_COLUMNS
from tests.conftest import ROOT


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_analyze_writes_the_timeline(tmp_path, synthetic_video, synthetic_frames, tiny_weights, capsys):
    _, present = synthetic_frames
    out = tmp_path / "out.csv"
    rc = main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet"])
    assert rc == 0
    assert "analysed 30 frames (20 with a face)" in capsys.readouterr().err
    with open(out, newline="") as f:
        assert next(csv.reader(f)) == list(TIMELINE_COLUMNS)
    rows = read(out)
    assert [int(r["frame"]) for r in rows] == list(range(len(present)))  # one face per face frame
    for r, has_face in zip(rows, present):
        if has_face:
            probs = [Decimal(r[c]) for c in EMOTIONS]
            assert sum(probs) == 1
            assert Decimal(r[r["dominant"]]) == max(probs)  # rounding may tie, never contradict
            assert r["face_id"] == "1" and int(r["w"]) > 50
        else:
            assert all(r[c] == "" for c in TIMELINE_COLUMNS[2:])
        assert all(r[c] == "" for c in TIMELINE_COLUMNS[TIMELINE_COLUMNS.index("text_angry"):])  # no chat given
    assert float(rows[1]["time_s"]) == pytest.approx(0.04)


def test_every_n(tmp_path, synthetic_video, tiny_weights):
    out = tmp_path / "out.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights),
                 "--every", "5", "--quiet"]) == 0
    assert [int(r["frame"]) for r in read(out)] == [0, 5, 10, 15, 20, 25]


@pytest.mark.parametrize("args, message", [
    (["analyze", "{tmp}/absent.mp4"], "no such file"),
    (["analyze", "{tmp}"], "not a file"),
    (["analyze", "{junk}"], "cannot open as a video"),
    (["analyze", "{video}", "--device", "tpu"], "unknown device"),
    (["analyze", "{video}", "--csv", "{tmp}/no/such/dir/out.csv"], "output folder does not exist"),
    (["analyze", "{video}", "--csv", "{tmp}"], "is a folder"),
    (["analyze", "{video}", "--every", "0"], "--every"),
    (["analyze", "{video}", "--weights", "{tmp}/absent.pt"], "no such weights file"),
    (["analyze"], "required"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, synthetic_video, capsys, args, message):
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 4096)
    argv = [a.format(tmp=tmp_path, junk=junk, video=synthetic_video) for a in args]
    with pytest.raises(SystemExit) if argv == ["analyze"] else _nothing() as exit_info:
        rc = main(argv)
    rc = exit_info.value.code if argv == ["analyze"] else rc
    err = capsys.readouterr().err
    assert rc == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("*.csv*"))


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *a):
        return False


def test_unwritable_output(tmp_path, synthetic_video, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    assert main(["analyze", str(synthetic_video), "--csv", str(ro / "o.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def _long_video(tmp_path, face_patch):
    from core.sources.face_clip import write_video
    from tests.conftest import make_frames

    frames, _ = make_frames(face_patch, n_face=20, n_empty=0)
    return write_video(tmp_path / "long.avi", (frames[i % 20] for i in range(600)), 25.0)


@pytest.mark.parametrize("sig, expect_rc, final", [(signal.SIGINT, 130, True), (signal.SIGKILL, -9, False)])
def test_interrupted_run_keeps_a_valid_csv(tmp_path, face_patch, tiny_weights, sig, expect_rc, final):
    video = _long_video(tmp_path, face_patch)
    out = tmp_path / "out.csv"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "analyze", str(video), "--csv", str(out),
         "--weights", str(tiny_weights), "--quiet"],
        stderr=subprocess.PIPE, text=True,
    )
    part = partial_path(out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 2000):
        time.sleep(0.05)
    assert part.exists(), "analysis did not start writing"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == expect_rc
    path = out if final else part
    assert path.exists() and (final != part.exists())
    rows = read(path)
    assert 0 < len(rows) < 600
    assert [int(r["frame"]) for r in rows] == list(range(len(rows)))
    assert all(r["dominant"] and "congruence" in r for r in rows)  # every row whole
    if final:
        assert "interrupted" in err and "Traceback" not in err


def test_analyze_with_a_chat_log(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, capsys):
    chat = tmp_path / "chat.csv"
    chat.write_text('time_s,text\n0.2,"=1+1 기쁘다 정말"\n0.5,"줄\n바꿈"\n9,"끝난 뒤"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights),
                 "--chat", str(chat), "--text-model", str(tiny_bert_dir), "--quiet"]) == 0
    rows = read(out)
    before = [r for r in rows if float(r["time_s"]) < 0.2]
    after = [r for r in rows if float(r["time_s"]) >= 0.2 and r["face_id"]]
    assert before and all(r["text_happy"] == "" and r["congruence"] == "" for r in before)
    assert after and all(r["text_happy"] != "" and 0 <= float(r["congruence"]) <= 1 for r in after)
    from core.recording.chat_log import read_chat_csv

    logged = read_chat_csv(out.with_name("out.chat.csv"))
    assert [m["text"] for m in logged] == ["=1+1 기쁘다 정말", "줄\n바꿈", "끝난 뒤"]
    assert logged[0]["similarity"] != "" and logged[2]["similarity"] == ""


@pytest.mark.parametrize("content, message", [
    ("when,text\n1,x\n", "columns"),
    ("time_s,text\nsoon,x\n", "line 2"),
    ("time_s,text\n1,\"  \"\n", "empty message"),
])
def test_bad_chat_logs(tmp_path, synthetic_video, capsys, content, message):
    chat = tmp_path / "chat.csv"
    chat.write_text(content, encoding="utf-8")
    assert main(["analyze", str(synthetic_video), "--csv", str(tmp_path / "o.csv"), "--chat", str(chat)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
