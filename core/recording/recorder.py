"""Session recorder: streams timeline rows to CSV as they come, crash-safe to the last second.

While recording, rows go to `NAME.partial` beside the target, in whole lines, pushed to the
operating system at least every `flush_interval_s`. `close()` renames it to the target, so a
file under the target name is always complete; after a crash or kill the `.partial` file
still parses and holds everything up to the last flush.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Sequence
from pathlib import Path

from core.recording.timeline import TIMELINE_COLUMNS, frame_rows
from core.records import FrameResult


def csv_writer(stream: io.TextIOBase) -> object:
    """A CSV writer in the timeline's dialect (the one place it is set, so batch output matches byte for byte)."""
    return csv.writer(stream, lineterminator="\n")


def partial_path(path: str | Path) -> Path:
    """Where an unfinished recording for `path` lives."""
    path = Path(path)
    return path.with_name(path.name + ".partial")


class SessionRecorder:
    """Writes a timeline CSV incrementally; use as a context manager or call `close()`."""

    def __init__(self, path: str | Path, columns: Sequence[str] = TIMELINE_COLUMNS, flush_interval_s: float = 1.0):
        self.path = Path(path)
        self.partial = partial_path(self.path)
        self.flush_interval_s = flush_interval_s
        self._fd: int | None = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self._buf = io.StringIO()
        self._csv = csv_writer(self._buf)
        self._last_flush = time.monotonic()
        self.rows_written = 0
        self._csv.writerow(columns)
        self.flush()

    def write_row(self, row: Sequence[str]) -> None:
        """Queue one row; flushes when the interval has passed."""
        self._csv.writerow(row)
        self.rows_written += 1
        if time.monotonic() - self._last_flush >= self.flush_interval_s:
            self.flush()

    def write_frame(self, result: FrameResult) -> None:
        """Queue the rows of one analysed frame."""
        for row in frame_rows(result):
            self.write_row(row)

    def flush(self) -> None:
        """Push every queued whole line to the file (one write call, so a kill never splits a line)."""
        if self._fd is None:
            return
        data = self._buf.getvalue().encode("utf-8")
        if data:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
            self._buf.seek(0)
            self._buf.truncate()
        self._last_flush = time.monotonic()

    @property
    def closed(self) -> bool:
        """Whether close() has run."""
        return self._fd is None

    def close(self, complete: bool = True) -> Path:
        """Flush, sync and close; a complete recording is renamed to its target. Returns the file's path."""
        if self._fd is None:
            return self.path if not self.partial.exists() else self.partial
        self.flush()
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None
        if complete:
            os.replace(self.partial, self.path)
            return self.path
        return self.partial

    def __enter__(self) -> SessionRecorder:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(complete=exc_type is None)
