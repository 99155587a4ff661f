"""User-facing failures: one line on stderr and a distinct exit status, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user (file, option, output path): exit status 2."""

    exit_code = 2


class RunError(Exception):
    """The run could not complete (missing model files, failure mid-run): exit status 1."""

    exit_code = 1
