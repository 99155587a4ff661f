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


def _crowded_gallery(view, rows=5, cols=5, long_names=True):
    """A 1920x1080 gallery of rows x cols tiles, a face near each tile's top, long Zoom-style display names."""
    frame = np.full((1080, 1920, 3), 40, np.uint8)
    view.show_frame(frame)
    tw, th = 1920 // cols, 1080 // rows
    faces = []
    for k in range(rows * cols):
        p = np.full(7, 0.05)
        p[k % 7] = 0.7
        name = f"2023{1400 + k} 강서준" if long_names and k % 2 else "조하윤"
        faces.append(FaceResult(k + 1, ((k % cols) * tw + tw // 3, (k // cols) * th + th // 5, 120, 130), 0.9, p, name))
    view.show_result(FrameResult(0, 0.0, faces))
    return faces


def test_gallery_tags_never_overlap_on_a_540_px_view(qtbot):
    """The window's video at 1366x768 is about 540 px wide: 25 tiles' tags are placed apart, names first."""
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(540, 304)
    view.show()
    faces = _crowded_gallery(view)
    tags = view.tag_layout()
    assert len(tags) == len(faces)
    shown = [t for t in tags if t is not None]
    rects = [t.rect for t in shown]
    for i, a in enumerate(rects):
        assert 0 <= a[0] and a[2] <= 540 and 0 <= a[1] and a[3] <= 304, a
        for b in rects[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert len(shown) >= 0.8 * len(faces)  # almost every face still says who (or the start of who, cut with …)
    for tag, face in zip(tags, faces):
        if tag is not None:
            assert tag.lines[0] == face.name or tag.lines[0].endswith("…") and face.name.startswith(tag.lines[0][:-1])


def test_the_selected_face_keeps_its_whole_tag(qtbot):
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(540, 304)
    view.show()
    faces = _crowded_gallery(view)
    view.selected_id = faces[12].face_id
    tag = view.tag_layout()[12]
    assert tag is not None and tag.lines[0] == faces[12].name and len(tag.lines) == 2  # who, and the emotion
