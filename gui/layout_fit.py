"""Fitting the window to the screen it opens on, and remembering where the teacher put the splitters."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

DEFAULT_SIZE = (2400, 1400)  # at most, on a very large screen; others get most of theirs
SCREEN_SHARE = 0.94
LABEL_CHARS = 24  # a source's name in the toolbar


def _available(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)


def fit_to_screen(window: QWidget) -> None:
    """Open at a size that fits the screen the window is on (its available area, less the task bar), centred."""
    room = _available(window)
    w = min(DEFAULT_SIZE[0], int(room.width() * SCREEN_SHARE))
    h = min(DEFAULT_SIZE[1], int(room.height() * SCREEN_SHARE))
    window.resize(max(w, min(room.width(), window.minimumSizeHint().width())), h)
    window.move(room.x() + (room.width() - window.width()) // 2, room.y() + (room.height() - window.height()) // 2)


def keep_on_screen(window: QWidget) -> None:
    """A remembered size from a larger screen shrinks to this one's, and the window comes back onto it."""
    room = _available(window)
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
    if not room.intersects(window.frameGeometry()):
        window.move(room.topLeft())


def save_splitters(settings: QSettings, splitters: Iterable[QSplitter]) -> None:
    """Remember each splitter's handles under its object name."""
    for splitter in splitters:
        settings.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())


def restore_splitters(settings: QSettings, splitters: Iterable[QSplitter]) -> None:
    """Put each splitter's handles back where they were left (nothing when never saved)."""
    for splitter in splitters:
        state = settings.value(f"splitter/{splitter.objectName()}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)


def short_label(text: str, chars: int = LABEL_CHARS) -> str:
    """A source's label cut to `chars` characters for the toolbar: a path keeps its file name, elided in the middle."""
    name = text.replace("\\", "/").rsplit("/", 1)[-1] if ("/" in text or "\\" in text) else text
    if len(name) <= chars:
        return name
    half = (chars - 1) // 2
    return f"{name[:half]}…{name[-(chars - 1 - half):]}"
