"""The window's toolbar and menus, put together from the action modules; the menus go by what they act on."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from gui.device_box import DeviceBox
from gui.session_actions import SessionActions
from gui.source_actions import SourceActions


class WindowBars(QObject):
    """The toolbar (sources, session, device, attention) and the *Session* and *Class* menus.

    Other features add their actions to the menu that fits (`menu_session`, `menu_class`).
    """

    def __init__(self, window: QMainWindow, sources: SourceActions, sessions: SessionActions, device_box: DeviceBox,
                 attention: QAction, session_extras: Iterable[QAction], chat_actions: Iterable[QAction],
                 class_actions: Iterable[QAction]) -> None:
        super().__init__(window)
        tb = self.toolbar = QToolBar(self.tr("Main"))
        tb.setObjectName("main-toolbar")
        window.addToolBar(tb)
        tb.addWidget(QLabel(self.tr(" Source: ")))
        tb.addWidget(sources.source_box)
        tb.addActions(list(sources.actions))
        tb.addSeparator()
        tb.addActions([sessions.act_session, sessions.act_report, sessions.act_export])
        tb.addSeparator()
        tb.addWidget(QLabel(self.tr(" Device: ")))
        tb.addWidget(device_box)
        tb.addSeparator()
        tb.addAction(attention)
        menu = self.menu_session = window.menuBar().addMenu(self.tr("&Session"))
        menu.addActions([*sources.actions[1:], sessions.act_session, sessions.act_export, sessions.act_folder,
                         sessions.act_report, *session_extras])
        menu.addSeparator()
        menu.addActions(list(chat_actions))
        menu.addSeparator()
        menu.addAction(QAction(self.tr("Quit"), window, triggered=window.close, shortcut=QKeySequence.Quit))
        self.menu_class = window.menuBar().addMenu(self.tr("&Class"))
        self.menu_class.addActions([*class_actions, attention])
