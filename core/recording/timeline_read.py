"""Reading timelines, beside their writer: the header, every frame with its rows (to add a chat), the report's columns, the attention rows.

Cost model: `read_frames` streams one frame's rows at a time; `read_summary_columns` reads only
time, face id, dominant class and name, in 32 MB blocks, so a 3-hour class of 45 students (about
5 million rows) is read in seconds. Every problem is a TimelineError whose text is fit for the user.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.recording.timeline import ATTENTION_COLUMNS, TEXT_COLUMNS, TIMELINE_COLUMNS
from core.records import FaceResult, FrameResult
from core.text.guard import unguard_cell

BLOCK_BYTES = 32 << 20  # about 300,000 rows at a time
_NAME_BYTES = 96  # fixed-width name cells in the fast path (32 Hangul syllables); longer sends the block to the csv module
# Older timelines were written before faces could be named, or before attention signals; they are read without them.
_OPTIONAL_COLUMNS = ("name", *ATTENTION_COLUMNS)


class TimelineError(ValueError):
    """A timeline (or chat log) that cannot be read: missing, empty, truncated, foreign; the text says which."""


def check_ends_whole(path: Path, what: str = "timeline") -> None:
    """Refuse an empty file and one whose last line was cut (our writers end every row with a newline)."""
    size = path.stat().st_size
    if size == 0:
        raise TimelineError(f"{what} {path} is empty")
    with open(path, "rb") as f:
        f.seek(size - 1)
        if f.read(1) != b"\n":
            raise TimelineError(f"{what} {path} is truncated: its last line is cut off mid-row")


def read_header(path: Path, what: str = "timeline") -> list[str]:
    """The first row of a CSV; TimelineError when it is not UTF-8 text."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return next(csv.reader(f), [])
    except UnicodeDecodeError:
        raise TimelineError(f"{path} is not an EmoSync {what}{' CSV' if what == 'timeline' else ''}: not UTF-8 text") from None


def read_summary_columns(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """Per row: time, face id (-1: no face), dominant class index (-1: no face); and each face's last name.

    For the report's hours of rows: blocks parsed by numpy's C reader, only blocks with quotes by the csv module.
    """
    check_ends_whole(path, "timeline")
    header = read_header(path, "timeline")
    expected = [c for c in TIMELINE_COLUMNS if c not in _OPTIONAL_COLUMNS or c in header]
    if header != expected:
        raise TimelineError(f"{path} is not an EmoSync timeline CSV: expected its {len(TIMELINE_COLUMNS)} columns "
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
                    raise TimelineError(f"timeline {path} is truncated: a quoted cell is never closed")
                block += more
            t, fid, dom, block_names = _parse_block(block, len(header), cols, name_col, path, line_no)
            times.append(t)
            ids.append(fid)
            doms.append(dom)
            names.update(block_names)
            line_no += block.count(b"\n")
    if not times:
        raise TimelineError(f"timeline {path} has no rows: nothing was recorded")
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
            raise TimelineError(f"timeline {path} is not an EmoSync timeline CSV: not UTF-8 text") from None
        columns = _parse_block_csv(text, width, use, path, line_no)
    t, fid_s, dom_s, name_s = columns
    if not np.isfinite(t).all():
        raise TimelineError(f"timeline {path} is not an EmoSync timeline CSV: time_s is not a time")
    face = fid_s != b""
    fid = np.full(t.size, -1, dtype=np.int32)
    try:
        fid[face] = fid_s[face].astype(np.int64)
    except ValueError:
        raise TimelineError(f"timeline {path} is not an EmoSync timeline CSV: face_id is not a number") from None
    dom = np.full(t.size, -1, dtype=np.int8)
    for k, emotion in enumerate(EMOTIONS):
        dom[dom_s == emotion.encode()] = k
    bad = face & (dom < 0)
    if bad.any():
        row = line_no + int(np.argmax(bad))
        raise TimelineError(f"timeline {path}, row {row}: dominant is not one of {', '.join(EMOTIONS)}")
    names: dict[int, str] = {}
    if name_s is not None:
        latest = np.nonzero((np.char.str_len(name_s) > 0) & face)[0][::-1]  # the last name a face had in the block wins
        ids, first = np.unique(fid[latest], return_index=True)
        for i, k in zip(ids, first):
            name = name_s[latest[k]]
            try:
                names[int(i)] = unguard_cell(name.decode("utf-8") if isinstance(name, bytes) else str(name))
            except UnicodeDecodeError:
                raise TimelineError(f"timeline {path} is not an EmoSync timeline CSV: not UTF-8 text") from None
    return t, fid, dom, names


def _parse_block_csv(block: str, width: int, use: list[int], path: Path,
                     line_no: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    t, fid, dom, name = [], [], [], []
    for n, row in enumerate(csv.reader(io.StringIO(block))):
        if len(row) != width:
            raise TimelineError(f"timeline {path}, row {line_no + n}: {len(row)} fields, expected {width} "
                                   "(truncated, or not an EmoSync timeline CSV)")
        try:
            t.append(float(row[use[0]]))
        except ValueError:
            raise TimelineError(f"timeline {path}, row {line_no + n}: time_s is not a number") from None
        fid.append(row[use[1]])
        dom.append(row[use[2]])
        if len(use) > 3:
            name.append(row[use[3]])
    try:
        fid_s, dom_s = np.array(fid, dtype=str).astype("S"), np.array(dom, dtype=str).astype("S")
    except UnicodeError:
        raise TimelineError(f"timeline {path} is not an EmoSync timeline CSV: face_id or dominant is not plain text") from None
    return np.array(t, dtype=np.float64), fid_s, dom_s, np.array(name, dtype=str) if len(use) > 3 else None


def check_timeline_header(path: Path) -> list[str]:
    """The header of a timeline with the columns a chat needs; TimelineError when it is not one."""
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), None)
    if header is None or not {"frame", "time_s", "face_id", "name", *EMOTIONS, *TEXT_COLUMNS, "congruence"} <= set(header):
        raise TimelineError(f"{path} is not an EmoSync timeline")
    return header


def read_frames(path: Path) -> Iterator[tuple[FrameResult, list[list[str]]]]:
    """Each frame of a timeline with its rows as written (faces in row order)."""
    check_timeline_header(path)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {c: header.index(c) for c in header}
        emotions = [col[e] for e in EMOTIONS]
        current: tuple[int, float] | None = None
        faces: list[FaceResult] = []
        rows: list[list[str]] = []
        for n, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}, line {n}: wrong number of fields")
            key = (int(row[col["frame"]]), float(row[col["time_s"]]))
            if current is not None and key != current:
                yield FrameResult(current[0], current[1], faces), rows
                faces, rows = [], []
            current = key
            rows.append(row)
            if row[col["face_id"]]:
                box = tuple(int(row[col[c]]) for c in ("x", "y", "w", "h"))
                probs = np.array([float(row[i]) for i in emotions])
                faces.append(FaceResult(int(row[col["face_id"]]), box, float(row[col["det_score"]]), probs,
                                        unguard_cell(row[col["name"]])))
        if current is not None:
            yield FrameResult(current[0], current[1], faces), rows


def read_attention_rows(path: Path, header: list[str]) -> Iterator[tuple[float, int, bool, bool]]:
    """(time_s, face_id, looking_away, eyes_closed) of the rows with attention values, read as bytes.

    The attention cells are the last columns and never quoted, the time and face id the first
    ones, so a row is cut from both ends without parsing the name between (a quoted name with
    a newline joins the lines it spans). Rows with empty attention cells are skipped unread.
    """
    tail = len(header) - header.index(ATTENTION_COLUMNS[0])
    away_at = header.index("looking_away") - len(header)
    closed_at = header.index("eyes_closed") - len(header)
    empty = b"," * tail
    with open(path, "rb") as f:
        f.readline()
        pending = b""
        for line in f:
            if pending or line.count(b'"') % 2:
                pending += line
                if pending.count(b'"') % 2:
                    continue
                line, pending = pending, b""
            line = line.rstrip(b"\r\n")
            if line.endswith(empty):
                continue
            cells = line.rsplit(b",", tail)
            head = cells[0].split(b",", 3)
            if len(cells) != tail + 1 or len(head) < 3 or not head[2]:
                continue
            yield float(head[1]), int(head[2]), cells[away_at] == b"1", cells[closed_at] == b"1"
