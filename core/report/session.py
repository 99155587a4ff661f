"""Reading a recorded session for a report: the timeline CSV, its JSON sidecar and chat log, checked before use.

Only what the report needs is kept per row (time, face id, dominant class); a 3-hour class of
45 students is about 5 million rows, so the common case (no quoted cells) is parsed by numpy's
C reader in blocks, and only blocks with quotes go through the csv module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.recording.chat_log import CHAT_COLUMNS, ChatMessage, read_chat_csv
from core.recording.recorder import partial_path
from core.recording.timeline_read import TimelineError, check_ends_whole, read_header, read_summary_columns



class ReportInputError(ValueError):
    """A file the report cannot use (missing, empty, truncated, foreign, mismatched); the text is fit for the user."""


class NotATimelineError(ReportInputError):
    """A file that is no timeline CSV at all (a video, an image, a document): the caller says how to make one."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a timeline CSV")
        self.path, self.kind = path, kind


def _not_a_timeline(path: Path) -> str | None:
    """What `path` is instead of a timeline CSV ('a video', 'not a CSV file'), or None when it may be one."""
    from core.sources.files import IMAGE_SUFFIXES, VIDEO_SUFFIXES

    suffix = path.suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        return "a video"
    if suffix in IMAGE_SUFFIXES:
        return "an image"
    with open(path, "rb") as f:
        head = f.read(4096)
    if suffix != ".csv" and not head.startswith(b"frame,time_s"):  # a timeline under another name still reads
        return "not a CSV file"
    if b"\0" in head:
        return "not a text file"
    return None


ChatEntry = ChatMessage  # the report reads the chat log's own record (its old name, kept for its users)


@dataclass(frozen=True, eq=False)
class Session:
    """A recorded session, reduced to what the report shows."""

    csv_path: Path
    meta: dict[str, object]  # the sidecar's keys as found (empty without a sidecar); all optional
    time_s: np.ndarray  # per row, seconds
    face_id: np.ndarray  # per row, int32; -1 for a frame with no face
    dominant: np.ndarray  # per row, int8 index into EMOTIONS; -1 for a frame with no face
    names: dict[int, str]  # face id -> teacher-given name (sidecar's `names` over the rows' last name)
    chat: tuple[ChatMessage, ...]
    chat_path: Path | None

    @property
    def rows(self) -> int:
        """Number of timeline rows."""
        return int(self.time_s.size)


def sidecar_path(csv_path: Path) -> Path:
    """Where a session's JSON sidecar lives: the CSV's name with .json."""
    return csv_path.with_suffix(".json")


def load_session(path: str | Path) -> Session:
    """Read and check a timeline CSV with its sidecar and chat log; raises ReportInputError naming the problem."""
    path = Path(path)
    if path.name.endswith(".partial"):
        raise ReportInputError(f"{path} is an unfinished recording (still being recorded, or the app stopped "
                               "before finishing it): stop the session first, or copy it to a .csv to report what it holds")
    if not path.exists():
        hint = f" (an unfinished recording {partial_path(path).name} is there)" if partial_path(path).exists() else ""
        raise ReportInputError(f"no such file: {path}{hint}")
    if not path.is_file():
        raise ReportInputError(f"not a file: {path}")
    kind = _not_a_timeline(path)
    if kind is not None:
        raise NotATimelineError(path, kind)
    meta = _read_sidecar(path)
    try:
        time_s, face_id, dominant, row_names = read_summary_columns(path)
    except TimelineError as e:
        raise ReportInputError(str(e)) from None
    names = dict(row_names)
    sidecar_names = meta.get("names")
    if isinstance(sidecar_names, dict):
        for key, name in sidecar_names.items():
            if str(key).lstrip("-").isdigit() and isinstance(name, str) and name:
                names[int(key)] = name
    chat_path = _chat_path(path, meta)
    try:
        chat = _read_chat(chat_path) if chat_path is not None else ()
    except TimelineError as e:
        raise ReportInputError(str(e)) from None
    return Session(path, meta, time_s, face_id, dominant, names, chat, chat_path)


def _read_sidecar(csv_path: Path) -> dict[str, object]:
    side = sidecar_path(csv_path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReportInputError(f"sidecar {side} does not match {csv_path.name}: it is not valid JSON") from None
    if not isinstance(data, dict):
        raise ReportInputError(f"sidecar {side} does not match {csv_path.name}: it is not a JSON object")
    named = data.get("csv")
    if named is not None and Path(str(named)).name != csv_path.name:
        raise ReportInputError(f"sidecar {side} does not match: it describes {Path(str(named)).name}, not {csv_path.name}")
    return data


def _chat_path(csv_path: Path, meta: dict[str, object]) -> Path | None:
    named = meta.get("chat")
    candidates = [csv_path.parent / Path(str(named)).name] if named else []
    candidates.append(csv_path.with_suffix(".chat.csv"))
    return next((c for c in candidates if c.is_file()), None)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _read_chat(path: Path) -> tuple[ChatMessage, ...]:
    """The chat log's messages; refuses a truncated or foreign one."""
    if path.stat().st_size == 0:
        return ()
    check_ends_whole(path, "chat log")
    header = read_header(path, "chat log")
    needed = [c for c in CHAT_COLUMNS if c not in ("author_id", "author_name", "kind")]  # older logs lack these
    missing = [c for c in needed if c not in header]
    if missing:
        raise ReportInputError(f"{path} is not an EmoSync chat log: missing columns {', '.join(missing)}")
    text_cols = [f"text_{e}" for e in EMOTIONS]
    face_cols = [f"face_{e}" for e in EMOTIONS]
    out = []
    for n, row in enumerate(read_chat_csv(path), start=2):
        if None in row or any(v is None for v in row.values()):
            raise ReportInputError(f"chat log {path}, row {n}: wrong number of fields (truncated, or not an EmoSync chat log)")
        t = _number(row["time_s"])
        probs = [_number(row[c]) for c in text_cols]
        if t is None or any(p is None for p in probs):
            raise ReportInputError(f"chat log {path}, row {n}: time_s and text_* must be numbers")
        face = [_number(row[c]) for c in face_cols]
        author = row.get("author_id") or ""
        out.append(ChatMessage(
            time_s=t, timestamp=row.get("timestamp") or "", text=row["text"], text_probs=np.array(probs),
            face_probs=np.array(face) if all(p is not None for p in face) else None,
            similarity=_number(row["similarity"]), author_id=int(author) if author.lstrip("-").isdigit() else None,
            author_name=row.get("author_name") or "", kind="transcript" if row.get("kind") == "transcript" else "chat"))
    return tuple(out)
