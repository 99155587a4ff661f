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
from gui.i18n import emotion_name, emotion_names, translate
from gui.mini_bars import GROUP_W, draw_bars
from gui.palette import EMOTION_COLORS

CARD = QSize(148, 62)
COMPACT_CARD = QSize(108, 50)  # a large class (45 students) in the width a laptop leaves the view
CARD_SPACING = 6
SELECTED_PEN = "#1565c0"
ABSENT_AFTER_S = 1.0  # a card greys out once its face has not been found for this long
ATTENTION_MARK_COLOR = "#e65100"
LOOKING_COLOR = "#1565c0"


def duration(seconds: float) -> str:
    """'42 s', '3 min', '1 h 05 min': short enough for a card."""
    s = int(seconds)
    if s < 60:
        return translate("ClassPanel", "{n} s").format(n=s)
    if s < 3600:
        return translate("ClassPanel", "{n} min").format(n=s // 60)
    return translate("ClassPanel", "{h} h {m} min").format(h=s // 3600, m=f"{s % 3600 // 60:02d}")


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
    compact = h < CARD.height()
    pad, top = (5, 18) if compact else (8, 26)
    p.setPen(QColor("#9e9e9e" if away else "#212121"))
    name = p.fontMetrics().elidedText(student.label(), Qt.TextElideMode.ElideRight, w - pad - 22)
    p.drawText(QRect(x + pad, y + 2 if compact else y + 4, w - pad - 22, 16 if compact else 18),
               Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    p.setBrush(QColor("#bdbdbd" if away else "#43a047"))  # presence dot
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(x + w - (16 if compact else 20), y + (6 if compact else 8), 9 if compact else 10, 9 if compact else 10)
    p.setOpacity(0.35 if away else 1.0)
    draw_bars(p, x + pad, y + top, student.probs)
    p.setOpacity(1.0)
    small = QFont(font)
    if compact:
        small.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
    p.setFont(small)
    emotion = EMOTIONS[student.dominant]
    if away and student.camera_off:
        what, since, color = translate("ClassPanel", "camera off"), "", "#757575"
    elif away:
        what, since, color = translate("ClassPanel", "not seen"), duration(unseen), "#757575"
    else:
        what, since, color = emotion_name(emotion), duration(now_s - student.dominant_since_s), EMOTION_COLORS[emotion]
    p.setPen(QColor(color))
    left = x + pad + GROUP_W + 6
    mark = "" if away else attention_mark(student)
    # a compact card has no room for "emotion 3 min" on one line: two short lines (the second the attention mark)
    lines = [(what if compact else f"{what} {since}", color)]
    if compact or mark:
        lines.append((mark, ATTENTION_MARK_COLOR) if mark else (since, color))
    line_h = 28 // len(lines)
    for i, (text, line_color) in enumerate(lines):
        p.setPen(QColor(line_color))
        p.drawText(QRect(left, y + top + i * line_h, x + w - left - 4, line_h),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.restore()


def attention_mark(student: StudentState) -> str:
    """What the card says about attention: eyes closed, looking away, or nothing (also when attention is off)."""
    a = student.attention
    if a is None or not a.measured:
        return ""
    if a.eyes_closed:
        return translate("ClassPanel", "◉ eyes closed")
    if a.looking_away:
        return translate("ClassPanel", "↷ looking away")
    return ""


def card_pixmap(student: StudentState, now_s: float, selected: bool, font: QFont, size: QSize = CARD) -> QPixmap:
    """One student's card as a picture (the list paints cards straight onto its viewport)."""
    pix = QPixmap(size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    paint_card(p, QRect(0, 0, size.width(), size.height()), student, now_s, selected, font)
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
            names = emotion_names()
            return (translate("ClassPanel", "{name} (face #{id}): ").format(name=s.label(), id=s.face_id)
                    + ", ".join(f"{names[e]} {p:.0%}" for e, p in zip(EMOTIONS, s.probs)))
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


def card_grid(count: int, width: int, height: int) -> tuple[QSize, int]:
    """The card size and columns for `count` cards in a view of `width` x `height` pixels.

    Full cards when they all fit without scrolling, else compact ones (more per row); the
    cards stretch to share the row's width evenly, so no empty band is left beside them.
    """
    for size in (CARD, COMPACT_CARD):
        columns = max(1, width // (size.width() + CARD_SPACING))
        rows = -(-max(count, 1) // columns)
        if rows * (size.height() + CARD_SPACING) <= height:
            break
    card_w = max(size.width(), width // columns - CARD_SPACING)
    return QSize(card_w, size.height()), columns


class _CardDelegate(QStyledItemDelegate):
    def __init__(self, model: _Cards) -> None:
        super().__init__()
        self._model = model
        self.card = CARD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        m = self._model
        s = m.students[index.row()]
        paint_card(painter, option.rect, s, m.now_s, s.face_id == m.selected_id, option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return self.card


class _CardList(QListView):
    """The cards' list: a grid that re-fits its cards to its size (see `card_grid`)."""

    def __init__(self, delegate: _CardDelegate) -> None:
        super().__init__()
        self._delegate = delegate
        self.columns = 1
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setGridSize(CARD + QSize(CARD_SPACING, CARD_SPACING))

    def fit(self) -> None:
        """Choose the card size for the number of cards and the room there is."""
        count = self.model().rowCount() if self.model() is not None else 0
        # The room with a scroll bar, whether shown or not: a width that changed when the bar
        # came and went would re-fit the cards back and forth.
        room = self.contentsRect()
        width = room.width() - self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent) - 2
        card, self.columns = card_grid(count, width, room.height() - 2)
        if card != self._delegate.card:
            self._delegate.card = card
            self.setGridSize(card + QSize(CARD_SPACING, CARD_SPACING))
            self.doItemsLayout()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit()


class _RecentStrip(pg.PlotWidget):
    """A small plot of the last five minutes: no menu, no mouse, 0 / ½ / all up the side."""

    def __init__(self, parent: QWidget | None, top: float) -> None:
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.setXRange(-MOOD_WINDOW_S, 0, padding=0)
        self.setYRange(0, top, padding=0)
        self.getAxis("left").setTicks([[(0, "0"), (0.5, "½"), (1, translate("ClassPanel", "all"))]])
        self.getAxis("bottom").setTicks([[(-300, translate("ClassPanel", "−5 min")),
                                          (-180, translate("ClassPanel", "−3 min")),
                                          (-60, translate("ClassPanel", "−1 min")), (0, translate("ClassPanel", "now"))]])


class MoodStrip(_RecentStrip):
    """Share of present students in each dominant emotion, stacked, over the last five minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, top=1.08)  # room above 1 for the top tick's text, which was cut in half
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
        self.setToolTip(self.tr("Class mood: share of students on camera in each dominant emotion, last 5 minutes"))

    def set_series(self, times: np.ndarray, shares: np.ndarray) -> None:
        """Times (seconds before now) and [T, 7] shares, oldest first."""
        if len(times) < 2:
            times, shares = np.array([-1e-3, 0.0]), np.zeros((2, NUM_CLASSES))
        stacked = np.concatenate([np.zeros((len(times), 1)), np.cumsum(shares, axis=1)], axis=1)
        for i, edge in enumerate(self._edges):
            edge.setData(times, stacked[:, i])


class LookingStrip(_RecentStrip):
    """Share of the students on camera looking at the screen with eyes open, over the last five minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, top=1.0)
        self.setMaximumHeight(90)
        self.curve = self.plot([], [], pen=pg.mkPen(LOOKING_COLOR, width=2), connect="finite")  # built once
        self.setToolTip(self.tr("Share of students on camera looking at the screen with eyes open, last 5 minutes"))

    def set_series(self, times: np.ndarray, shares: np.ndarray) -> None:
        """Times (seconds before now) and shares (NaN where nobody was measured), oldest first."""
        self.curve.setData(times, shares)


class ClassPanel(QWidget):
    """Cards of every student seen, a sort choice and the mood strip; clicks select, double-clicks name."""

    faceSelected = Signal(int)
    renameRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort_box = QComboBox()
        self.sort_box.addItems([self._sort_label(k) for k in SORT_KEYS])
        self.sort_box.setToolTip(self.tr("Order of the cards: id, longest unseen first, or most of an emotion first"))
        self.count_label = QLabel(self.tr("No students yet"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Class")))
        top.addWidget(self.count_label, 1)
        top.addWidget(self.sort_box)
        self.model = _Cards()
        self._delegate = _CardDelegate(self.model)
        self.cards = _CardList(self._delegate)
        self.cards.setModel(self.model)
        self.cards.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.cards.clicked.connect(lambda index: self.faceSelected.emit(int(index.data(Qt.ItemDataRole.UserRole))))
        self.cards.doubleClicked.connect(
            lambda index: self.renameRequested.emit(int(index.data(Qt.ItemDataRole.UserRole))))
        self.cards.setToolTip(self.tr("Click a card to follow that student; double-click to name them"))
        self.mood = MoodStrip()
        self.camera_off_label = QLabel()  # participants present by name only (camera off all along)
        self.camera_off_label.setWordWrap(True)
        self.camera_off_label.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.camera_off_label)
        lay.addWidget(QLabel(self.tr("Class mood, last 5 minutes")))
        lay.addWidget(self.mood)
        self.looking_label = QLabel(self.tr("Looking at the screen, last 5 minutes"))
        self.looking = LookingStrip()
        lay.addWidget(self.looking_label)
        lay.addWidget(self.looking)
        self.set_attention(False)

    def set_attention(self, on: bool) -> None:
        """Show or hide the looking-at-the-screen strip (the Attention switch)."""
        self.attention_on = bool(on)
        self.looking_label.setVisible(self.attention_on)
        self.looking.setVisible(self.attention_on)

    def _sort_label(self, key: str) -> str:
        if key == "id":
            return self.tr("by id")
        if key == "not seen":
            return self.tr("by not seen")
        return self.tr("by {emotion}").format(emotion=emotion_name(key))

    @property
    def sort_key(self) -> str:
        """The chosen order: 'id', 'not seen' or an emotion."""
        return SORT_KEYS[self.sort_box.currentIndex()]

    def refresh(self, roster: ClassRoster, selected_id: int | None) -> None:
        """Show the roster's students (cards repaint; items are rebuilt only when the order changed)."""
        students = roster.students(self.sort_key)
        count = self.model.rowCount()
        self.model.show(students, roster.now_s, selected_id)
        if self.model.rowCount() != count:
            self.cards.fit()
        present = len(roster.present())
        self.count_label.setText(self.tr("{present} on camera, {seen} seen").format(present=present, seen=len(students))
                                 if students else self.tr("No students yet"))
        off = roster.camera_off_names
        off_students = sum(s.camera_off for s in students)
        if off or off_students:
            self.count_label.setText(self.count_label.text() + self.tr(", %n camera off", "", len(off) + off_students))
        self.camera_off_label.setVisible(bool(off))
        if off:
            self.camera_off_label.setText(self.tr("Camera off: %1").replace("%1", ", ".join(off)))
        self.mood.set_series(*roster.mood_series())
        if self.attention_on:
            self.looking.set_series(*roster.looking_series())
