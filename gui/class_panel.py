"""The class view: a card per student (name, seven mini bars, dominant emotion and for how long,
presence), sortable, and the class mood strip over the last five minutes."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.classes import EMOTIONS, NUM_CLASSES
from core.live.roster import MOOD_WINDOW_S, SORT_KEYS, ClassRoster, StudentState
from gui.mini_bars import mini_bars
from gui.palette import EMOTION_COLORS

CARD = QSize(156, 62)
SELECTED_PEN = "#1565c0"
ABSENT_AFTER_S = 1.0  # a card greys out once its face has not been found for this long


def duration(seconds: float) -> str:
    """'42 s', '3 min', '1 h 05 min': short enough for a card."""
    s = int(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def card_pixmap(student: StudentState, now_s: float, selected: bool, font: QFont) -> QPixmap:
    """One student's card as a picture: drawn once per refresh, no widget per student."""
    pix = QPixmap(CARD)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    unseen = student.unseen_s(now_s)
    away = unseen > ABSENT_AFTER_S
    p.setBrush(QColor("#f2f2f2" if away else "#ffffff"))
    p.setPen(QPen(QColor(SELECTED_PEN if selected else "#c8c8c8"), 3 if selected else 1))
    p.drawRoundedRect(QRect(1, 1, CARD.width() - 3, CARD.height() - 3), 6, 6)
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(QColor("#9e9e9e" if away else "#212121"))
    name = p.fontMetrics().elidedText(student.label(), Qt.TextElideMode.ElideRight, CARD.width() - 30)
    p.drawText(QRect(8, 4, CARD.width() - 30, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    p.setBrush(QColor("#bdbdbd" if away else "#43a047"))  # presence dot
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(CARD.width() - 20, 8, 10, 10)
    p.setOpacity(0.35 if away else 1.0)
    p.drawPixmap(8, 26, mini_bars(student.probs))
    p.setOpacity(1.0)
    p.setFont(font)
    emotion = EMOTIONS[student.dominant]
    if away:
        status, color = f"not seen {duration(unseen)}", "#757575"
    else:
        status, color = f"{emotion} {duration(now_s - student.dominant_since_s)}", EMOTION_COLORS[emotion]
    p.setPen(QColor(color))
    p.drawText(QRect(56, 26, CARD.width() - 60, 28), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
               status)
    p.end()
    return pix


class MoodStrip(pg.PlotWidget):
    """Share of present students in each dominant emotion, stacked, over the last five minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.setXRange(-MOOD_WINDOW_S, 0, padding=0)
        self.setYRange(0, 1, padding=0)
        self.getAxis("left").setTicks([[(0, "0"), (0.5, "½"), (1, "all")]])
        self.getAxis("bottom").setTicks([[(-300, "−5 min"), (-180, "−3 min"), (-60, "−1 min"), (0, "now")]])
        self.setMaximumHeight(90)
        # built once; refresh() only moves their data
        self._edges = [self.plot([], [], pen=None) for _ in range(NUM_CLASSES + 1)]
        self._fills = []
        for i, e in enumerate(EMOTIONS):
            fill = pg.FillBetweenItem(self._edges[i], self._edges[i + 1], brush=pg.mkBrush(EMOTION_COLORS[e]))
            self.addItem(fill)
            self._fills.append(fill)
        self.setToolTip("Class mood: share of students on camera in each dominant emotion, last 5 minutes")

    def set_series(self, times: np.ndarray, shares: np.ndarray) -> None:
        """Times (seconds before now) and [T, 7] shares, oldest first."""
        if len(times) < 2:
            times, shares = np.array([-1e-3, 0.0]), np.zeros((2, NUM_CLASSES))
        stacked = np.concatenate([np.zeros((len(times), 1)), np.cumsum(shares, axis=1)], axis=1)
        for i, edge in enumerate(self._edges):
            edge.setData(times, stacked[:, i])


class ClassPanel(QWidget):
    """Cards of every student seen, a sort choice and the mood strip; clicks select, double-clicks name."""

    faceSelected = Signal(int)
    renameRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort_box = QComboBox()
        self.sort_box.addItems([f"by {k}" for k in SORT_KEYS])
        self.sort_box.setToolTip("Order of the cards: id, longest unseen first, or most of an emotion first")
        self.count_label = QLabel("No students yet")
        top = QHBoxLayout()
        top.addWidget(QLabel("Class"))
        top.addWidget(self.count_label, 1)
        top.addWidget(self.sort_box)
        self.cards = QListWidget()
        self.cards.setViewMode(QListView.ViewMode.IconMode)
        self.cards.setMovement(QListView.Movement.Static)
        self.cards.setResizeMode(QListView.ResizeMode.Adjust)
        self.cards.setUniformItemSizes(True)
        self.cards.setIconSize(CARD)
        self.cards.setGridSize(CARD + QSize(6, 6))
        self.cards.setSpacing(0)
        self.cards.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.cards.itemClicked.connect(lambda item: self.faceSelected.emit(int(item.data(Qt.ItemDataRole.UserRole))))
        self.cards.itemDoubleClicked.connect(
            lambda item: self.renameRequested.emit(int(item.data(Qt.ItemDataRole.UserRole))))
        self.cards.setToolTip("Click a card to follow that student; double-click to name them")
        self.mood = MoodStrip()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.cards, 1)
        lay.addWidget(QLabel("Class mood, last 5 minutes"))
        lay.addWidget(self.mood)
        self._order: list[int] = []

    @property
    def sort_key(self) -> str:
        """The chosen order: 'id', 'not seen' or an emotion."""
        return SORT_KEYS[self.sort_box.currentIndex()]

    def refresh(self, roster: ClassRoster, selected_id: int | None) -> None:
        """Redraw the cards (reordering items only when the order changed) and the mood strip."""
        students = roster.students(self.sort_key)
        order = [s.face_id for s in students]
        if order != self._order:
            self.cards.clear()
            for s in students:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, s.face_id)
                item.setSizeHint(CARD)
                self.cards.addItem(item)
            self._order = order
        font = self.cards.font()
        for row, s in enumerate(students):
            item = self.cards.item(row)
            item.setIcon(QIcon(card_pixmap(s, roster.now_s, s.face_id == selected_id, font)))
            item.setToolTip(f"{s.label()} (face #{s.face_id}): "
                            + ", ".join(f"{e} {p:.0%}" for e, p in zip(EMOTIONS, s.probs)))
        present = len(roster.present())
        self.count_label.setText(f"{present} on camera, {len(students)} seen" if students else "No students yet")
        self.mood.set_series(*roster.mood_series())
