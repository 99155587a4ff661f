"""Why an output cannot be written, in a few words, for the one-line errors of analyze, batch and report."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

REASONS = {
    errno.EACCES: "permission denied", errno.EPERM: "permission denied", errno.ENOENT: "no such folder",
    errno.ENOTDIR: "no such folder", errno.EROFS: "read-only file system", errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded", errno.EISDIR: "it is a folder", errno.ENAMETOOLONG: "name too long",
}


def reason(error: OSError) -> str:
    """The cause of an OSError in plain words ('permission denied', 'disk full', ...)."""
    return REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()


def cannot_write(path: str | Path, error: OSError | str) -> str:
    """'cannot write PATH: REASON', naming the path the user gave (never a temporary file beside it)."""
    return f"cannot write {path}: {error if isinstance(error, str) else reason(error)}"


def why_not_writable(path: str | Path) -> str | None:
    """None when a file can be written at `path`; else why not, tried for real in its folder (the
    permission bits do not tell a read-only mount or a full disk)."""
    path = Path(path)
    if path.is_dir():
        return "it is a folder"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return "no such folder" if not folder.exists() else f"{folder} is not a folder"
    if path.exists() and not os.access(path, os.W_OK):
        return "read-only file system" if _read_only_mount(folder) else "permission denied"
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        return reason(e)
    return None


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False
