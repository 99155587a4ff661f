"""The report's attention section: each student's share of time looking away and with eyes closed, the class's share looking at the screen over time.

Read from the timeline's attention columns in a second pass over the file, as bytes: a timeline
without the columns (an old one) is not read again, one whose attention cells are empty (a run
without `--attention`) costs one `endswith` a row, and neither gets a section. Shares are of the rows where the student had attention values: a face too small for
the mesh is neither looking nor away.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.recording.timeline import ATTENTION_COLUMNS
from core.report.translatable import english
from core.report.students import SessionSummary, _bin, student_label

ATTENTION_NOTE = english(
    "Attention signals come from head pose and eye openness (user guide, Attention): looking away is the head "
    "turned or down beyond its thresholds for at least a second, eyes closed is closed for at least a second. They "
    "say where a face pointed, not whether anyone learned.")


@dataclass(frozen=True)
class StudentAttention:
    """One student's attention over the rows with values."""

    label: str
    measured_s: float
    away_share: float
    eyes_closed_share: float


@dataclass(frozen=True)
class ClassAttention:
    """The session's attention: per student (in the summary's order) and the class's share looking at the screen per bin."""

    students: tuple[StudentAttention, ...]
    looking: np.ndarray  # per plot bin, share of measured faces looking at the screen with eyes open; NaN where none


def _rows(path: Path, header: list[str]):
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


def read_attention(path: str | Path, summary: SessionSummary) -> ClassAttention | None:
    """The attention section of a session, or None when its timeline has no attention values."""
    path = Path(path)
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    if not set(ATTENTION_COLUMNS) <= set(header) or header[:3] != ["frame", "time_s", "face_id"]:
        return None
    rows = list(_rows(path, header))
    if not rows:
        return None
    t, fid, away, closed = (np.array(c) for c in zip(*rows))
    away_arr, closed_arr = away.astype(np.int8), closed.astype(np.int8)
    t_arr, fid_arr = t.astype(np.float64), fid.astype(np.int64)
    bins = len(summary.mood)
    bin_of = _bin(t_arr, summary.start_s, summary.bin_s, bins)
    looking = ((away_arr == 0) & (closed_arr == 0)).astype(np.float64)
    n = np.bincount(bin_of, minlength=bins)
    share = np.where(n > 0, np.bincount(bin_of, weights=looking, minlength=bins) / np.maximum(n, 1), np.nan)
    names = summary.session.names
    ids, inverse = np.unique(fid_arr, return_inverse=True)
    labels = np.array([student_label(int(i), names) for i in ids])[inverse]
    students = []
    for s in summary.students:
        rows = labels == s.label
        if not rows.any():
            continue
        students.append(StudentAttention(s.label, float(rows.sum() * summary.step_s),
                                         float((away_arr[rows] == 1).mean()), float((closed_arr[rows] == 1).mean())))
    return ClassAttention(tuple(students), share)
