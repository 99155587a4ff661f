"""The batch summary CSV: one row per input (ok, failed or skipped), written and flushed as each input ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.recording.recorder import csv_writer
from core.text.guard import guard_cell

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


class SummaryWriter:
    """Appends rows to `summary.csv` as inputs end, so it tells what was done even after an interruption."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file = open(self.path, "w", newline="", encoding="utf-8")
        self._csv = csv_writer(self._file)
        self._csv.writerow(SUMMARY_COLUMNS)
        self._file.flush()
        self.rows: list[SummaryRow] = []

    def write(self, row: SummaryRow) -> None:
        """Write one row and push it to the file at once."""
        self._csv.writerow(row.cells())
        self._file.flush()
        self.rows.append(row)

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> SummaryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
