"""Attention through the timeline CSV and into the report; timelines without attention still read."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from core.recording.recorder import SessionRecorder
from core.recording.timeline import ATTENTION_COLUMNS, TIMELINE_COLUMNS
from core.records import Attention, FaceResult, FrameResult
from core.report.attention import read_attention
from core.report.build import build_session_report
from core.report.session import load_session
from core.report.students import summarise

FPS = 5
SECONDS = 20


def record(path: Path, with_attention: bool) -> Path:
    """Two students for 20 s: 1 looks away in the second half, 2 closes the eyes for the last quarter."""
    with SessionRecorder(path) as rec:
        for i in range(FPS * SECONDS):
            t = i / FPS
            faces = []
            for fid in (1, 2):
                a = None
                if with_attention:
                    away = fid == 1 and t >= SECONDS / 2
                    closed = fid == 2 and t >= SECONDS * 3 / 4
                    a = Attention(40.0 if away else 2.0, -5.0, 1.5, 0.08 if closed else 0.3, closed, away, False)
                faces.append(FaceResult(fid, (10 + 100 * fid, 10, 80, 80), 0.9, np.eye(7)[4], attention=a))
            rec.write_frame(FrameResult(i, t, faces))
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_attention_values_round_trip(tmp_path):
    got = rows(record(tmp_path / "a.csv", True))
    assert list(got[0]) == list(TIMELINE_COLUMNS)
    last = [r for r in got if r["face_id"] == "1"][-1]
    assert (last["yaw"], last["pitch"], last["roll"], last["eye_openness"]) == ("40.0", "-5.0", "1.5", "0.300")
    assert (last["eyes_closed"], last["looking_away"], last["yawning"]) == ("0", "1", "0")


def test_without_attention_the_columns_are_empty(tmp_path):
    got = rows(record(tmp_path / "b.csv", False))
    assert all(r[c] == "" for r in got for c in ATTENTION_COLUMNS)
    with SessionRecorder(tmp_path / "c.csv") as rec:
        rec.write_frame(FrameResult(0, 0.0, [FaceResult(1, (0, 0, 50, 50), 0.9, np.eye(7)[4], attention=Attention())]))
    assert all(rows(tmp_path / "c.csv")[0][c] == "" for c in ATTENTION_COLUMNS)  # unmeasured: empty, not a guess


def test_the_report_gives_each_students_shares_and_the_class_over_time(tmp_path):
    path = record(tmp_path / "class.csv", True)
    summary = summarise(load_session(path))
    att = read_attention(path, summary)
    by = {s.label: s for s in att.students}
    assert by["face 1"].away_share == pytest.approx(0.5, abs=0.02) and by["face 1"].eyes_closed_share == 0
    assert by["face 2"].eyes_closed_share == pytest.approx(0.25, abs=0.02) and by["face 2"].away_share == 0
    first, last = att.looking[: len(att.looking) // 3], att.looking[-len(att.looking) // 5:]
    assert np.nanmin(first) == pytest.approx(1.0) and np.nanmax(last) == pytest.approx(0.0)
    page = build_session_report(path).html.read_text(encoding="utf-8")
    assert "<h2>Attention</h2>" in page and "looking away" in page


def test_timelines_without_attention_and_old_ones_still_report(tmp_path):
    path = record(tmp_path / "plain.csv", False)
    summary = summarise(load_session(path))
    assert read_attention(path, summary) is None
    assert "<h2>Attention</h2>" not in build_session_report(path).html.read_text(encoding="utf-8")
    old = tmp_path / "old.csv"  # written before attention: no such columns at all
    keep = len(TIMELINE_COLUMNS) - len(ATTENTION_COLUMNS)
    with open(path, newline="", encoding="utf-8") as f, open(old, "w", newline="", encoding="utf-8") as g:
        w = csv.writer(g, lineterminator="\n")
        for row in csv.reader(f):
            w.writerow(row[:keep])
    s = load_session(old)
    assert s.rows == FPS * SECONDS * 2 and read_attention(old, summarise(s)) is None
    assert build_session_report(old).html.is_file()
