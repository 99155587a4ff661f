"""*Name the selected student…* and naming a face by double-click: a name the teacher types for a face id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QWidget

from core.live.engine import LiveEngine
from core.view.window import WindowState


class NameAction(QAction):
    """Asks for a face's name; it goes to the engine (recorded, shown on the video) and the class view."""

    def __init__(self, parent: QWidget, engine: LiveEngine, state: WindowState,
                 named: Callable[[], None] = lambda: None) -> None:
        super().__init__(self.tr("Name the selected student…"), parent)
        self._window, self._engine, self._state, self._named = parent, engine, state, named
        self.triggered.connect(lambda: self._state.selected_id is not None and self.name_face(self._state.selected_id))

    def name_face(self, face_id: int, name: str | None = None) -> None:
        """Call a face by a name (asks for it when none is given); an empty name removes it."""
        if name is None:
            current = self._engine.names.get(face_id, "")
            name, ok = QInputDialog.getText(self._window, self.tr("Name this student"),
                                            self.tr("Name for face #{id}:").format(id=face_id), text=current)
            if not ok:
                return
        self._engine.set_name(face_id, name)
        self._state.set_name(face_id, name)
        self._named()
