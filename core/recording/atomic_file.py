"""Every file EmoSync writes goes through here: `NAME.partial` in whole lines, renamed onto `NAME` only when complete.

Design: a file under its final name is always complete, and a run that stops early (Ctrl-C,
a fault, a full disk, a removed folder) leaves the earlier complete file exactly as it was;
what the failed run had done is in `NAME.partial`, in whole lines. Callers hand over whole
lines (a CSV row, a JSON document); a write the disk cannot take is cut back to the last
whole line before the error goes on, so the partial still parses. Errors are `OutputError`,
an OSError whose `filename` is the final name the user gave (never the temporary one) and
whose `partial` says where the work so far is. A removed output folder is noticed at the
next flush (the open partial file has no link left), not only at the final rename.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def partial_path(path: str | Path) -> Path:
    """Where the unfinished version of `path` lives while it is written."""
    path = Path(path)
    return path.with_name(path.name + PARTIAL_SUFFIX)


class OutputError(OSError):
    """An output could not be written: `filename` is the final path, `partial` the whole lines kept (or None)."""

    def __init__(self, code: int, strerror: str, path: Path, partial: Path | None = None) -> None:
        super().__init__(code, strerror, str(path))
        self.partial = partial


class AtomicFile:
    """Bytes for `path`, written to its partial file; `commit()` puts them under `path`, `abandon()` leaves them aside.

    `replaces` tells, before any work, that a complete earlier result will be replaced on success.
    """

    def __init__(self, path: str | Path, partial: str | Path | None = None) -> None:
        self.path = Path(path)
        self.partial = Path(partial) if partial is not None else partial_path(self.path)
        self.replaces = self.path.is_file()
        self.size = 0  # bytes on disk, all of them whole lines
        self.failed: OutputError | None = None  # a write that failed: the file can no longer be complete
        try:
            self._fd: int | None = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as e:
            raise self._error(e, kept=False) from None

    def _error(self, e: OSError, kept: bool = True) -> OutputError:
        return OutputError(e.errno or errno.EIO, e.strerror or str(e), self.path,
                           self.partial if kept and self.partial.exists() else None)

    @property
    def closed(self) -> bool:
        """Whether commit() or abandon() has run."""
        return self._fd is None

    def write(self, data: bytes) -> None:
        """Append whole lines; on failure the file is cut back to its last whole line and OutputError raised."""
        if self._fd is None or not data:
            return
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as e:
            try:
                os.ftruncate(self._fd, self.size)  # a row half on disk would not parse: take it back
            except OSError:
                pass
            self.failed = self._error(e)
            raise self.failed from None
        self.size += len(data)

    def check(self) -> None:
        """OutputError when the partial file was removed under us (its folder deleted, say)."""
        if self._fd is not None and os.fstat(self._fd).st_nlink == 0:
            raise OutputError(errno.ENOENT, "the output folder or file was removed during the run", self.path)

    def commit(self) -> Path:
        """Sync, close and rename onto the final name; returns it. On failure the partial stays and OutputError says so."""
        if self._fd is None:
            return self.path
        if self.failed is not None:
            self.abandon(keep=True)
            raise self.failed
        fd, self._fd = self._fd, None
        try:
            if os.fstat(fd).st_nlink == 0:
                raise OutputError(errno.ENOENT, "the output folder or file was removed during the run", self.path)
            os.fsync(fd)
        except OutputError:
            os.close(fd)
            raise
        except OSError as e:
            os.close(fd)
            raise self._error(e) from None
        os.close(fd)
        try:
            os.replace(self.partial, self.path)
        except OSError as e:
            raise self._error(e) from None
        _sync_folder(self.path.parent)
        return self.path

    def abandon(self, keep: bool = True) -> Path | None:
        """Close without touching the final name; the partial is kept (its path returned) or removed (None)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            except OSError:
                pass
            os.close(fd)
        if keep and self.partial.exists():
            return self.partial
        try:
            self.partial.unlink(missing_ok=True)
        except OSError:
            pass
        return None

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abandon(keep=False)


def write_atomic(path: str | Path, data: bytes | str, partial: str | Path | None = None) -> Path:
    """A whole small file (a sidecar, a summary, a report page) in one go: complete under `path`, or `path` untouched."""
    f = AtomicFile(path, partial)
    try:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException:
        f.abandon(keep=False)
        raise
    try:
        return f.commit()
    except BaseException:
        f.abandon(keep=False)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
