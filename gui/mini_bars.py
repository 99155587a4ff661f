"""Seven tiny bars as a picture: a chat message's text emotion beside the face's at that moment."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from core.classes import EMOTIONS
from gui.palette import EMOTION_COLORS

BAR_W, GAP, GROUP_GAP, HEIGHT = 5, 1, 8, 28


def mini_bars(text_probs: np.ndarray, face_probs: np.ndarray | None = None) -> QPixmap:
    """Text bars, then (when given) face bars, in class order and class colours, 0 to 1 tall."""
    groups = [text_probs] + ([face_probs] if face_probs is not None else [])
    group_w = len(EMOTIONS) * (BAR_W + GAP) - GAP
    width = len(groups) * group_w + (len(groups) - 1) * GROUP_GAP
    pix = QPixmap(width, HEIGHT)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor("#cfcfcf"))
    for g, probs in enumerate(groups):
        x0 = g * (group_w + GROUP_GAP)
        p.drawLine(x0, HEIGHT - 1, x0 + group_w - 1, HEIGHT - 1)  # baseline
        for i, e in enumerate(EMOTIONS):
            h = float(np.clip(probs[i], 0.0, 1.0)) * (HEIGHT - 2)
            p.fillRect(QRectF(x0 + i * (BAR_W + GAP), HEIGHT - 1 - h, BAR_W, h), QColor(EMOTION_COLORS[e]))
    p.end()
    return pix


def all_classes(probs: np.ndarray) -> str:
    """'angry 2%, disgust 1%, …' in class order: every class, for a tooltip."""
    return ", ".join(f"{e} {p:.0%}" for e, p in zip(EMOTIONS, probs))
