"""The report's attention section: each student's share of time looking away and with eyes closed, the class's share looking at the screen over time.

Read from the timeline's attention columns in a second pass over only those columns, so a
timeline without them (an old one, or a run without `--attention`) costs nothing and gets no
section. Shares are of the rows where the student had attention values: a face too small for
the mesh is neither looking nor away.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.report.students import SessionSummary, _bin, student_label

ATTENTION_NOTE = ("Attention signals come from head pose and eye openness (README, Attention): looking away is the "
                  "head turned or down beyond its thresholds for at least a second, eyes closed is closed for at "
                  "least a second. They say where a face pointed, not whether anyone learned.")


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


def _flags(cells: list[str]) -> np.ndarray:
    """'1'/'0'/'' cells as int8 1/0/-1."""
    out = np.full(len(cells), -1, dtype=np.int8)
    arr = np.array(cells, dtype="U1")
    out[arr == "1"] = 1
    out[arr == "0"] = 0
    return out


def read_attention(path: str | Path, summary: SessionSummary) -> ClassAttention | None:
    """The attention section of a session, or None when its timeline has no attention values."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        if not {"looking_away", "eyes_closed"} <= set(header):
            return None
        ti, fi, ai, ei = (header.index(c) for c in ("time_s", "face_id", "looking_away", "eyes_closed"))
        t, fid, away, closed = [], [], [], []
        for row in reader:
            if len(row) != len(header) or not row[fi] or not row[ai]:
                continue
            t.append(float(row[ti]))
            fid.append(int(row[fi]))
            away.append(row[ai])
            closed.append(row[ei])
    if not t:
        return None
    t_arr, fid_arr = np.array(t), np.array(fid)
    away_arr, closed_arr = _flags(away), _flags(closed)
    bins = len(summary.mood)
    bin_of = _bin(t_arr, summary.start_s, summary.bin_s, bins)
    looking = ((away_arr == 0) & (closed_arr == 0)).astype(np.float64)
    n = np.bincount(bin_of, minlength=bins)
    share = np.where(n > 0, np.bincount(bin_of, weights=looking, minlength=bins) / np.maximum(n, 1), np.nan)
    names = summary.session.names
    labels = np.array([student_label(int(i), names) for i in fid_arr])
    students = []
    for s in summary.students:
        rows = labels == s.label
        if not rows.any():
            continue
        students.append(StudentAttention(s.label, float(rows.sum() * summary.step_s),
                                         float((away_arr[rows] == 1).mean()), float((closed_arr[rows] == 1).mean())))
    return ClassAttention(tuple(students), share)
