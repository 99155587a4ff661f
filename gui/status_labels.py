"""The status bar: recording, source, rates and model labels, and the window's messages (over the video too)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from core.live.engine import LiveEngine
from core.view.window import WindowState
from gui.elided_label import ElidedLabel
from gui.engine_messages import window_text
from gui.video_view import VideoView

BANNER_COLORS = {"error": "#fdecea", "warning": "#fff4e5", "info": "#e8f4fd"}
REC_STYLE = "color: white; background: #d32f2f; padding: 0 6px; font-weight: bold;"


class StatusLabels(QObject):
    """Says the view state's status: follows `said`, `opened`, `source_changed`, `recording_changed` and `shown`."""

    def __init__(self, window: QMainWindow, video: VideoView, state: WindowState, engine: LiveEngine) -> None:
        super().__init__(window)
        self._bar, self._video, self._state, self._engine = window.statusBar(), video, state, engine
        self.rec_label = QLabel("")
        self.fps_label = QLabel(self.tr("– frames/s"))
        # Wide enough for any rate: a label that changes width re-lays out the whole window.
        self.fps_label.setMinimumWidth(self.fps_label.fontMetrics().horizontalAdvance(
            self.tr("{shown} frames/s shown, {analysed} analysed").format(shown=999, analysed=999)))
        self.model_label = QLabel(self.tr("model: loading…"))
        self.source_label = ElidedLabel(self.tr("no source"), width_chars=28)
        for w in (self.rec_label, self.source_label, self.fps_label, self.model_label):
            self._bar.addPermanentWidget(w)
        state.said.connect(lambda event: self.show_message(event.kind, window_text(event)))
        state.opened.connect(self._opened)
        state.source_changed.connect(self._source_changed)
        state.recording_changed.connect(self._recording_changed)
        state.shown.connect(lambda _result, _view: self._show_rates())

    def show_message(self, kind: str, text: str, banner: bool = True) -> None:
        """Show a status or fault in the status bar and (unless `banner` is False) over the video (never a modal box)."""
        self._state.status.said(kind, text)
        if banner:
            self._video.show_banner(text, BANNER_COLORS.get(kind, "#eeeeee"))
        self._bar.showMessage(text, 10000)

    def _opened(self, _label: str) -> None:
        self._video.hide_banner()
        self._bar.clearMessage()  # what was said about the last source is not about this one

    def _source_changed(self) -> None:
        status = self._state.status
        self.source_label.set_full_text(self.tr("{source} (ended)").format(source=status.source) if status.ended
                                        else status.source)

    def _recording_changed(self) -> None:
        path = self._state.status.recording
        self.rec_label.setText("" if path is None else self.tr("● REC"))
        self.rec_label.setStyleSheet("" if path is None else REC_STYLE)
        if path is not None:
            self.rec_label.setToolTip(self.tr("Recording to {path}").format(path=path))

    def _show_rates(self) -> None:
        shown, analysed = self._state.rates.per_second(time.monotonic())
        self.fps_label.setText(self.tr("{shown} frames/s shown, {analysed} analysed").format(shown=shown,
                                                                                          analysed=analysed))

    def poll(self) -> None:
        """The model's name and device, once the engine has loaded it."""
        if self._engine.ready.is_set():
            self.model_label.setText(self.tr("model: {model} on {device}").format(model=self._engine.model_name,
                                                                               device=self._engine.device_in_use))
