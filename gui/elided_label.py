"""A one-line label of fixed width whose long text is elided, so it never widens the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """Shows its text elided in the middle to a fixed width; the whole text is in the tooltip.

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
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width()))
