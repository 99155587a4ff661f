"""The video panel: the current frame with each face's box, id, dominant emotion and confidence."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from core.classes import EMOTIONS
from core.records import FrameResult
from gui.i18n import emotion_names
from gui.palette import EMOTION_COLORS
from gui.tag_layout import PlacedTag, layout_tags


TAG_POINT_SIZES = (10, 9, 8, 7)


def _advance(font: QFont, point_size: int, text: str) -> int:
    sized = QFont(font)
    sized.setPointSize(point_size)
    return QFontMetrics(sized).horizontalAdvance(text)


_METRICS: dict[str, dict[int, QFontMetrics]] = {}


def _tag_metrics_table(font: QFont) -> dict[int, QFontMetrics]:
    """The tag font's metrics per point size, built once per font: a gallery paints 45 tags 30 times a second."""
    key = font.key()
    if key not in _METRICS:
        _METRICS[key] = {}
        for size in TAG_POINT_SIZES:
            sized = QFont(font)
            sized.setPointSize(size)
            _METRICS[key][size] = QFontMetrics(sized)
    return _METRICS[key]


_ADVANCES: dict[tuple[str, int, str], int] = {}  # names and 'emotion NN%' texts repeat frame after frame


def _tag_metrics(font: QFont):
    """An advance(point_size, text) over the tag font's metrics, remembered (measuring is most of a layout's time)."""
    metrics, key = _tag_metrics_table(font), font.key()

    def advance(size: int, text: str) -> int:
        found = _ADVANCES.get((key, size, text))
        if found is None:
            if len(_ADVANCES) > 20000:
                _ADVANCES.clear()
            found = _ADVANCES[(key, size, text)] = metrics[size].horizontalAdvance(text)
        return found

    return advance


def fit_tag(who: str, emotion: str, box_width: float, advance) -> tuple[int, list[str]]:
    """Point size and lines of a face's tag: 'who emotion NN%' on one line over a wide box; over the
    small faces of a gallery, two lines ('who' / 'emotion NN%') in a font shrunk (down to 7 pt) to about
    the box's width, so tags do not cover each other and every face still says who, what and how sure.
    `advance(point_size, text)` measures text."""
    one_line = f"{who} {emotion}"
    for size in TAG_POINT_SIZES:
        if advance(size, one_line) + 8 <= max(box_width, 60):
            return size, [one_line]
        if max(advance(size, who), advance(size, emotion)) + 6 <= max(box_width * 1.15, 40):
            return size, [who, emotion]
    return TAG_POINT_SIZES[-1], [who, emotion]


class VideoView(QWidget):
    """Paints the newest frame scaled to fit; a click on a face box selects that face."""

    faceClicked = Signal(int)
    faceDoubleClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None
        self._frame: np.ndarray | None = None  # the last frame as given, to redraw after a resize
        self._frame_size = (1, 1)
        self._result: FrameResult | None = None
        self.selected_id: int | None = None
        self._tags: list[PlacedTag | None] = []
        self._tags_key: tuple | None = None
        self.placeholder = self.tr("No source. Pick a camera, a video file or the screen.")
        # Messages lie over the top of the picture: a banner in the layout would re-lay out
        # (and repaint) the whole window each time it appears or goes.
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

    def show_banner(self, text: str, background: str) -> None:
        """Show a message across the top of the picture until hide_banner()."""
        self.banner.setStyleSheet(f"background: {background}; padding: 6px; color: black;")
        self.banner.setText(text)
        self._place_banner()
        self.banner.setVisible(True)

    def hide_banner(self) -> None:
        """Remove the message."""
        self.banner.setVisible(False)

    def _place_banner(self) -> None:
        self.banner.setGeometry(0, 0, self.width(), self.banner.heightForWidth(self.width()))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_banner()
        if self._frame is not None:  # a still photo stays sharp when the window grows
            self.show_frame(self._frame)

    def show_frame(self, image: np.ndarray) -> None:
        """Display a BGR frame (the newest captured one; boxes come from the newest result)."""
        # 32-bit pixels are Qt's native format: scaling one on paint costs less than half as much
        # as scaling a 24-bit BGR image (0.8 vs 1.8 ms for 640x480 here), and the GUI thread
        # paints 30 of them a second. The QImage wraps the array, which is kept alive with it.
        # A frame much larger than the view (a 1080p gallery, a screen) is shrunk to the view's size
        # first: converting all its pixels each frame cost up to 30 ms of the GUI thread.
        self._frame = image
        fh, fw = image.shape[:2]
        self._frame_size = (fw, fh)
        scale = min(self.width() / fw, self.height() / fh)
        if scale < 0.9:
            image = cv2.resize(image, (max(1, round(fw * scale)), max(1, round(fh * scale))),
                               interpolation=cv2.INTER_AREA)
        image = np.ascontiguousarray(image)
        self._pixels = cv2.cvtColor(image, cv2.COLOR_GRAY2BGRA if image.ndim == 2 else cv2.COLOR_BGR2BGRA)
        h, w = self._pixels.shape[:2]
        self._image = QImage(self._pixels.data, w, h, self._pixels.strides[0], QImage.Format.Format_RGB32)
        self.update()

    def show_result(self, result: FrameResult) -> None:
        """Draw these faces over the frame on show (and show the result's own frame if it has one)."""
        self._result = result
        if result.image is not None and self._image is None:
            self.show_frame(result.image)
        self.update()

    def clear(self, message: str | None = None) -> None:
        """Show the placeholder text instead of a frame."""
        self._image, self._pixels, self._result, self._frame = None, None, None, None
        if message:
            self.placeholder = message
        self.update()

    def _target(self) -> tuple[QRectF, float]:
        assert self._image is not None
        iw, ih = self._frame_size  # frame pixels: boxes are in them, whatever size the image was kept at
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202124"))
        if self._image is None:
            p.setPen(QColor("#dddddd"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        rect, scale = self._target()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(rect, self._image)
        if self._result is None:
            return
        font = QFont()
        font.setBold(True)
        boxes = []
        for face in self._result.faces:
            x, y, w, h = face.box
            color = QColor(EMOTION_COLORS[EMOTIONS[face.dominant]])
            p.setPen(QPen(color, 4 if face.face_id == self.selected_id else 2))
            box = QRectF(rect.x() + x * scale, rect.y() + y * scale, w * scale, h * scale)
            p.drawRect(box)
            boxes.append(color)
        for tag, color in zip(self.tag_layout(font), boxes):
            if tag is None:
                continue
            sized = QFont(font)
            sized.setPointSize(tag.size)
            p.setFont(sized)
            x0, y0, x1, y1 = tag.rect
            area = QRectF(x0, y0, x1 - x0, y1 - y0)
            p.fillRect(area, color)
            p.setPen(QColor("black"))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, "\n".join(tag.lines))

    def tag_layout(self, font: QFont | None = None) -> list[PlacedTag | None]:
        """Each face's tag as painted now (None: no room for one without covering another); cached per
        result, size and selection, since the video repaints far more often than results arrive."""
        if self._image is None or self._result is None:
            return []
        if font is None:
            font = QFont()
            font.setBold(True)
        rect, scale = self._target()
        key = (id(self._result), rect.x(), rect.y(), scale, self.selected_id, font.key())
        if self._tags_key == key:
            return self._tags
        names = emotion_names()
        faces = []
        for face in self._result.faces:
            x, y, w, h = face.box
            box = (rect.x() + x * scale, rect.y() + y * scale, rect.x() + (x + w) * scale, rect.y() + (y + h) * scale)
            emotion = f"{names[EMOTIONS[face.dominant]]} {face.probs[face.dominant]:.0%}"
            faces.append((box, face.name or f"#{face.face_id}", emotion))
        metrics, advance = _tag_metrics_table(font), _tag_metrics(font)
        first = next((i for i, f in enumerate(self._result.faces) if f.face_id == self.selected_id), None)
        self._tags = layout_tags(
            faces, (rect.x(), rect.y(), rect.right(), rect.bottom()),
            lambda who, emotion, width: fit_tag(who, emotion, width, advance), advance,
            lambda size: metrics[size].height(),
            lambda size, text, width: metrics[size].elidedText(text, Qt.TextElideMode.ElideRight, int(width)), first)
        self._tags_key = key
        return self._tags

    def face_at(self, pos: QPointF) -> int | None:
        """The id of the face whose box contains a widget position, if any."""
        if self._image is None or self._result is None:
            return None
        rect, scale = self._target()
        x, y = (pos.x() - rect.x()) / scale, (pos.y() - rect.y()) / scale
        for face in self._result.faces:
            fx, fy, fw, fh = face.box
            if fx <= x <= fx + fw and fy <= y <= fy + fh:
                return face.face_id
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        face_id = self.face_at(event.position())
        if face_id is not None:
            self.faceClicked.emit(face_id)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        face_id = self.face_at(event.position())
        if face_id is not None:
            self.faceDoubleClicked.emit(face_id)
