"""The *Language* menu: Korean or English for the window, remembered; the system's language until one is chosen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import LANGUAGES, chosen_language


class LanguageMenu(QMenu):
    """One checkable entry per language; a choice is stored in the settings and applies from the next start."""

    def __init__(self, settings: QSettings, show_message: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        # "Language" in both languages: whoever cannot read the one shown still finds it.
        super().__init__(self.tr("&Language") + ("" if self.tr("&Language") == "&Language" else " (Language)"), parent)
        self._settings = settings
        self._show_message = show_message
        self.current = chosen_language(settings)
        group = QActionGroup(self)
        self.actions_by_language: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.current)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            group.addAction(action)
            self.addAction(action)
            self.actions_by_language[code] = action

    def choose(self, language: str) -> None:
        """Remember `language` for the window; it takes effect when EmoSync is started again."""
        self._settings.setValue("language", language)
        if language != self.current:
            self._show_message("info", self.tr("The language changes when EmoSync is started again."))
