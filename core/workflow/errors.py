"""The workflow's own failures; the command line maps each to one line and an exit status, the window to a message."""

from __future__ import annotations

from pathlib import Path


class BadInput(ValueError):
    """The user's input or option cannot be used (a file, a chat, a participants list); the message is one line."""


class CannotWrite(BadInput):
    """An output cannot be written; `path` is the one the user gave, `error` the OSError or the reason in words."""

    def __init__(self, path: str | Path, error: OSError | str) -> None:
        super().__init__(f"cannot write {path}: {error}")
        self.path, self.error = Path(path), error


class RunFailed(RuntimeError):
    """The run could not complete (models missing, a failure mid-run); the message is one line."""
