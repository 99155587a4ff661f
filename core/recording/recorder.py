"""Session recorder: streams timeline rows to CSV as they come, crash-safe to the last second.

While recording, rows go to `NAME.partial` beside the target (core/recording/atomic_file.py),
in whole lines, pushed to the operating system at least every `flush_interval_s`.
`close(complete=True)` renames it to the target, so a file under the target name is always
complete; after a crash or kill the `.partial` file still parses and holds everything up to
the last flush, and `close(complete=False)` leaves it there with an earlier target untouched.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Sequence
from pathlib import Path

from core.recording.atomic_file import AtomicFile, partial_path
from core.recording.timeline import TIMELINE_COLUMNS, frame_rows
from core.records import FrameResult

__all__ = ["SessionRecorder", "csv_writer", "partial_path"]


def csv_writer(stream: io.TextIOBase) -> object:
    """A CSV writer in the timeline's dialect (the one place it is set, so batch output matches byte for byte)."""
    return csv.writer(stream, lineterminator="\n")


class SessionRecorder:
    """Writes a timeline CSV incrementally; use as a context manager or call `close()`.

    Write failures (a full disk, a removed folder) raise `OutputError` naming the target.
    """

    def __init__(self, path: str | Path, columns: Sequence[str] = TIMELINE_COLUMNS, flush_interval_s: float = 1.0):
        self._file = AtomicFile(path)
        self.path = self._file.path
        self.partial = self._file.partial
        self.flush_interval_s = flush_interval_s
        self._buf = io.StringIO()
        self._csv = csv_writer(self._buf)
        self._last_flush = time.monotonic()
        self.rows_written = 0
        self._committed = False
        self._csv.writerow(columns)
        self.flush()

    @property
    def replaces(self) -> bool:
        """Whether a complete file was already under the target name when recording began."""
        return self._file.replaces

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
        """Push every queued whole line to the file (one write, cut back to whole lines if the disk refuses it)."""
        if self._file.closed:
            return
        data = self._buf.getvalue().encode("utf-8")
        self._buf.seek(0)
        self._buf.truncate()
        self._file.check()
        self._file.write(data)
        self._last_flush = time.monotonic()

    @property
    def closed(self) -> bool:
        """Whether close() has run."""
        return self._file.closed

    @property
    def committed(self) -> bool:
        """Whether close() put the rows under the target name."""
        return self._committed

    def kept_note(self) -> str:
        """After a failed write: '; the rows written so far, whole, are in OUT.partial; OUT (the earlier result) is
        as it was', the parts that hold, for the one-line error."""
        note = f"; the rows written so far, whole, are in {self.partial}" if self.partial.exists() else ""
        if self.replaces and self.path.exists():
            note += f"; {self.path} (the earlier result) is as it was"
        return note

    def close(self, complete: bool = True) -> Path:
        """Flush, sync and close; a complete recording is renamed to its target. Returns the file's path.

        An incomplete one stays `.partial`, the target (an earlier result) untouched. When the
        last rows cannot be written the partial keeps what it has and OutputError goes on.
        """
        if self._file.closed:
            return self.path if not self.partial.exists() else self.partial
        try:
            self.flush()
        except OSError:
            self._file.abandon(keep=True)
            raise
        if complete:
            path = self._file.commit()
            self._committed = True
            return path
        return self._file.abandon(keep=True) or self.partial

    def __enter__(self) -> SessionRecorder:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(complete=exc_type is None)
