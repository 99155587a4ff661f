"""The window's chat path in core: a message typed, pasted or followed becomes one scored `ChatMessage` on its author's face.

The window only types, pastes, follows files and draws: it hands each message here with its
author (the face the teacher picked, or the name a conference gave), this scores it on a thread
of its own and builds the record (text emotion, the face's emotion when it came, congruence),
which the engine then records and replays (`LiveEngine.add_message`, which also holds a message
whose author has no face yet until a face gets that name, as `analyze` does).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from core.chat.attribution import stored_author
from core.chat.chat_formats import ConferenceMessage
from core.names.names import find_face
from core.recording.chat_log import ChatMessage
from core.text.congruence import congruence
from core.text.guard import MAX_MESSAGE_CHARS, MessageError, clean_message

Scorer = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Author:
    """Who wrote a message, and their face's emotion at that moment (None when not in view)."""

    face_id: int | None
    name: str = ""
    probs: np.ndarray | None = None

    def label(self) -> str:
        """The name, else '#id', else empty."""
        return self.name or (f"#{self.face_id}" if self.face_id is not None else "")


class ScorerUnavailable(RuntimeError):
    """The text model could not be loaded; the message is the reason."""


def conference_message(m: ConferenceMessage, names: Mapping[int, str],
                       face_probs: Callable[[int], np.ndarray | None]) -> tuple[str, Author] | None:
    """A conference's message cleaned as a typed one (scored on its first MAX_MESSAGE_CHARS characters) and
    its author, on the face that has the author's name when one has; None when it has no text."""
    try:
        text = clean_message(m.text, max_chars=1 << 30)[:MAX_MESSAGE_CHARS]
    except MessageError:
        return None
    author = stored_author(m.author)
    face_id = find_face(author, names) if author else None
    return text, Author(face_id, author, face_probs(face_id) if face_id is not None else None)


def chat_message(text: str, probs: np.ndarray, author: Author, time_s: float, stamp: str,
                 kind: str = "chat") -> ChatMessage:
    """The record of one scored message: its emotion, its author's face's then, and their congruence."""
    face = author.probs
    value = congruence(face, probs) if face is not None else None
    return ChatMessage(time_s, stamp, text, probs, face, value, author.face_id, author.name, kind)


def on_face(message: ChatMessage, face_id: int, face_probs: np.ndarray | None) -> ChatMessage:
    """A message whose author turned out to be this face: compared with the face's emotion when it came."""
    value = congruence(face_probs, message.text_probs) if face_probs is not None else None
    return replace(message, author_id=face_id, face_probs=face_probs, similarity=value)


class ChatWorker:
    """Scores messages (one, or a burst in one pass) on a thread of its own; the text model loads there once."""

    def __init__(self, load_scorer: Callable[[], Scorer], executor: Executor | None = None) -> None:
        self._load_scorer = load_scorer
        self._scorer: Scorer | None = None
        self.error: str | None = None
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="emosync-text")
        self._preload = self._executor.submit(self._ensure_scorer)

    def _ensure_scorer(self) -> Scorer | None:
        if self._scorer is None and self.error is None:
            try:
                self._scorer = self._load_scorer()
            except Exception as e:  # a missing or broken model is said per message, not raised here
                self.error = str(e)
        return self._scorer

    @property
    def model_loaded(self) -> bool:
        """Whether loading the text model has finished (successfully or not)."""
        return self._preload.done()

    def score(self, text: str, author: Author, time_s: float, stamp: str, kind: str = "chat") -> ChatMessage:
        """Score one message and build its record (on the worker's thread); ScorerUnavailable without a model."""
        scorer = self._ensure_scorer()
        if scorer is None:
            raise ScorerUnavailable(self.error or "no text model")
        return chat_message(text, scorer([text])[0], author, time_s, stamp, kind)

    def submit(self, text: str, author: Author, time_s: float, stamp: str, kind: str = "chat") -> Future[ChatMessage]:
        """`score` on the worker's thread; the future holds the record."""
        return self._executor.submit(self.score, text, author, time_s, stamp, kind)

    def score_many(self, messages: Sequence[tuple[str, Author, str]], time_s: float, stamp: str) -> list[ChatMessage]:
        """A burst (text, author, kind) scored in one pass of the model (callers hand at most SCORE_BATCH)."""
        scorer = self._ensure_scorer()
        if scorer is None:
            raise ScorerUnavailable(self.error or "no text model")
        probs = scorer([text for text, _author, _kind in messages])
        return [chat_message(text, p, author, time_s, stamp, kind) for (text, author, kind), p in zip(messages, probs)]

    def submit_many(self, messages: Sequence[tuple[str, Author, str]], time_s: float,
                    stamp: str) -> Future[list[ChatMessage]]:
        """`score_many` on the worker's thread; the future holds the records, in order."""
        return self._executor.submit(self.score_many, list(messages), time_s, stamp)

    def shutdown(self) -> None:
        """Stop the thread (waits for a message in progress) when it is this worker's own."""
        if self._own_executor:
            self._executor.shutdown(wait=True, cancel_futures=True)
