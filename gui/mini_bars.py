"""Seven tiny bars as a picture: a chat message's text emotion beside the face's at that moment."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from core.classes import EMOTIONS
from gui.palette import EMOTION_COLORS

BAR_W, GAP, GROUP_GAP, HEIGHT = 5, 1, 8, 28
GROUP_W = len(EMOTIONS) * (BAR_W + GAP) - GAP


def mini_bars_size(groups: int = 2) -> QSize:
    """The picture's size for one (text) or two (text, face) groups of bars."""
    return QSize(groups * GROUP_W + (groups - 1) * GROUP_GAP, HEIGHT)


_COLORS = [QColor(EMOTION_COLORS[e]) for e in EMOTIONS]
_BASELINE = QColor("#cfcfcf")


def draw_bars(p: QPainter, x0: float, y0: float, probs: np.ndarray) -> None:
    """One group of seven bars with its baseline, its top-left corner at (x0, y0), on any painter."""
    p.setPen(_BASELINE)
    p.drawLine(int(x0), int(y0 + HEIGHT - 1), int(x0 + GROUP_W - 1), int(y0 + HEIGHT - 1))
    for i, color in enumerate(_COLORS):
        h = float(np.clip(probs[i], 0.0, 1.0)) * (HEIGHT - 2)
        p.fillRect(QRectF(x0 + i * (BAR_W + GAP), y0 + HEIGHT - 1 - h, BAR_W, h), color)


def mini_bars(text_probs: np.ndarray, face_probs: np.ndarray | None = None) -> QPixmap:
    """Text bars, then (when given) face bars, in class order and class colours, 0 to 1 tall."""
    groups = [text_probs] + ([face_probs] if face_probs is not None else [])
    pix = QPixmap(mini_bars_size(len(groups)))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    for g, probs in enumerate(groups):
        draw_bars(p, g * (GROUP_W + GROUP_GAP), 0, probs)
    p.end()
    return pix

