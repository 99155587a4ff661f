"""Chat messages replayed along an analysed video, each attributed to its author's face by the names on the faces.

Cost model: per frame, one pass over its faces (to learn names and keep the current emotion)
and the messages due by then. Matching an author against the faces' names (`find_face`, an
edit distance per pair) is memoised per author until a face's name changes, so 100,000
messages from 50 authors cost ~50 matches per change of names, not 100,000. Messages are
held once, in the scored list; a message waiting for its author's name keeps only the
emotions of the faces that had no name yet when it came (the only faces it can still turn
out to be), usually none once every tile's name has been read.

Design: the author's name is matched with `find_face(author, names seen so far in the run)`,
the names being whatever the frames carry (`FaceResult.name`: a tile label read on screen,
or a name typed by the teacher). A message whose author matches a face colours only that
student's rows of the timeline (`TextContext` per author) and is compared, in the chat log,
with that face's emotion in the frame it came in (empty when that face was not on screen). A
message whose author is not known yet waits; when a face later gets a name that matches, it
is logged then with the emotion that face had when the message came, and enters that
student's text context at its own time (so later rows carry it, faded by its age; the rows
before that moment carry nothing of it). At the end, messages whose author never matched a
face (the teacher, a camera left off) are logged with their author and an empty face. A
message without an author (an old `time_s,text` log) colours every face and is compared with
the largest face, as the chat box did. Messages before the first frame or after the last
are logged and counted, never dropped.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from core.chat.chat_formats import CHAT
from core.names.names import clean_name, find_face
from core.recording.chat_log import ChatLogWriter, ChatMessage
from core.recording.timeline import written_time
from core.records import FrameResult
from core.text.congruence import TextContext, congruence


def stored_author(raw: str) -> str:
    """An author as it is kept and shown: NFC, no control or format characters (bidi marks), spaces folded; not shortened."""
    text = unicodedata.normalize("NFC", str(raw))
    text = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch)[0] != "C" or ch.isspace())
    return " ".join(text.split())


def scored(time_s: float, author: str, text: str, probs: np.ndarray, kind: str = CHAT) -> ChatMessage:
    """A message on the recording's clock with its text emotion, its author as stored ("" when the file gives none)."""
    return ChatMessage(time_s, "", text, probs, author_name=author, kind=kind)


@dataclass
class AttributionSummary:
    """How the messages were attributed, for the one-line summary."""

    messages: int = 0
    on_face: int = 0
    no_face: int = 0
    no_author: int = 0
    before: int = 0
    after: int = 0
    late: int = 0  # attributed once their author's name was read, after they came
    unmatched_authors: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """One line for stderr."""
        parts = [f"{self.messages} message(s)", f"{self.on_face} on their author's face"]
        if self.late:
            parts.append(f"{self.late} of them once the name was read")
        if self.no_face:
            who = sorted(self.unmatched_authors.items(), key=lambda kv: -kv[1])[:3]
            names = ", ".join(f"{n} ({c})" for n, c in who) + (", …" if len(self.unmatched_authors) > 3 else "")
            parts.append(f"{self.no_face} by authors with no face ({names})")
        if self.no_author:
            parts.append(f"{self.no_author} without an author (compared with every face)")
        if self.before:
            parts.append(f"{self.before} before the recording")
        if self.after:
            parts.append(f"{self.after} after its end")
        return ", ".join(parts)


@dataclass
class _Waiting:
    message: ChatMessage
    unnamed: dict[int, np.ndarray] | None  # face id -> probs of the faces without a name when it came


class ChatAttribution:
    """Replays scored messages (sorted by time) along the frames: chat.csv rows and per-face text vectors."""

    def __init__(self, messages: list[ChatMessage], path: str | Path, half_life_s: float) -> None:
        self.pending = deque(messages)
        self.context = TextContext(half_life_s)
        self.path = Path(path)
        self.writer = ChatLogWriter(self.path)
        self.names: dict[int, str] = {}
        self.summary = AttributionSummary(messages=len(messages))
        self._matches: dict[str, int | None] = {}
        self._waiting: dict[str, list[_Waiting]] = {}
        self._first_frame = True

    def _match(self, author: str) -> int | None:
        if author not in self._matches:
            self._matches[author] = find_face(author, self.names) if clean_name(author) else None
        return self._matches[author]

    def _learn_names(self, result: FrameResult) -> bool:
        changed = False
        for f in result.faces:
            if f.name and self.names.get(f.face_id) != f.name:
                self.names = {**self.names, f.face_id: f.name}
                changed = True
        if changed:
            self._matches = {}
        return changed

    def _log(self, m: ChatMessage, author_id: int | None, face: np.ndarray | None) -> None:
        sim = congruence(face, m.text_probs) if face is not None else None
        self.writer.write(replace(m, author_id=author_id, face_probs=face, similarity=sim))

    def _resolve_waiting(self) -> None:
        for author in list(self._waiting):
            face_id = self._match(author)
            if face_id is None:
                continue
            for w in self._waiting.pop(author):
                face = w.unnamed.get(face_id) if w.unnamed is not None else None
                self.context.set(w.message.time_s, w.message.text_probs, face_id)
                self._log(w.message, face_id, face)
                self.summary.on_face += 1
                self.summary.late += 1

    def apply(self, result: FrameResult) -> FrameResult:
        """Learn the frame's names, activate and log the messages due by it; attach each face's text vector."""
        if self._learn_names(result) and self._waiting:
            self._resolve_waiting()
        faces = {f.face_id: f for f in result.faces}
        unnamed: dict[int, np.ndarray] | None = None
        first = self._first_frame
        self._first_frame = False
        t = written_time(result.time_s)  # the frame's time as its rows hold it: a chat added later sees the same
        while self.pending and self.pending[0].time_s <= t:
            m = self.pending.popleft()
            before = first and m.time_s < 0
            self.summary.before += before
            if not m.author_name:
                self.summary.no_author += 1
                self.context.set(m.time_s, m.text_probs)
                largest = max(result.faces, key=lambda f: f.box[2] * f.box[3], default=None)
                self._log(m, None, None if largest is None or before else largest.probs)
                continue
            face_id = self._match(m.author_name)
            if face_id is not None:
                self.context.set(m.time_s, m.text_probs, face_id)
                face = faces.get(face_id)
                self._log(m, face_id, None if face is None or before else face.probs)
                self.summary.on_face += 1
                continue
            if unnamed is None and not before:
                unnamed = {f.face_id: f.probs for f in result.faces if not f.name}
            self._waiting.setdefault(m.author_name, []).append(_Waiting(m, None if before else unnamed))
        if self.context.has_authors:
            result = replace(result, faces=[replace(f, text_probs=self.context.at(t, f.face_id)) for f in result.faces])
        return replace(result, text_probs=self.context.at(t))

    def close(self, complete: bool = True) -> AttributionSummary:
        """Log what is left, in time order: messages after the last frame (matched by the names known) and
        messages whose author never matched a face. Not `complete`: the log stays `.partial` (a run that stopped)."""
        left: list[tuple[ChatMessage, int | None]] = []
        for m in self.pending:
            self.summary.after += 1
            if not m.author_name:
                self.summary.no_author += 1
                left.append((m, None))
                continue
            face_id = self._match(m.author_name)
            if face_id is not None:
                self.summary.on_face += 1
            else:
                self._count_unmatched(m.author_name)
            left.append((m, face_id))
        self.pending.clear()
        for author, waiting in self._waiting.items():
            for w in waiting:
                self._count_unmatched(author)
                left.append((w.message, None))
        self._waiting = {}
        left.sort(key=lambda x: x[0].time_s)
        for m, face_id in left:
            self._log(m, face_id, None)
        self.writer.close(complete)
        return self.summary

    def _count_unmatched(self, author: str) -> None:
        self.summary.no_face += 1
        self.summary.unmatched_authors[author] = self.summary.unmatched_authors.get(author, 0) + 1

