"""Per-student statistics and the attention order, on a timeline written by the app's own recorder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.classes import EMOTIONS
from core.recording.recorder import SessionRecorder
from core.records import FaceResult, FrameResult
from core.report.session import load_session
from core.report.students import clock, length, summarise


def _probs(emotion: str) -> np.ndarray:
    p = np.full(len(EMOTIONS), 0.05)
    p[EMOTIONS.index(emotion)] = 0.7
    return p


def _face(face_id: int, emotion: str, name: str = "") -> FaceResult:
    return FaceResult(face_id, (10 * face_id, 10, 50, 50), 0.99, _probs(emotion), name)


@pytest.fixture()
def known(tmp_path: Path) -> Path:
    """110 s at 1 frame/s: 가나 negative from 20 s to 90 s; face 2 away from 30 s to 60 s; 다라 calm; 10 s empty at the end."""
    path = tmp_path / "known.csv"
    with SessionRecorder(path) as rec:
        for t in range(110):
            faces = []
            if t < 100:
                first = "happy" if t < 20 else "sad" if t < 50 else "angry" if t < 90 else "neutral"
                faces.append(_face(1, first, "가나"))
                if t < 30 or t >= 60:
                    faces.append(_face(2, "neutral"))
                faces.append(_face(3, "fear" if 10 <= t < 15 else "neutral", "다라" if t >= 5 else ""))
            rec.write_frame(FrameResult(t, float(t), faces))
    return path


def test_statistics_of_a_known_session(known: Path) -> None:
    summary = summarise(load_session(known))
    assert summary.duration_s == pytest.approx(110) and summary.step_s == pytest.approx(1)
    first, second, third = summary.students
    assert [s.label for s in summary.students] == ["가나", "face 2", "다라"]  # named late: 다라 still one student
    assert first.flagged and second.flagged and not third.flagged
    assert first.longest_negative is not None
    assert (first.longest_negative.start_s, first.longest_negative.length_s) == (20, 70)
    assert first.negative_share == pytest.approx(0.7)
    assert first.on_camera_s == pytest.approx(100)
    assert [(g.start_s, g.end_s) for g in first.gaps] == [(100, 110)]
    assert [(g.start_s, g.end_s) for g in second.gaps] == [(30, 60), (100, 110)]
    assert second.on_camera_s == pytest.approx(70) and second.away_s == pytest.approx(40)
    assert "off camera 36% of the session" in second.reasons
    assert third.longest_negative.length_s == 5 and third.shares[EMOTIONS.index("fear")] == pytest.approx(0.05)
    assert summary.mood[0] == pytest.approx([0, 0, 0, 1 / 3, 2 / 3, 0, 0])
    assert summary.faces_on_camera[0] == 3 and summary.faces_on_camera[-1] == 0
    assert (second.strip[30:60] == -1).all() and (second.strip[:30] == EMOTIONS.index("neutral")).all()


def test_one_face_one_frame(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    with SessionRecorder(path) as rec:
        rec.write_frame(FrameResult(0, 0.0, [_face(1, "happy", "혼자")]))
    summary = summarise(load_session(path))
    assert [s.label for s in summary.students] == ["혼자"]
    assert summary.students[0].shares[EMOTIONS.index("happy")] == 1.0


def test_no_face_at_all(tmp_path: Path) -> None:
    path = tmp_path / "empty_room.csv"
    with SessionRecorder(path) as rec:
        for t in range(5):
            rec.write_frame(FrameResult(t, t * 0.5, []))
    summary = summarise(load_session(path))
    assert summary.students == () and summary.duration_s == pytest.approx(2.5)


def test_time_words() -> None:
    assert [clock(5), clock(65), clock(3725)] == ["0:05", "1:05", "1:02:05"]
    assert [length(0.4), length(45), length(185), length(7440)] == ["0.4 s", "45 s", "3 min 05 s", "2 h 04 min"]


def test_the_strip_is_white_only_where_the_shares_count_off_camera(tmp_path: Path) -> None:
    """A 3 s absence (under GAP_S) is on camera in the shares, so not white in the strip; a 20 s one is both."""
    path = tmp_path / "gaps.csv"
    with SessionRecorder(path) as rec:
        for t in range(0, 600, 1):  # 600 s at 1 frame/s: more seconds than the strip has bins
            faces = [_face(2, "neutral")]
            if not (100 <= t < 103 or 300 <= t < 320):
                faces.append(_face(1, "happy", "가나"))
            rec.write_frame(FrameResult(t, float(t), faces))
    summary = summarise(load_session(path))
    s = next(s for s in summary.students if s.label == "가나")
    bin_s = summary.duration_s / s.strip.size
    white_s = float((s.strip < 0).sum()) * bin_s
    assert s.off_camera_s == pytest.approx(20)
    assert white_s == pytest.approx(s.off_camera_s, abs=2 * bin_s)
    assert s.strip[int(101.5 / bin_s)] == EMOTIONS.index("happy")
