"""Reading a recorded session for a report: the timeline CSV, its JSON sidecar and chat log, checked before use.

Only what the report needs is kept per row (time, face id, dominant class); a 3-hour class of
45 students is about 5 million rows, so the common case (no quoted cells) is parsed by numpy's
C reader in blocks, and only blocks with quotes go through the csv module.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.recording.chat_log import CHAT_COLUMNS, read_chat_csv
from core.recording.recorder import partial_path
from core.recording.timeline import ATTENTION_COLUMNS, TIMELINE_COLUMNS
from core.text.guard import unguard_cell

BLOCK_BYTES = 32 << 20  # about 300,000 rows at a time
_NAME_BYTES = 96  # fixed-width name cells in the fast path (32 Hangul syllables); longer sends the block to the csv module
# Older timelines were written before faces could be named, or before attention signals; they are read without them.
_OPTIONAL_COLUMNS = ("name", *ATTENTION_COLUMNS)


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


@dataclass(frozen=True)
class ChatEntry:
    """One chat message as recorded: who wrote it, its text emotion, and how it compared with the face."""

    time_s: float
    author_id: int | None
    author_name: str
    text: str
    text_probs: np.ndarray = field(compare=False)
    face_dominant: str | None  # the author's (or selected) face's dominant class when the message came
    similarity: float | None  # 1 - Jensen-Shannon distance between text and face; None when no face
    kind: str = "chat"  # "chat", or "transcript" (a line of the conference's transcript)

    @property
    def text_dominant(self) -> str:
        """The message's most probable class."""
        return EMOTIONS[int(np.argmax(self.text_probs))]


@dataclass(frozen=True, eq=False)
class Session:
    """A recorded session, reduced to what the report shows."""

    csv_path: Path
    meta: dict[str, object]  # the sidecar's keys as found (empty without a sidecar); all optional
    time_s: np.ndarray  # per row, seconds
    face_id: np.ndarray  # per row, int32; -1 for a frame with no face
    dominant: np.ndarray  # per row, int8 index into EMOTIONS; -1 for a frame with no face
    names: dict[int, str]  # face id -> teacher-given name (sidecar's `names` over the rows' last name)
    chat: tuple[ChatEntry, ...]
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
    time_s, face_id, dominant, row_names = _read_timeline(path)
    names = dict(row_names)
    sidecar_names = meta.get("names")
    if isinstance(sidecar_names, dict):
        for key, name in sidecar_names.items():
            if str(key).lstrip("-").isdigit() and isinstance(name, str) and name:
                names[int(key)] = name
    chat_path = _chat_path(path, meta)
    chat = _read_chat(chat_path) if chat_path is not None else ()
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


def _check_ends_whole(path: Path, what: str) -> None:
    """Refuse an empty file and one whose last line was cut (our writers end every row with a newline)."""
    size = path.stat().st_size
    if size == 0:
        raise ReportInputError(f"{what} {path} is empty")
    with open(path, "rb") as f:
        f.seek(size - 1)
        if f.read(1) != b"\n":
            raise ReportInputError(f"{what} {path} is truncated: its last line is cut off mid-row")


def _header(path: Path, what: str) -> list[str]:
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return next(csv.reader(f), [])
    except UnicodeDecodeError:
        raise ReportInputError(f"{path} is not an EmoSync {what}{' CSV' if what == 'timeline' else ''}: not UTF-8 text") from None


def _read_timeline(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    _check_ends_whole(path, "timeline")
    header = _header(path, "timeline")
    expected = [c for c in TIMELINE_COLUMNS if c not in _OPTIONAL_COLUMNS or c in header]
    if header != expected:
        raise ReportInputError(f"{path} is not an EmoSync timeline CSV: expected its {len(TIMELINE_COLUMNS)} columns "
                               f"({', '.join(TIMELINE_COLUMNS[:4])}, …, {TIMELINE_COLUMNS[-1]}); "
                               f"found {', '.join(header[:6]) or 'none'}{', …' if len(header) > 6 else ''}")
    cols = [header.index(c) for c in ("time_s", "face_id", "dominant")]
    name_col = header.index("name") if "name" in header else None
    times, ids, doms, names = [], [], [], {}
    with open(path, "rb") as f:  # bytes: the columns we read are ASCII but for names, decoded alone
        f.readline()
        line_no = 2
        while True:
            block = f.read(BLOCK_BYTES)
            if not block:
                break
            block += f.readline()  # whole lines only
            while block.count(b'"') % 2:  # a quoted cell with a newline crosses the block's end
                more = f.readline()
                if not more:
                    raise ReportInputError(f"timeline {path} is truncated: a quoted cell is never closed")
                block += more
            t, fid, dom, block_names = _parse_block(block, len(header), cols, name_col, path, line_no)
            times.append(t)
            ids.append(fid)
            doms.append(dom)
            names.update(block_names)
            line_no += block.count(b"\n")
    if not times:
        raise ReportInputError(f"timeline {path} has no rows: nothing was recorded")
    return np.concatenate(times), np.concatenate(ids), np.concatenate(doms), names


def _parse_block(block: bytes, width: int, cols: list[int], name_col: int | None,
                 path: Path, line_no: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """Time, face id, dominant index and face names of a block of whole lines."""
    use = [*cols, name_col] if name_col is not None else cols
    columns = None
    if b'"' not in block:
        # Read as latin-1, every byte one character, into byte strings: no UTF-8 decoding of 500 MB
        # (names are decoded one per face below) and a quarter of numpy's unicode memory traffic.
        dtype = np.dtype([("t", "f8"), ("fid", "S12"), ("dom", "S12")] + ([("name", f"S{_NAME_BYTES}")] if name_col is not None else []))
        try:
            table = np.loadtxt(io.BytesIO(block), delimiter=",", quotechar='"', usecols=use, dtype=dtype,
                               comments=None, ndmin=1, encoding="latin-1")
            if name_col is None or not (np.char.str_len(table["name"]) >= _NAME_BYTES).any():
                columns = (table["t"], table["fid"], table["dom"], table["name"] if name_col is not None else None)
        except (ValueError, UnicodeError):
            pass  # the csv module below finds the row and says what is wrong with it
    if columns is None:
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            raise ReportInputError(f"timeline {path} is not an EmoSync timeline CSV: not UTF-8 text") from None
        columns = _parse_block_csv(text, width, use, path, line_no)
    t, fid_s, dom_s, name_s = columns
    if not np.isfinite(t).all():
        raise ReportInputError(f"timeline {path} is not an EmoSync timeline CSV: time_s is not a time")
    face = fid_s != b""
    fid = np.full(t.size, -1, dtype=np.int32)
    try:
        fid[face] = fid_s[face].astype(np.int64)
    except ValueError:
        raise ReportInputError(f"timeline {path} is not an EmoSync timeline CSV: face_id is not a number") from None
    dom = np.full(t.size, -1, dtype=np.int8)
    for k, emotion in enumerate(EMOTIONS):
        dom[dom_s == emotion.encode()] = k
    bad = face & (dom < 0)
    if bad.any():
        row = line_no + int(np.argmax(bad))
        raise ReportInputError(f"timeline {path}, row {row}: dominant is not one of {', '.join(EMOTIONS)}")
    names: dict[int, str] = {}
    if name_s is not None:
        latest = np.nonzero((np.char.str_len(name_s) > 0) & face)[0][::-1]  # the last name a face had in the block wins
        ids, first = np.unique(fid[latest], return_index=True)
        for i, k in zip(ids, first):
            name = name_s[latest[k]]
            try:
                names[int(i)] = unguard_cell(name.decode("utf-8") if isinstance(name, bytes) else str(name))
            except UnicodeDecodeError:
                raise ReportInputError(f"timeline {path} is not an EmoSync timeline CSV: not UTF-8 text") from None
    return t, fid, dom, names


def _parse_block_csv(block: str, width: int, use: list[int], path: Path,
                     line_no: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    t, fid, dom, name = [], [], [], []
    for n, row in enumerate(csv.reader(io.StringIO(block))):
        if len(row) != width:
            raise ReportInputError(f"timeline {path}, row {line_no + n}: {len(row)} fields, expected {width} "
                                   "(truncated, or not an EmoSync timeline CSV)")
        try:
            t.append(float(row[use[0]]))
        except ValueError:
            raise ReportInputError(f"timeline {path}, row {line_no + n}: time_s is not a number") from None
        fid.append(row[use[1]])
        dom.append(row[use[2]])
        if len(use) > 3:
            name.append(row[use[3]])
    try:
        fid_s, dom_s = np.array(fid, dtype=str).astype("S"), np.array(dom, dtype=str).astype("S")
    except UnicodeError:
        raise ReportInputError(f"timeline {path} is not an EmoSync timeline CSV: face_id or dominant is not plain text") from None
    return np.array(t, dtype=np.float64), fid_s, dom_s, np.array(name, dtype=str) if len(use) > 3 else None


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _read_chat(path: Path) -> tuple[ChatEntry, ...]:
    """The chat log's messages; refuses a truncated or foreign one."""
    if path.stat().st_size == 0:
        return ()
    _check_ends_whole(path, "chat log")
    header = _header(path, "chat log")
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
        out.append(ChatEntry(
            time_s=t, author_id=int(author) if author.lstrip("-").isdigit() else None,
            author_name=row.get("author_name") or "", text=row["text"], text_probs=np.array(probs),
            face_dominant=EMOTIONS[int(np.argmax(face))] if all(p is not None for p in face) else None,
            similarity=_number(row["similarity"]),
            kind="transcript" if row.get("kind") == "transcript" else "chat"))
    return tuple(out)
