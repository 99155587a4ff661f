"""Face tags say who, the dominant emotion and how sure, on big faces and on a gallery's small ones."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtGui import QFont  # noqa: E402

from core.records import FaceResult, FrameResult  # noqa: E402
from gui.video_view import VideoView, _advance, fit_tag  # noqa: E402


def measure(size, text):
    return _advance(QFont(), size, text)


def test_a_big_face_gets_one_line():
    size, lines = fit_tag("#3", "happy 82%", 200, measure)
    assert (size, lines) == (10, ["#3 happy 82%"])


def test_a_small_gallery_face_keeps_emotion_and_confidence():
    size, lines = fit_tag("김민준", "neutral 64%", 42, measure)
    assert lines == ["김민준", "neutral 64%"] and size <= 10
    assert max(measure(size, line) for line in lines) <= max(42 * 1.15, 40) + 6 or size == 7


def test_tags_are_painted_for_every_face(qtbot):
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    frame = np.full((720, 1280, 3), 90, np.uint8)
    view.show_frame(frame)
    p = np.full(7, 0.05)
    p[3] = 0.7
    faces = [FaceResult(i, (20 + 100 * i, 300, 60, 60), 0.9, p) for i in range(1, 11)]
    view.show_result(FrameResult(0, 0.0, faces))
    image = view.grab().toImage()
    # the "happy" colour fills a tag above each box
    assert image.pixelColor(int((20 + 100 * 1) / 2) + 3, int(300 / 2) - 4).name() != "#5a5a5a"
