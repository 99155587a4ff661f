"""`analyze`'s options turned into the workflow's records, checked on the way (shared by a single run and a batch)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.errors import UserError
from cli.write_errors import cannot_write, why_not_writable
from core.vision.classifier import DEVICES
from core.vision.ensemble import accurate_choice
from core.workflow.chat import ChatOptions
from core.workflow.options import AnalysisOptions


def views_of(args: argparse.Namespace) -> str | None:
    """The classifier's test-time views for these options (None: what the weights ship with)."""
    return accurate_choice(args.weights)[1] if args.accurate else None


def with_accurate_model(args: argparse.Namespace) -> argparse.Namespace:
    """`--accurate` without `--weights` runs the shipped ensemble: name its file as the weights (it ships
    with its own views, so `accurate` is then spent: `views_of` gives None)."""
    if not args.accurate or args.weights:
        return args
    return argparse.Namespace(**{**vars(args), "weights": accurate_choice(None)[0], "accurate": False})


def options_of(args: argparse.Namespace, participants: tuple[str, ...] = ()) -> AnalysisOptions:
    """How to analyse, as the options say (`participants`: the list once read, for a batch's workers)."""
    return AnalysisOptions(args.device, args.weights, args.every, args.smooth, args.full_every,
                           getattr(args, "split_minutes", None), views_of(args),
                           attention=getattr(args, "attention", False), names=not getattr(args, "no_names", False),
                           participants=participants, participants_file=getattr(args, "participants", None))


def chat_options(args: argparse.Namespace) -> ChatOptions:
    """The chat's options (its file or, in a batch, its pattern)."""
    return ChatOptions(args.chat, getattr(args, "chat_start", None), args.half_life, getattr(args, "text_model", None))


def check_output(path: Path) -> None:
    """UserError unless a timeline can be written at `path` (a file in an existing, writable folder)."""
    if path.exists() and path.is_dir():
        raise UserError(f"output is a folder, not a file: {path}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"output folder does not exist: {parent}")
    why = why_not_writable(path)
    if why:
        raise UserError(cannot_write(path, why))


def check_common(args: argparse.Namespace) -> None:
    """UserError for an option no run can use (device, --every, --full-every, --smooth, --weights)."""
    if args.device not in DEVICES:
        raise UserError(f"unknown device {args.device!r}: choose one of {', '.join(DEVICES)}")
    if args.every < 1:
        raise UserError("--every must be 1 or more")
    if args.full_every < 1:
        raise UserError("--full-every must be 1 or more")
    if args.smooth < 0:
        raise UserError("--smooth must not be negative")
    if args.weights and not Path(args.weights).is_file():
        raise UserError(f"no such weights file: {args.weights}")
