"""The fixed-width status label: long text is elided, never widening the window."""

from __future__ import annotations

from gui.elided_label import ElidedLabel


def test_long_text_is_elided_and_kept_whole_in_the_tooltip(qtbot):
    label = ElidedLabel("short", width_chars=20)
    qtbot.addWidget(label)
    width = label.width()
    assert label.text() == "short" and label.full_text() == "short"
    path = "/home/teacher/Videos/" + "very-long-folder-name/" * 10 + "class.mp4"
    label.set_full_text(path)
    assert label.width() == width  # the label (and so the window) does not grow
    assert label.text() != path and "…" in label.text()
    assert label.text().endswith("class.mp4")  # elided in the middle: the file name stays
    assert label.full_text() == path and label.toolTip() == path


def test_text_that_fits_is_left_alone_and_a_huge_file_name_is_elided_too(qtbot):
    label = ElidedLabel(width_chars=20)
    qtbot.addWidget(label)
    label.set_full_text("camera 0")
    assert label.text() == "camera 0"
    name = "x" * 200 + ".mp4"
    label.set_full_text("/videos/" + name)
    assert "…" in label.text() and label.text().endswith(".mp4")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
