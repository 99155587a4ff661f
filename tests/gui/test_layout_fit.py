"""The window at laptop and desktop sizes, offscreen: plots reach the newest second, cards wrap, nothing hides."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QSettings  # noqa: E402

from core.live.engine import LiveEngine  # noqa: E402
from core.records import FaceResult, FrameResult  # noqa: E402
from gui.class_panel import COMPACT_CARD, card_grid  # noqa: E402
from gui.layout_fit import short_label  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

SIZES = [(1366, 768), (1920, 1080), (1280, 760)]


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, factory, settings, tmp_path) -> MainWindow:
    w = MainWindow(LiveEngine(factory), settings)
    w.choose_output_folder(str(tmp_path / "sessions"))
    qtbot.addWidget(w)
    w.show()
    return w


def a_class(n: int, frames: int = 10) -> list[FrameResult]:
    rng = np.random.default_rng(1)
    out = []
    for i in range(frames):
        faces = []
        for fid in range(1, n + 1):
            p = rng.dirichlet(np.ones(7))
            faces.append(FaceResult(fid, (fid * 20, 40, 50, 50), 0.9, p))
        out.append(FrameResult(i, i / 5, faces))
    return out


@pytest.mark.parametrize("size", SIZES)
def test_plots_show_the_newest_second_and_cards_wrap(qtbot, factory, settings, tmp_path, size):
    w = make_window(qtbot, factory, settings, tmp_path)
    w.resize(*size)
    qtbot.waitUntil(lambda: w.size().toTuple() == size, timeout=3000)
    for t in range(30):
        w.timeline.append(float(t), np.full(7, 1 / 7))
        w.congruence.append(float(t), 0.5)
    w.timeline.redraw()
    w.congruence.redraw()
    qtbot.wait(50)
    for plot in (w.timeline, w.congruence):
        left, right = plot.visible_x_range()
        assert right >= -0.5, f"at {size} the plot ends at {right:.1f} s, not at 0 s"
        assert left <= -59.5
        assert plot.getPlotItem().width() <= plot.width() + 1
    for result in a_class(25):
        w.roster.update(result)
    w._refresh_class()
    qtbot.wait(50)
    view = w.class_panel.cards
    rects = [view.visualRect(w.class_panel.model.index(i)) for i in range(25)]
    columns = len({r.x() for r in rects})
    assert columns >= 2, f"cards do not wrap at {size}"
    assert max(r.right() for r in rects) <= view.viewport().width()
    if size == (1920, 1080):  # a 5x5 class: every card in view, none behind a scroll bar
        assert all(view.viewport().rect().contains(r) for r in rects)
    # the device selector stays on the toolbar, not in its overflow menu
    assert w.device_box.isVisible()
    w.close()


def test_forty_five_get_compact_cards_that_all_fit_a_desktop_column():
    card, columns = card_grid(45, 560, 830)
    assert card.height() == COMPACT_CARD.height() and columns >= 4
    assert -(-45 // columns) * (card.height() + 6) <= 830
    card, columns = card_grid(25, 560, 830)
    assert card.height() > COMPACT_CARD.height()  # a 5x5 class keeps full cards


def test_long_reopen_path_is_elided_and_splitters_are_remembered(qtbot, factory, settings, tmp_path):
    long = tmp_path / ("a_very_long_folder_name_" * 4) / "lesson_recording_of_the_third_period_2026-11-30.mp4"
    settings.setValue("source", f"file|{long}|")
    w = make_window(qtbot, factory, settings, tmp_path)
    w.resize(1366, 768)
    qtbot.wait(50)
    assert len(w.act_last.iconText()) < 40 and str(long) in w.act_last.text()
    assert w.device_box.isVisible()
    w.split.setSizes([500, 500, 300])
    w.left_split.setSizes([300, 400])
    sizes, left = w.split.sizes(), w.left_split.sizes()
    w.close()
    again = make_window(qtbot, factory, settings, tmp_path)
    again.resize(1366, 768)  # the offscreen screen is smaller: the remembered size was fitted to it
    qtbot.wait(50)

    def shares(xs):
        return [x / sum(xs) for x in xs]

    assert np.allclose(shares(again.split.sizes()), shares(sizes), atol=0.03)
    assert np.allclose(shares(again.left_split.sizes()), shares(left), atol=0.03)
    again.close()


def test_opens_within_the_screen(qtbot, factory, settings, tmp_path):
    w = make_window(qtbot, factory, settings, tmp_path)
    room = w.screen().availableGeometry()
    floor = w.minimumSizeHint()  # the offscreen screen (800x800) is narrower than the window can be
    assert w.width() <= max(room.width(), floor.width()) and w.height() <= max(room.height(), floor.height())
    assert w.width() >= min(room.width(), 1366) * 0.9  # and uses most of it
    w.close()


def test_a_card_click_after_the_video_ended_selects_that_face_everywhere(qtbot, factory, settings, tmp_path):
    w = make_window(qtbot, factory, settings, tmp_path)
    results = a_class(3)
    for r in results:
        w.roster.update(r)
    w._refresh_class()
    w.select_face(1)
    w.select_face(3)  # no result comes any more: the bars and their title still follow
    assert "#3" in w.face_label.text()
    assert np.allclose(w.bars.heights, w.roster.get(3).probs)
    w.close()


def test_short_label_keeps_the_file_name():
    assert short_label("/home/t/class.mp4") == "class.mp4"
    cut = short_label("/x/" + "n" * 50 + ".mp4")
    assert len(cut) == 24 and cut.endswith(".mp4") and "…" in cut


def test_the_status_bar_says_the_video_has_ended(qtbot, factory, settings, tmp_path, synthetic_video):
    w = make_window(qtbot, factory, settings, tmp_path)
    w.sources.show_cameras([])  # no camera here; then a video is opened
    w.open_video(str(synthetic_video))
    assert "No camera found" not in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "(ended)" in w.source_label.full_text(), timeout=20000)
    assert synthetic_video.name in w.source_label.full_text()
    assert "end of video" in w.statusBar().currentMessage()
    w.close()
