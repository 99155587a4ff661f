"""The command line: parse arguments, open the window or run a subcommand, and turn failures into one line."""

from __future__ import annotations

import argparse
import os
import sys

from cli.errors import RunError, UserError
from cli.parser import build_parser

# OpenCV's own warnings (e.g. when a file is not a video) would leak past our one-line errors.
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # FFmpeg's own messages ("moov atom not found") too


def _window(args: argparse.Namespace) -> int:
    from core.sources.frame_source import SourceError, VideoFileSource
    from core.vision.classifier import DEVICES

    if args.device is not None and args.device not in DEVICES:
        raise UserError(f"unknown device {args.device!r}: choose one of {', '.join(DEVICES)}")
    if args.source:
        try:
            VideoFileSource(args.source).close()
        except SourceError as e:
            raise UserError(str(e)) from None
    if args.screenshot and not os.path.isdir(os.path.dirname(os.path.abspath(args.screenshot))):
        raise UserError(f"screenshot folder does not exist: {os.path.dirname(args.screenshot)}")
    from gui.app import run

    if args.text_model and not os.path.isfile(os.path.join(args.text_model, "config.json")):
        raise UserError(f"not a text model folder (no config.json): {args.text_model}")
    return run(args.source, args.screenshot, args.device, args.text_model, args.say)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, dispatch, and turn user-facing failures into one line and an exit status."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # a windowed build on Windows has no console streams
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from cli.self_test import run as self_test

            return self_test(args.device or "auto")
        if args.command is None:
            return _window(args)
        return int(args.handler(args))
    except (UserError, RunError) as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if os.environ.get("EMOSYNC_DEBUG"):
            raise
        print(f"error: unexpected {type(e).__name__}: {e} (set EMOSYNC_DEBUG=1 for details)", file=sys.stderr)
        return 1
