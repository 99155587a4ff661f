"""*Attention*: head pose, eyes closed and looking away per face, off by default and remembered."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from core.live.engine import LiveEngine
from core.view.window import WindowState


class AttentionAction(QAction):
    """A checkable switch: the engine computes the signals, the view state shows them and names them in the notice."""

    def __init__(self, parent: QWidget, settings: QSettings, engine: LiveEngine, state: WindowState) -> None:
        super().__init__(self.tr("Attention"), parent, checkable=True)
        self._settings, self._engine, self._state = settings, engine, state
        self.setToolTip(self.tr("Head pose, eyes closed and looking away per face (off by default; "
                                "numbers only, no pictures kept)"))
        self.toggled.connect(self.set_attention)

    def restore(self) -> None:
        """Switch to the remembered setting (once whoever follows the state is connected)."""
        self.setChecked(str(self._settings.value("attention", "false")).lower() == "true")
        self.set_attention(self.isChecked())

    def set_attention(self, on: bool) -> None:
        """Switch attention signals on or off (remembered)."""
        on = bool(on)
        self._settings.setValue("attention", on)
        self._engine.set_attention(on)
        self._state.set_attention(on)
