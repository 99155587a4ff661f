"""The chat box: type Korean, see its emotion, the face's at that moment, and how they compare.

Scoring runs in an executor thread awaited on the Qt event loop (qasync), so the window and
the input line stay responsive while a message is scored.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime, timezone

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

os.environ.setdefault("QT_API", "pyside6")

from core.classes import EMOTIONS  # noqa: E402
from core.recording.chat_log import ChatMessage  # noqa: E402
from core.text.congruence import dominant_agrees  # noqa: E402
from core.text.guard import MAX_MESSAGE_CHARS, MessageError, clean_message  # noqa: E402
from core.workflow.chat_worker import Author, ChatWorker, Scorer, ScorerUnavailable  # noqa: E402
from gui.i18n import emotion_names  # noqa: E402
from gui.mini_bars import mini_bars, mini_bars_size  # noqa: E402

__all__ = ["Author", "ChatPanel", "Scorer", "all_classes", "describe"]


SELECTED_FACE = "Selected face"  # the source text; shown translated


def describe(probs: np.ndarray) -> str:
    """'happy 72%, sad 12%': the two most probable classes."""
    top = np.argsort(-probs)[:2]
    names = emotion_names()
    return ", ".join(f"{names[EMOTIONS[i]]} {probs[i]:.0%}" for i in top)


def all_classes(probs: np.ndarray) -> str:
    """'angry 2%, disgust 1%, …' in class order: every class, for a tooltip."""
    names = emotion_names()
    return ", ".join(f"{names[e]} {p:.0%}" for e, p in zip(EMOTIONS, probs))


class ChatPanel(QWidget):
    """Message history and input; emits `messageScored` with each scored ChatMessage."""

    messageScored = Signal(object)

    def __init__(self, load_scorer: Callable[[], Scorer], clock: Callable[[], float],
                 face_now: Callable[[int | None], Author], executor: Executor | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._face_now = face_now
        self.worker = ChatWorker(load_scorer, executor)  # scores and builds each record, off this thread
        self._tasks: set[asyncio.Future] = set()
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setIconSize(mini_bars_size(2))  # text bars | face bars
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Type a message (Enter to send)"))
        self.input.setMaxLength(MAX_MESSAGE_CHARS + 1)  # one over the cap, so the counter can say so
        self.input.returnPressed.connect(self.submit)
        self.input.textChanged.connect(self._count)
        self.send = QPushButton(self.tr("Send"))
        self.send.clicked.connect(self.submit)
        self.author_box = QComboBox()
        self.author_box.setToolTip(self.tr("Who wrote the message: its emotion is compared with that student's face"))
        self.author_box.addItem(self.tr("Selected face"), None)
        self.author_box.setMinimumContentsLength(12)
        self.author_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._students: list[tuple[int, str]] = []
        self.counter = QLabel(f"0/{MAX_MESSAGE_CHARS}")
        self.feedback = QLabel("")
        self.feedback.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        row.addWidget(self.author_box)
        row.addWidget(self.input, 1)
        row.addWidget(self.counter)
        row.addWidget(self.send)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(QLabel(self.tr("Chat (Korean text emotion)")))
        lay.addWidget(self.history, 1)
        lay.addLayout(row)
        lay.addWidget(self.feedback)
        self.messages: list[ChatMessage] = []

    def set_students(self, students: list[tuple[int, str]]) -> None:
        """Offer these (face id, label) as authors; the current choice stays when still there."""
        if students == self._students:
            return
        self._students = list(students)
        current = self.author_box.currentData()
        self.author_box.blockSignals(True)
        self.author_box.clear()
        self.author_box.addItem(self.tr("Selected face"), None)
        for face_id, label in students:
            self.author_box.addItem(label, face_id)
        index = self.author_box.findData(current) if current is not None else 0
        self.author_box.setCurrentIndex(max(0, index))
        self.author_box.blockSignals(False)

    def _count(self, text: str) -> None:
        n = len(text)
        self.counter.setText(f"{n}/{MAX_MESSAGE_CHARS}")
        over = n > MAX_MESSAGE_CHARS
        self.counter.setStyleSheet("color: #b00020; font-weight: bold;" if over else "")
        self.feedback.setText(self.tr("Too long: at most {n} characters.").format(n=MAX_MESSAGE_CHARS) if over else "")

    def submit(self) -> None:
        """Send what is typed: it is stamped now and scored in the background."""
        try:
            text = clean_message(self.input.text())
        except MessageError as e:
            self.feedback.setText(str(e).capitalize() + ".")
            return
        author = self._face_now(self.author_box.currentData())
        self.input.clear()
        self.feedback.setText("")
        self.add_message(text, author)

    def add_message(self, text: str, author: Author, kind: str = "chat") -> None:
        """A message from elsewhere too (a followed or pasted conference chat): stamped now, scored as if typed."""
        time_s = self._clock()
        now = datetime.now(timezone.utc).astimezone()
        stamp = now.isoformat(timespec="seconds")
        who = f"{author.label()}: " if author.label() else ""
        item = QListWidgetItem(f"[{now:%H:%M:%S}] {who}{text}\n  " + self.tr("… scoring"))
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.history.addItem(item)
        self.history.scrollToBottom()
        task = asyncio.ensure_future(self._score(item, text, time_s, stamp, author, kind))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _score(self, item: QListWidgetItem, text: str, time_s: float, stamp: str,
                     author: Author, kind: str = "chat") -> ChatMessage | None:
        try:
            message = await asyncio.wrap_future(self.worker.submit(text, author, time_s, stamp, kind))
        except ScorerUnavailable as e:
            item.setText(f"[{stamp[11:19]}] {text}\n  ⚠ " + self.tr("text model unavailable: {reason}").format(reason=e))
            return None
        except Exception as e:
            item.setText(f"[{stamp[11:19]}] {text}\n  ⚠ {e}")
            return None
        probs, face, sim = message.text_probs, message.face_probs, message.similarity
        who = f"{author.label()}: " if author.label() else ""
        line = f"[{stamp[11:19]}] {who}{text}\n  " + self.tr("text: {emotions}").format(emotions=describe(probs))
        if face is not None:
            agree = self.tr("✓ same") if dominant_agrees(face, probs) else self.tr("✗ differs")
            line += "  |  " + self.tr("face: {emotions}  |  similarity {value} ({agree})").format(
                emotions=describe(face), value=f"{sim:.2f}", agree=agree)
        else:
            line += "  |  " + self.tr("no face at that moment")
        item.setText(line)
        item.setIcon(QIcon(mini_bars(probs, face)))
        tip = self.tr("text: {emotions}").format(emotions=all_classes(probs))
        if face is not None:
            tip += "\n" + self.tr("face: {emotions}").format(emotions=all_classes(face))
            tip += "\n" + self.tr("similarity (1 − Jensen–Shannon distance): {value}").format(value=f"{sim:.3f}")
        item.setToolTip(tip + "\n" + self.tr("(left bars: text; right bars: face; class order angry … surprise)"))
        self.messages.append(message)
        self.messageScored.emit(message)
        return message

    @property
    def model_loaded(self) -> bool:
        """Whether loading the text model has finished (successfully or not)."""
        return self.worker.model_loaded

    @property
    def pending(self) -> int:
        """Messages still being scored."""
        return len(self._tasks)

    def shutdown(self) -> None:
        """Stop the scoring thread (waits for a message in progress)."""
        for task in list(self._tasks):
            task.cancel()
        self.worker.shutdown()
