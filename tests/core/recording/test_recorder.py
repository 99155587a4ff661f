import csv
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from core.recording.recorder import SessionRecorder, partial_path
from core.recording.timeline import TIMELINE_COLUMNS
from core.records import FaceResult, FrameResult
from tests.conftest import ROOT


def result(i):
    return FrameResult(i, i / 30, [FaceResult(1, (1, 2, 3, 4), 0.9, np.full(7, 1 / 7, np.float32))])


def read(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def test_records_then_renames_on_close(tmp_path):
    out = tmp_path / "t.csv"
    with SessionRecorder(out) as rec:
        for i in range(3):
            rec.write_frame(result(i))
        assert not out.exists() and partial_path(out).exists()
        assert read(partial_path(out))[0] == list(TIMELINE_COLUMNS)  # header is on disk at once
    rows = read(out)
    assert rows[0] == list(TIMELINE_COLUMNS) and len(rows) == 4
    assert not partial_path(out).exists()


def test_flushes_within_the_interval(tmp_path):
    out = tmp_path / "t.csv"
    rec = SessionRecorder(out, flush_interval_s=0.05)
    rec.write_frame(result(0))
    time.sleep(0.06)
    rec.write_frame(result(1))
    assert len(read(partial_path(out))) == 3
    rec.close()


def test_error_inside_keeps_the_partial_file(tmp_path):
    out = tmp_path / "t.csv"
    with pytest.raises(RuntimeError):
        with SessionRecorder(out) as rec:
            rec.write_frame(result(0))
            raise RuntimeError("boom")
    assert not out.exists()
    assert len(read(partial_path(out))) == 2


def test_killed_process_leaves_a_parseable_timeline(tmp_path):
    out = tmp_path / "t.csv"
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import numpy as np
        from core.records import FaceResult, FrameResult
        from core.recording.recorder import SessionRecorder
        rec = SessionRecorder({str(out)!r}, flush_interval_s=0.05)
        i = 0
        while True:
            rec.write_frame(FrameResult(i, i / 100, [FaceResult(1, (1, 2, 3, 4), 0.9, np.full(7, 1 / 7))]))
            i += 1
            time.sleep(0.001)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    part = partial_path(out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not part.exists() or len(read(part)) < 50):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rows = read(part)
    assert rows[0] == list(TIMELINE_COLUMNS)
    assert len(rows) >= 50
    assert all(len(r) == len(TIMELINE_COLUMNS) for r in rows)  # no line cut in half
    assert [int(r[0]) for r in rows[1:]] == list(range(len(rows) - 1))
