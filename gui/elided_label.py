"""A one-line label of fixed width whose long text is elided, so it never widens the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """Shows its text elided in the middle to a fixed width; the whole text is in the tooltip.

    A file path keeps its file name whole (the part that tells sources apart).

    A status-bar label sized to its text re-lays out (and repaints) the whole window each time
    the text changes width, and a long file path can force the window wider than the screen.
    """

    def __init__(self, text: str = "", width_chars: int = 36, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * width_chars)
        self._full = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        """Show `text` (elided if it does not fit) and put all of it in the tooltip."""
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        """The text as given, before eliding."""
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self._elided(self._full, self.width()))

    def _elided(self, text: str, width: int) -> str:
        """`text` fitted to `width`: a path keeps its file name whole and loses the middle."""
        fm = self.fontMetrics()
        if fm.horizontalAdvance(text) <= width:
            return text
        cut = max(text.rfind("/"), text.rfind("\\"))
        if cut > 0:
            tail = text[cut:]
            room = width - fm.horizontalAdvance(tail)
            if room > fm.horizontalAdvance("…") * 4:
                return fm.elidedText(text[:cut], Qt.TextElideMode.ElideRight, room) + tail
        return fm.elidedText(text, Qt.TextElideMode.ElideMiddle, width)
