"""Widgets that follow the view state (core/view) with no engine behind them: the face column and the status bar."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtWidgets import QMainWindow  # noqa: E402

from core.live.events import ENDED, EngineEvent  # noqa: E402
from core.records import Attention, FaceResult, FrameResult  # noqa: E402
from core.view.window import WindowState  # noqa: E402
from gui.face_column import FaceColumn  # noqa: E402
from gui.status_labels import StatusLabels  # noqa: E402
from gui.video_view import VideoView  # noqa: E402

HAPPY, SAD = np.eye(7)[3], np.eye(7)[5]


def test_the_face_column_draws_the_selected_face_and_follows_a_click(qtbot):
    state = WindowState()
    column = FaceColumn(state)
    qtbot.addWidget(column)
    looking = Attention(3.0, -1.0, 0.0, 0.3, False, False, False)
    faces = [FaceResult(1, (0, 0, 40, 40), 0.9, HAPPY), FaceResult(2, (60, 0, 80, 80), 0.9, SAD, name="박지우",
                                                                    attention=looking)]
    state.take_result(FrameResult(0, 1.0, faces, text_probs=SAD), now=1.0)
    assert column.face_label.text() == "박지우 (face #2)" and np.array_equal(column.bars.heights, SAD)
    assert column.timeline.points == 1 and "1.00 (dominant classes agree)" in column.congruence_label.text()
    state.select(1)  # no new result: the bars follow at once from the class roster
    assert column.face_label.text() == "Face #1" and np.array_equal(column.bars.heights, HAPPY)
    assert column.timeline.points == 0
    column.show()
    state.set_attention(True)
    assert column.attention_plot.isVisible()
    state.select(2)
    state.take_result(FrameResult(1, 1.2, faces), now=1.2)
    assert column.attention_label.text().startswith("Attention: looking at the screen (yaw +3°")
    state.take_result(FrameResult(2, 1.4, []), now=1.4)
    assert column.face_label.text() == "No face" and "no reading" in column.attention_label.text()


def test_the_status_bar_says_the_source_its_end_the_recording_and_the_rates(qtbot, tmp_path):
    class Engine:  # what the labels ask of the engine
        ready = type("Flag", (), {"is_set": staticmethod(lambda: False)})()

    window = QMainWindow()
    qtbot.addWidget(window)
    video = VideoView()
    window.setCentralWidget(video)
    state = WindowState()
    labels = StatusLabels(window, video, state, Engine())
    labels.show_message("error", "cannot open")
    assert state.status.messages[-1] == ("error", "cannot open") and video.banner.text() == "cannot open"
    state.source_opened("clip.mp4")
    assert labels.source_label.full_text() == "clip.mp4" and window.statusBar().currentMessage() == ""
    state.take_events([EngineEvent("info", ENDED, {"name": "clip.mp4"})])
    assert labels.source_label.full_text() == "clip.mp4 (ended)"
    assert window.statusBar().currentMessage() == "end of video: clip.mp4"
    state.set_recording(tmp_path / "s.csv")
    assert labels.rec_label.text() == "● REC" and "s.csv" in labels.rec_label.toolTip()
    state.set_recording(None)
    assert labels.rec_label.text() == ""
    state.rates.frame_shown(0.0)
    state.take_result(FrameResult(0, 1.0, []), now=0.0)
    assert "frames/s shown" in labels.fps_label.text()
    labels.poll()
    assert labels.model_label.text() == "model: loading…"
