"""Chat messages: the per-session chat.csv (written message by message) and chat-log input for the CLI."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.probabilities import format_probs
from core.text.guard import guard_cell, unguard_cell

CHAT_COLUMNS: tuple[str, ...] = (
    "time_s", "timestamp", "author_id", "author_name", "text", *(f"text_{e}" for e in EMOTIONS), "text_dominant",
    *(f"face_{e}" for e in EMOTIONS), "similarity", "kind",
)


@dataclass(frozen=True)
class ChatMessage:
    """One scored message: when (session clock and wall clock), what, and how it compares with the face."""

    time_s: float
    timestamp: str
    text: str
    text_probs: np.ndarray
    face_probs: np.ndarray | None = None
    similarity: float | None = None
    author_id: int | None = None  # the face (student) who wrote it; None when unknown
    author_name: str = ""
    kind: str = "chat"  # "chat", or "transcript" for a line of the conference's transcript

    def row(self) -> list[str]:
        """The chat.csv row, with the text guarded against formula injection."""
        face = format_probs(self.face_probs) if self.face_probs is not None else [""] * len(EMOTIONS)
        author = str(self.author_id) if self.author_id is not None else ""
        return [f"{self.time_s:.3f}", self.timestamp, author, guard_cell(self.author_name), guard_cell(self.text), *format_probs(self.text_probs),
                EMOTIONS[int(np.argmax(self.text_probs))], *face,
                f"{self.similarity:.4f}" if self.similarity is not None else "", self.kind]


class ChatLogWriter:
    """Appends messages to a chat.csv; each message is on disk (whole) as soon as it is written."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self._write(list(CHAT_COLUMNS))

    def _write(self, row: list[str]) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(row)  # RFC 4180; quotes any \r or \n in a cell
        data = memoryview(buf.getvalue().encode("utf-8"))
        while data:
            data = data[os.write(self._fd, data):]

    def write(self, message: ChatMessage) -> None:
        """Append one message."""
        if self._fd >= 0:
            self._write(message.row())

    def close(self) -> None:
        """Sync and close."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1


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
