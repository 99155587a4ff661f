"""A class's participants list from a file: Zoom's participants report (CSV) or a plain list, one name a line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from core.names.names import clean_name
from core.text.encoding import EncodingError, decode_bytes

ZOOM_COLUMN = "Name (Original Name)"
NAME_COLUMNS = (ZOOM_COLUMN, "Name", "Participant", "Display name", "이름", "참가자")
MAX_FILE_BYTES = 4 * 1024 * 1024
_LAST_GROUP = re.compile(r"\s*\(([^()]*)\)\s*$")


class ParticipantsError(ValueError):
    """The file cannot be read as a participants list; the message says why (one line)."""


def zoom_display_name(value: str) -> str:
    """The name shown on screen from Zoom's `Display (Original)` value.

    Zoom appends the original name in brackets only after a rename; a bracketed role such as
    `(조교)` stays. The last group is taken for an original name when it holds two or more words
    (`(Yujin Seo)`) or when another bracketed group comes before it.
    """
    value = clean_name(value)
    m = _LAST_GROUP.search(value)
    if m is None:
        return value
    rest = value[: m.start()]
    if len(m.group(1).split()) >= 2 or "(" in rest:
        return clean_name(rest) or value
    return value


def _from_csv(text: str) -> list[str] | None:
    """Names of the CSV's name column (its header may follow a block of meeting details), or None."""
    rows = list(csv.reader(io.StringIO(text)))
    for i, row in enumerate(rows):
        cells = [c.strip() for c in row]
        col = next((cells.index(c) for c in NAME_COLUMNS if c in cells), None)
        if col is None:
            continue
        zoom = cells[col] == ZOOM_COLUMN
        names = [r[col] for r in rows[i + 1 :] if len(r) > col]
        return [zoom_display_name(n) if zoom else clean_name(n) for n in names]
    return None


def read_participants(path: str | Path, notes: list[str] | None = None) -> list[str]:
    """The listed names, cleaned, each once, in file order; ParticipantsError when it is no such list.

    UTF-8, UTF-16 or CP949 (Korean Excel's default); `notes` gets a line saying which when it is not UTF-8.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ParticipantsError(f"participants file is larger than {MAX_FILE_BYTES // 2**20} MB: {path}")
        text, found = decode_bytes(path.read_bytes(), f"participants file {path}")
    except FileNotFoundError:
        raise ParticipantsError(f"no such participants file: {path}") from None
    except IsADirectoryError:
        raise ParticipantsError(f"participants file is a folder: {path}") from None
    except EncodingError as e:
        raise ParticipantsError(str(e)) from None
    except OSError as e:
        raise ParticipantsError(f"cannot read participants file {path}: {e.strerror or e}") from None
    if found.note and notes is not None:
        notes.append(f"participants file {path}: {found.note}")
    names = _from_csv(text) if "," in text.split("\n", 1)[0] or ZOOM_COLUMN in text else None
    if names is None:
        names = [clean_name(line) for line in text.splitlines() if not line.lstrip().startswith("#")]
    seen: dict[str, None] = {}
    for n in names:
        if n:
            seen.setdefault(n, None)
    if not seen:
        raise ParticipantsError(f"participants file lists no names: {path}")
    return list(seen)
