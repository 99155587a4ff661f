"""*Participants…*: the class's participants list (Zoom's participants report or one name a line), for tile names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from core.names.participants import ParticipantsError, read_participants


class ParticipantsAction(QAction):
    """Asks for a participants file; names read off the gallery's tiles are matched to it from then on."""

    def __init__(self, parent: QWidget, set_participants: Callable[[list[str]], None],
                 show_message: Callable[[str, str], None]) -> None:
        super().__init__(parent)
        self._window = parent  # the file dialog's parent: QAction has no parentWidget() in Qt 6
        self.setText(self.tr("Participants…"))
        self.setToolTip(self.tr("Load the class's participants list (Zoom's participants CSV, or one name a line): "
                                "names read from the tiles are matched to it"))
        self._set_participants = set_participants
        self._show_message = show_message
        self.names: list[str] = []
        self.triggered.connect(lambda: self.load())

    def load(self, path: str | None = None) -> list[str] | None:
        """Read `path` (asks for it when None); returns the names, or None when cancelled or unreadable."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Participants list"), "",
                                                  self.tr("Participants (*.csv *.txt);;All files (*)"))
            if not path:
                return None
        try:
            names = read_participants(path)
        except ParticipantsError as e:
            self._show_message("error", str(e))
            return None
        self.names = names
        self._set_participants(names)
        self._show_message("info", self.tr("%n participant(s) listed: names read from the tiles are matched to them",
                                           "", len(names)))
        return names
