"""*Follow chat file…* and *Paste chat…*: the conference's own chat, each message scored as if typed, on its author's face.

The file is tailed by `core.chat.chat_follow.ChatFollower` on its own thread, which only
puts messages on a queue; a timer on the GUI thread (every 100 ms) takes them, has core clean
each and find its author's face by name (`core.workflow.chat_worker.conference_message`) and
hands them to the chat box, which scores them on its worker as it does typed ones. Nothing here blocks the GUI
thread: a pasted chat of thousands of messages is parsed in one pass and queued the same way.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Mapping

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from core.chat.chat_follow import ChatFollower, not_followable
from core.chat.chat_formats import ChatFormatError, ConferenceMessage, parse_chat_text
from core.workflow.chat_worker import Author, conference_message
from gui.chat_panel import ChatPanel

DRAIN_MS = 100
PER_TICK = 500  # messages handed to the chat box per timer tick, as one burst (one list update, one scroll)


class ConferenceChat(QObject):
    """The menu actions that bring a conference's chat into the chat box, and the follower behind them."""

    def __init__(self, parent: QWidget, chat: ChatPanel, names: Callable[[], Mapping[int, str]],
                 face_probs: Callable[[int], np.ndarray | None], show_message: Callable[..., None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._chat = chat
        self._names = names
        self._face_probs = face_probs
        self._show_message = show_message
        self._queue: queue.SimpleQueue[ConferenceMessage] = queue.SimpleQueue()
        self.follower: ChatFollower | None = None
        self._said_error: str | None = None
        self._said_skipped = False
        self.act_follow = QAction(self.tr("Follow chat file…"), parent, triggered=lambda: self.follow())
        self.act_follow.setToolTip(self.tr("Read the chat file the conference tool saves during class (Zoom's "
                                           "auto-saved chat): each new message is scored on its author's face"))
        self.act_stop = QAction(self.tr("Stop following chat file"), parent, triggered=self.stop)
        self.act_stop.setEnabled(False)
        self.act_paste = QAction(self.tr("Paste chat…"), parent, triggered=lambda: self.paste())
        self.act_paste.setToolTip(self.tr("Paste messages copied from the conference's chat panel"))
        self.actions = (self.act_follow, self.act_stop, self.act_paste)
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self.drain)
        self._timer.start()

    def follow(self, path: str | None = None) -> None:
        """Follow a chat file (asks for one; it need not exist yet); only what is written from now on is read."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self._window, self.tr("Follow chat file"), "", self.tr("Chat files (*.txt *.vtt *.csv);;All files (*)"),
                options=QFileDialog.Option.DontConfirmOverwrite)
            if not path:
                return
        why = not_followable(path)
        if why is not None:  # never "following" a folder
            self._show_message("warning", why)
            return
        self.stop()
        self.follower = ChatFollower(path, self._queue.put)
        self.follower.start()
        self._said_error = None
        self._said_skipped = False
        self.act_stop.setEnabled(True)
        self._show_message("info", self.tr("Following the chat file {0}: new messages appear in the chat box.")
                           .format(path))

    def stop(self) -> None:
        """Stop following (the thread is joined)."""
        if self.follower is not None:
            self.follower.stop()
            self.follower = None
        self.act_stop.setEnabled(False)

    def paste(self, text: str | None = None) -> int:
        """Messages pasted from a chat panel (asks for them); how many were taken."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self._window, self.tr("Paste chat"),
                                                     self.tr("Messages copied from the conference's chat panel:"))
            if not ok:
                return 0
        try:
            messages = list(parse_chat_text(text).messages)
        except ChatFormatError as e:
            self._show_message("warning", str(e))
            return 0
        for m in messages:
            self._queue.put(m)
        return len(messages)

    def drain(self) -> None:
        """Hand queued messages to the chat box, each with its author's face when a face has that name."""
        follower = self.follower
        if follower is not None and follower.error and follower.error != self._said_error:
            self._said_error = follower.error
            self._show_message("warning", follower.error)
        if follower is not None and follower.skipped and not self._said_skipped:
            self._said_skipped = True
            self._show_message("info", self.tr("{0} earlier message(s) already in the chat file were not read "
                                               "(Paste chat… takes them).").format(follower.skipped), banner=False)
        burst = []
        for _ in range(PER_TICK):
            try:
                m = self._queue.get_nowait()
            except queue.Empty:
                break
            entry = self._entry(m)
            if entry is not None:
                burst.append(entry)
        self._chat.add_messages(burst)

    def _entry(self, m: ConferenceMessage) -> tuple[str, Author, str] | None:
        message = conference_message(m, self._names(), self._face_probs)
        return None if message is None else (*message, m.kind)

    def add(self, m: ConferenceMessage) -> bool:
        """One message into the chat box as if typed by its author; False when it has no text."""
        entry = self._entry(m)
        if entry is not None:
            self._chat.add_messages([entry])
        return entry is not None
