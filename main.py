"""EmoSync entry point: the desktop window by default, subcommands for headless work."""

from __future__ import annotations

import argparse
import os
import sys

# OpenCV's own warnings (e.g. when a file is not a video) would leak past our one-line errors.
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line: `analyze` today; no subcommand opens the window."""
    from core import analyze_cli

    parser = _Parser(prog="emosync", description="Facial and Korean-text emotion, moment by moment. "
                     "Without a command, opens the window.")
    parser.add_argument("--source", metavar="FILE", help="window: start on this video file")
    parser.add_argument("--screenshot", metavar="PNG", help="window: save a screenshot after a few seconds, then quit")
    parser.add_argument("--device", default=None, help="window: auto, cpu or cuda")
    parser.add_argument("--text-model", metavar="DIR", help="window: a local Hugging Face BERT text model folder")
    parser.add_argument("--say", action="append", metavar="TEXT", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true",
                        help="check the whole pipeline on a generated clip, headless; exit 0 when it works")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    analyze = sub.add_parser("analyze", help="analyse a video file into a timeline CSV (headless)")
    analyze_cli.add_arguments(analyze)
    analyze.set_defaults(handler=analyze_cli.run)
    return parser


def _window(args: argparse.Namespace) -> int:
    from core.cli_errors import UserError
    from core.emotion_classifier import DEVICES
    from core.frame_source import SourceError, VideoFileSource

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
    from core.cli_errors import RunError, UserError

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # a windowed build on Windows has no console streams
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from core.self_test import run as self_test

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


if __name__ == "__main__":
    sys.exit(main())
