"""The command line's grammar: options of the window and one subparser per headless command."""

from __future__ import annotations

import argparse

from cli.program import program_name


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line: `analyze` and `report`; no subcommand opens the window."""
    from cli import analyze as analyze_cli
    from cli import report as report_cli

    parser = _Parser(prog=program_name(), description="Facial and Korean-text emotion, moment by moment. "
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
    report = sub.add_parser("report", help="an HTML report of a recorded session, or of a folder of them (headless)")
    report_cli.add_arguments(report)
    report.set_defaults(handler=report_cli.run)
    return parser
