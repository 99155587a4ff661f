"""The batch summary CSV: one row per input (ok, failed or skipped), rewritten atomically as each input ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.recording.atomic_file import write_atomic
from core.recording.recorder import csv_writer
from core.text.guard import guard_cell, unguard_cell

SUMMARY_COLUMNS: tuple[str, ...] = ("input", "status", "frames", "frames_with_face", "video_s", "wall_s",
                                    "frames_per_s", "error", "retried")
STATUSES = ("ok", "failed", "skipped")


@dataclass(frozen=True)
class SummaryRow:
    """How one input ended."""

    input: str
    status: str
    frames: int = 0
    frames_with_face: int = 0
    video_s: float = 0.0
    wall_s: float = 0.0
    error: str = ""
    retried: int = 0

    def cells(self) -> list[str]:
        """The row as the summary CSV writes it."""
        fps = self.frames / self.wall_s if self.wall_s > 0 else 0.0
        return [guard_cell(self.input), self.status, str(self.frames), str(self.frames_with_face),
                f"{self.video_s:.3f}", f"{self.wall_s:.3f}", f"{fps:.1f}", guard_cell(self.error), str(self.retried)]


def read_summary(path: str | Path) -> list[SummaryRow]:
    """The rows of an earlier summary.csv (empty when there is none or it is not one)."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"input", "status"} <= set(reader.fieldnames):
                return []
            out = []
            for r in reader:
                try:
                    out.append(SummaryRow(unguard_cell(r["input"]), r["status"], int(r.get("frames") or 0),
                                          int(r.get("frames_with_face") or 0), float(r.get("video_s") or 0),
                                          float(r.get("wall_s") or 0), unguard_cell(r.get("error") or ""),
                                          int(r.get("retried") or 0)))
                except (TypeError, ValueError):
                    continue  # a row someone edited by hand: left out rather than guessed
            return out
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def write_summary(path: str | Path, rows: Iterable[SummaryRow]) -> Path:
    """The whole summary, atomically (summary.csv.partial, then rename)."""
    buf = io.StringIO()
    writer = csv_writer(buf)
    writer.writerow(SUMMARY_COLUMNS)
    for row in rows:
        writer.writerow(row.cells())
    return write_atomic(path, buf.getvalue())


class SummaryWriter:
    """Keeps `summary.csv` up to date as inputs end, merged with the rows of earlier runs.

    Each input has one row, keyed by its path: an earlier run's row stays until this run ends
    that input, so an interrupted re-run (even with --force) loses no row. The file is
    rewritten whole and atomically after each row (a batch has hundreds of inputs, not
    millions), so it is never half-written.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._all: dict[str, SummaryRow] = {r.input: r for r in read_summary(self.path)}
        self.rows: list[SummaryRow] = []  # this run's rows, in the order they ended
        write_summary(self.path, self._all.values())

    def write(self, row: SummaryRow) -> None:
        """Record one input's row (replacing an earlier run's) and rewrite the file."""
        self._all[row.input] = row
        self.rows = [r for r in self.rows if r.input != row.input] + [row]
        write_summary(self.path, self._all.values())

    def close(self) -> None:
        """Nothing is held open: every write already put the whole file in place."""

    def __enter__(self) -> SummaryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def update_summary(path: str | Path, rows: Iterable[SummaryRow]) -> Path:
    """Replace these inputs' rows in an existing summary (a chat that could not be added, found after the batch)."""
    merged = {r.input: r for r in read_summary(path)}
    for r in rows:
        merged[r.input] = r
    return write_summary(path, merged.values())
