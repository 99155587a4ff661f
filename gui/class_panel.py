"""The class view: a card per student (name, seven mini bars, dominant emotion and for how long,
presence), sortable, and the class mood strip over the last five minutes."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from core.classes import EMOTIONS, NUM_CLASSES
from core.live.roster import MOOD_WINDOW_S, SORT_KEYS, ClassRoster, StudentState
from gui.mini_bars import draw_bars
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


def paint_card(p: QPainter, rect: QRect, student: StudentState, now_s: float, selected: bool, font: QFont) -> None:
    """Draw one student's card into `rect` of any painter (the list's viewport, or a picture)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    unseen = student.unseen_s(now_s)
    away = unseen > ABSENT_AFTER_S
    p.setBrush(QColor("#f2f2f2" if away else "#ffffff"))
    p.setPen(QPen(QColor(SELECTED_PEN if selected else "#c8c8c8"), 3 if selected else 1))
    p.drawRoundedRect(QRect(x + 1, y + 1, w - 3, h - 3), 6, 6)
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(QColor("#9e9e9e" if away else "#212121"))
    name = p.fontMetrics().elidedText(student.label(), Qt.TextElideMode.ElideRight, w - 30)
    p.drawText(QRect(x + 8, y + 4, w - 30, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    p.setBrush(QColor("#bdbdbd" if away else "#43a047"))  # presence dot
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(x + w - 20, y + 8, 10, 10)
    p.setOpacity(0.35 if away else 1.0)
    draw_bars(p, x + 8, y + 26, student.probs)
    p.setOpacity(1.0)
    p.setFont(font)
    emotion = EMOTIONS[student.dominant]
    if away and student.camera_off:
        status, color = QCoreApplication.translate("ClassPanel", "camera off"), "#757575"
    elif away:
        status, color = f"not seen {duration(unseen)}", "#757575"
    else:
        status, color = f"{emotion} {duration(now_s - student.dominant_since_s)}", EMOTION_COLORS[emotion]
    p.setPen(QColor(color))
    p.drawText(QRect(x + 56, y + 26, w - 60, 28), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
               status)
    p.restore()


def card_pixmap(student: StudentState, now_s: float, selected: bool, font: QFont) -> QPixmap:
    """One student's card as a picture (the list paints cards straight onto its viewport)."""
    pix = QPixmap(CARD)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    paint_card(p, QRect(0, 0, CARD.width(), CARD.height()), student, now_s, selected, font)
    p.end()
    return pix


class _Cards(QAbstractListModel):
    """The students in display order; the delegate paints them, nothing is a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.students: list[StudentState] = []
        self.now_s = 0.0
        self.selected_id: int | None = None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.students)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        s = self.students[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return s.face_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.label()} (face #{s.face_id}): " + ", ".join(f"{e} {p:.0%}" for e, p in zip(EMOTIONS, s.probs))
        return None

    def show(self, students: list[StudentState], now_s: float, selected_id: int | None) -> None:
        """New states: a reset when the order changed, else one repaint of every card."""
        same_order = [s.face_id for s in students] == [s.face_id for s in self.students]
        self.now_s, self.selected_id = now_s, selected_id
        if same_order:
            self.students = students
            if students:
                self.dataChanged.emit(self.index(0), self.index(len(students) - 1))
        else:
            self.beginResetModel()
            self.students = students
            self.endResetModel()


class _CardDelegate(QStyledItemDelegate):
    def __init__(self, model: _Cards) -> None:
        super().__init__()
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        m = self._model
        s = m.students[index.row()]
        paint_card(painter, option.rect, s, m.now_s, s.face_id == m.selected_id, option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return CARD


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
        self.setMaximumHeight(110)
        # built once; refresh() only moves their data (curve items: a data item without a pen
        # keeps no path, and the fills between them would stay empty)
        self._edges = [pg.PlotCurveItem(pen=pg.mkPen(None)) for _ in range(NUM_CLASSES + 1)]
        for edge in self._edges:
            self.addItem(edge)
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
        self.model = _Cards()
        self.cards = QListView()
        self.cards.setModel(self.model)
        self._delegate = _CardDelegate(self.model)
        self.cards.setItemDelegate(self._delegate)
        self.cards.setViewMode(QListView.ViewMode.IconMode)
        self.cards.setMovement(QListView.Movement.Static)
        self.cards.setResizeMode(QListView.ResizeMode.Adjust)
        self.cards.setUniformItemSizes(True)
        self.cards.setGridSize(CARD + QSize(6, 6))
        self.cards.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.cards.clicked.connect(lambda index: self.faceSelected.emit(int(index.data(Qt.ItemDataRole.UserRole))))
        self.cards.doubleClicked.connect(
            lambda index: self.renameRequested.emit(int(index.data(Qt.ItemDataRole.UserRole))))
        self.cards.setToolTip("Click a card to follow that student; double-click to name them")
        self.mood = MoodStrip()
        self.camera_off_label = QLabel()  # participants present by name only (camera off all along)
        self.camera_off_label.setWordWrap(True)
        self.camera_off_label.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.camera_off_label)
        lay.addWidget(QLabel("Class mood, last 5 minutes"))
        lay.addWidget(self.mood)

    @property
    def sort_key(self) -> str:
        """The chosen order: 'id', 'not seen' or an emotion."""
        return SORT_KEYS[self.sort_box.currentIndex()]

    def refresh(self, roster: ClassRoster, selected_id: int | None) -> None:
        """Show the roster's students (cards repaint; items are rebuilt only when the order changed)."""
        students = roster.students(self.sort_key)
        self.model.show(students, roster.now_s, selected_id)
        present = len(roster.present())
        self.count_label.setText(f"{present} on camera, {len(students)} seen" if students else "No students yet")
        off = roster.camera_off_names
        off_students = sum(s.camera_off for s in students)
        if off or off_students:
            self.count_label.setText(self.count_label.text() + self.tr(", %n camera off", "", len(off) + off_students))
        self.camera_off_label.setVisible(bool(off))
        if off:
            self.camera_off_label.setText(self.tr("Camera off: %1").replace("%1", ", ".join(off)))
        self.mood.set_series(*roster.mood_series())
