"""User-facing failures: one line on stderr and a distinct exit status, never a traceback."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from core.workflow.errors import BadInput, CannotWrite, RunFailed


class UserError(Exception):
    """Bad input from the user (file, option, output path): exit status 2."""

    exit_code = 2


class RunError(Exception):
    """The run could not complete (missing model files, failure mid-run): exit status 1."""

    exit_code = 1


CORE_ERRORS = (BadInput, RunFailed)


def from_core(error: BadInput | RunFailed) -> UserError | RunError:
    """The command line's error for one the workflow raised: bad input is exit 2, a failed run exit 1."""
    if isinstance(error, CannotWrite):
        from cli.write_errors import cannot_write

        return UserError(cannot_write(error.path, error.error))
    return UserError(str(error)) if isinstance(error, BadInput) else RunError(str(error))


def mapping_core_errors(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A subcommand whose core errors (BadInput, RunFailed) come out as the command line's own."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CORE_ERRORS as e:
            raise from_core(e) from None
    return run
