"""The EmoSync icon: drawn here once, saved to assets/ (`python -m gui.app_icon`), loaded by the app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QImage, QPainter, QPainterPath, QPen

from core.resources import asset_path

ICON_PNG = "icon.png"
ICON_ICO = "icon.ico"


def draw_icon(size: int = 256) -> QImage:
    """A face and a speech bubble on a rounded square: seeing and reading emotion, side by side."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    s = size / 256
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#3949ab")))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    # face
    p.setBrush(QBrush(QColor("#ffca28")))
    p.drawEllipse(QPointF(104 * s, 142 * s), 72 * s, 72 * s)
    p.setBrush(QBrush(QColor("#263238")))
    p.drawEllipse(QPointF(80 * s, 124 * s), 9 * s, 11 * s)
    p.drawEllipse(QPointF(128 * s, 124 * s), 9 * s, 11 * s)
    pen = QPen(QColor("#263238"), 9 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(70 * s, 126 * s, 68 * s, 52 * s), -20 * 16, -140 * 16)
    # speech bubble with three bars (the text's class probabilities)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#ffffff")))
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(138 * s, 30 * s, 94 * s, 70 * s), 18 * s, 18 * s)
    tail = QPainterPath()
    tail.moveTo(156 * s, 96 * s)
    tail.lineTo(146 * s, 120 * s)
    tail.lineTo(176 * s, 98 * s)
    tail.closeSubpath()
    p.drawPath(bubble.united(tail))
    for i, (h, colour) in enumerate(((26, "#e53935"), (44, "#43a047"), (16, "#1e88e5"))):
        p.setBrush(QBrush(QColor(colour)))
        p.drawRoundedRect(QRectF((156 + 22 * i) * s, (86 - h) * s, 14 * s, h * s), 3 * s, 3 * s)
    p.end()
    return img


def app_icon() -> QIcon:
    """The shipped icon (an empty icon when the file is missing)."""
    return QIcon(str(asset_path(ICON_PNG)))


def main() -> int:
    """Write assets/icon.png (256 px) and assets/icon.ico (for Windows builds)."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = Path(asset_path(ICON_PNG))
    icon = draw_icon(256)
    if not icon.save(str(out)):
        print(f"error: could not write {out}", file=sys.stderr)
        return 1
    if not icon.save(str(out.with_name(ICON_ICO)), "ICO"):
        print(f"error: could not write {out.with_name(ICON_ICO)}", file=sys.stderr)
        return 1
    print(f"wrote {out} and {out.with_name(ICON_ICO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
