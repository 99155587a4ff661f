"""`report`: a recorded session (or a folder of them) into a self-contained HTML page a teacher opens in a browser."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import UserError
from cli.program import program_name
from cli.write_errors import cannot_write
from core.batch.inputs import timeline_name
from core.report.build import SessionReport, build_session_report, default_output
from core.report.folder import build_folder_report
from core.report.session import NotATimelineError, ReportInputError
from core.report.strings import LANGUAGES


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the options of `report`."""
    p.add_argument("input", metavar="SESSION.csv|DIR",
                   help="a timeline CSV (what `analyze VIDEO` or a recorded session in the window writes; not the "
                        "video itself), or a folder of them (nested too; *.chat.csv and summary.csv are skipped)")
    p.add_argument("--out", metavar="HTML",
                   help="page to write (default: beside the CSV, same name with .html); "
                        "for a folder, its index page (default: DIR/index.html; session pages go beside their CSVs)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the page: ko or en (default: the system's)")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")


def _describe(report: SessionReport) -> str:
    summary = report.summary
    size = report.html.stat().st_size / 1e6
    students = len(summary.students)
    return (f"{report.html} ({students} student{'' if students == 1 else 's'}, {len(summary.chat)} chat messages, "
            f"{summary.session.rows:,} rows; {size:.1f} MB in {report.seconds:.1f} s)")


def how_to_make_a_timeline(e: NotATimelineError) -> str:
    """One line: what the file is, what `report` reads, and the command that makes it from a video."""
    prog = program_name()
    if e.kind in ("a video", "an image"):
        made = timeline_name(e.path)
        return (f"{e.path} is {e.kind}; report needs the timeline CSV that analyze writes: run "
                f"`{prog} analyze {e.path}`, then `{prog} report {made}`")
    return (f"{e.path} is {e.kind}; report needs a timeline CSV: one the window records, or one that "
            f"`{prog} analyze VIDEO` writes")


def run(args: argparse.Namespace) -> int:
    """Write the report(s); bad input is one line and exit status 2, and no page is left half-written."""
    source = Path(args.input)
    out = Path(args.out) if args.out else None
    try:
        if source.is_dir():
            def progress(csv_path: Path, report: SessionReport | None, error: str) -> None:
                if report is None:
                    print(f"warning: left out {csv_path}: {error}", file=sys.stderr)
                elif not args.quiet:
                    print(f"  {_describe(report)}", file=sys.stderr)

            folder = build_folder_report(source, out, progress, lang=args.lang)
            if not args.quiet:
                n = len(folder.pages)
                print(f"report written: {folder.index} ({n} session{'' if n == 1 else 's'}"
                      f"{f', {len(folder.skipped)} left out' if folder.skipped else ''}; {folder.seconds:.1f} s)")
        else:
            report = build_session_report(source, out, lang=args.lang)
            if not args.quiet:
                print(f"report written: {_describe(report)}")
    except NotATimelineError as e:
        raise UserError(how_to_make_a_timeline(e)) from None
    except ReportInputError as e:
        raise UserError(str(e)) from None
    except OSError as e:  # the path asked for (or its default), never the hidden temporary file beside it
        target = out or (source / "index.html" if source.is_dir() else default_output(source))
        raise UserError(cannot_write(target, e)) from None
    return 0
