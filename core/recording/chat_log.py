"""Chat messages: the per-session chat.csv (written message by message) and chat-log input for the CLI."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.probabilities import format_probs
from core.recording.atomic_file import AtomicFile
from core.text.guard import guard_cell, unguard_cell

CHAT_COLUMNS: tuple[str, ...] = (
    "time_s", "timestamp", "author_id", "author_name", "text", *(f"text_{e}" for e in EMOTIONS), "text_dominant",
    *(f"face_{e}" for e in EMOTIONS), "similarity", "kind",
)


@dataclass(frozen=True)
class ChatMessage:
    """One scored message, from scoring to the report: when (session clock and wall clock), who, what, and how
    it compares with the author's face (the one record after parsing; `ConferenceMessage` is the one before)."""

    time_s: float
    timestamp: str
    text: str
    text_probs: np.ndarray = field(compare=False)
    face_probs: np.ndarray | None = field(default=None, compare=False)
    similarity: float | None = None  # the congruence of text and face (core.text.congruence); None when no face
    author_id: int | None = None  # the face (student) who wrote it; None when unknown
    author_name: str = ""
    kind: str = "chat"  # "chat", or "transcript" for a line of the conference's transcript

    @property
    def text_dominant(self) -> str:
        """The message's most probable class."""
        return EMOTIONS[int(np.argmax(self.text_probs))]

    @property
    def face_dominant(self) -> str | None:
        """The face's most probable class when the message came; None when no face was compared."""
        return EMOTIONS[int(np.argmax(self.face_probs))] if self.face_probs is not None else None

    def row(self) -> list[str]:
        """The chat.csv row, with the text guarded against formula injection."""
        face = format_probs(self.face_probs) if self.face_probs is not None else [""] * len(EMOTIONS)
        author = str(self.author_id) if self.author_id is not None else ""
        return [f"{self.time_s:.3f}", self.timestamp, author, guard_cell(self.author_name), guard_cell(self.text), *format_probs(self.text_probs),
                self.text_dominant, *face,
                f"{self.similarity:.4f}" if self.similarity is not None else "", self.kind]


class ChatLogWriter:
    """Appends messages to `NAME.partial`, each whole on disk as soon as it is written; `close()` names it NAME.

    Through core/recording/atomic_file.py: a killed run leaves only the partial, and an earlier
    complete chat log under NAME stays as it was until this one is complete.
    """

    def __init__(self, path: str | Path) -> None:
        self._file = AtomicFile(path)
        self.path = self._file.path
        self.partial = self._file.partial
        self._write(list(CHAT_COLUMNS))

    def _write(self, row: list[str]) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(row)  # RFC 4180; quotes any \r or \n in a cell
        self._file.write(buf.getvalue().encode("utf-8"))

    def write(self, message: ChatMessage) -> None:
        """Append one message."""
        if not self._file.closed:
            self._write(message.row())

    def close(self, complete: bool = True) -> Path | None:
        """Sync and close: complete, it replaces NAME; else it stays NAME.partial (returned), NAME untouched."""
        if self._file.closed:
            return None
        if complete:
            return self._file.commit()
        return self._file.abandon(keep=True)


def read_chat_csv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a chat.csv as dicts, with guarded text restored to what was typed."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["text"] = unguard_cell(r["text"])
        r["author_name"] = unguard_cell(r.get("author_name", ""))
    return rows


def read_chat_input(path: str | Path) -> list[tuple[float, str]]:
    """A chat log for the headless CLI: a CSV with `time_s,text` rows, sorted by time."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"no such chat file: {path}")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"time_s", "text"} <= set(reader.fieldnames):
                raise ValueError(f"chat file {path} needs 'time_s' and 'text' columns")
            out = []
            for n, row in enumerate(reader, start=2):
                try:
                    t = float(row["time_s"])
                except (TypeError, ValueError):
                    raise ValueError(f"chat file {path}, line {n}: time_s is not a number") from None
                if not np.isfinite(t) or t < 0:
                    raise ValueError(f"chat file {path}, line {n}: time_s must be a time in seconds")
                out.append((t, row["text"] or ""))
    except UnicodeDecodeError:
        raise ValueError(f"chat file {path} is not UTF-8 text") from None
    return sorted(out, key=lambda m: m[0])
