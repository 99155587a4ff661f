"""The selected face's column: its title, probability bars, the last minute, face–text congruence and attention."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.live.roster import StudentState
from core.records import FrameResult
from core.view.face_panel import EYES_CLOSED, LOOKING_AWAY, UNMEASURED, AttentionReading, FaceView
from core.view.window import WindowState
from gui.probability_bars import ProbabilityBars
from gui.timeline_plot import TimelinePlot


class FaceColumn(QWidget):
    """Draws the view state's selected face: follows `selected`, `shown`, `opened` and `attention_changed`."""

    def __init__(self, state: WindowState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.face_label = QLabel(self.tr("No face"))
        self.bars = ProbabilityBars()
        self.timeline = TimelinePlot()
        self.congruence_label = QLabel(self.tr("Face–text congruence: no message yet"))
        self.congruence = TimelinePlot(series={"congruence": "#2e7d32"})
        self.attention_label = QLabel(self.tr("Attention: no reading yet"))
        self.attention_plot = TimelinePlot(series={self.tr("looking at the screen"): "#1565c0",
                                                   self.tr("eyes open"): "#e65100"})
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.face_label)
        lay.addWidget(self.bars, 1)
        lay.addWidget(QLabel(self.tr("Last 60 s")))
        lay.addWidget(self.timeline, 1)
        lay.addWidget(self.congruence_label)
        lay.addWidget(self.congruence, 1)
        lay.addWidget(self.attention_label)
        lay.addWidget(self.attention_plot, 1)
        self._state = state
        state.selected.connect(self._selected)
        state.shown.connect(self._shown)
        state.opened.connect(lambda _label: self.timeline.clear_history())
        state.attention_changed.connect(self._attention_switched)

    def _title(self, face_id: int | None, name: str) -> str:
        if face_id is None:
            return self.tr("No face")
        return (self.tr("{name} (face #{id})").format(name=name, id=face_id) if name
                else self.tr("Face #{id}").format(id=face_id))

    def _selected(self, face_id: int | None, student: StudentState | None) -> None:
        for plot in (self.timeline, self.congruence, self.attention_plot):
            plot.clear_history()
        # The bars and their title follow at once, from the last the class view knows of this
        # face: after a video has ended no new result comes to update them.
        if student is not None:
            self.bars.set_probabilities(student.probs)
            self.face_label.setText(self._title(face_id, student.name))

    def _shown(self, result: FrameResult, view: FaceView) -> None:
        self.bars.set_probabilities(view.probs)
        self.face_label.setText(self._title(view.face_id, view.name))
        self.timeline.append(view.time_s, view.probs)
        c = view.congruence
        if c is not None:
            agree = self.tr("dominant classes agree") if c.agree else self.tr("dominant classes differ")
            self.congruence_label.setText(self.tr("Face–text congruence: {value} ({agree})").format(
                value=f"{c.value:.2f}", agree=agree))
        self.congruence.append(view.time_s, None if c is None else c.value)
        if view.attention is not None:
            self._show_attention(view.time_s, view.attention)

    def _show_attention(self, time_s: float, a: AttentionReading) -> None:
        if a.state == UNMEASURED:
            self.attention_label.setText(self.tr("Attention: no reading (face too small or not seen)"))
        else:
            state = (self.tr("eyes closed") if a.state == EYES_CLOSED else self.tr("looking away")
                     if a.state == LOOKING_AWAY else self.tr("looking at the screen"))
            self.attention_label.setText(self.tr("Attention: {0} (yaw {1:+d}°, pitch {2:+d}°, eyes {3:.2f})")
                                         .format(state, a.yaw, a.pitch, a.eyes))
        self.attention_plot.append(time_s, a.series)

    def _attention_switched(self, on: bool) -> None:
        self.attention_label.setVisible(on)
        self.attention_plot.setVisible(on)
        self.attention_plot.clear_history()

    def refresh_plot(self, turn: int) -> None:
        """Redraw one plot, taking turns: two repaints in one tick would add up to one long stall."""
        plots = (self.timeline, self.congruence, self.attention_plot) if self._state.attention \
            else (self.timeline, self.congruence)
        plots[turn % len(plots)].refresh()
