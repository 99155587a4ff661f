"""One session's report from its CSV to its HTML file: read, summarise, plot, render, write."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from core.report.page import render_session, write_atomic
from core.report.attention import read_attention
from core.report.plots import attention_plot, mood_plot, shares_plot, strip_plots
from core.report.session import ReportInputError, load_session
from core.report.strings import Strings
from core.report.students import SessionSummary, summarise


@dataclass(frozen=True)
class SessionReport:
    """A written session page and what it summarised."""

    html: Path
    summary: SessionSummary
    seconds: float  # time taken to build it


def default_output(csv_path: Path) -> Path:
    """Where a session's page goes unless told otherwise: beside the CSV, same name, .html."""
    return csv_path.with_suffix(".html")


def check_output(path: Path) -> None:
    """Refuse an output the page could not be written to, before any work."""
    if path.is_dir():
        raise ReportInputError(f"output is a folder, not a file: {path}")
    parent = path.parent
    if not parent.is_dir():
        raise ReportInputError(f"output folder does not exist: {parent}")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportInputError(f"cannot write {path}: permission denied")


def render_summary(summary: SessionSummary, lang: str | None = "en") -> str:
    """The page's HTML for a summarised session, in `lang` ('ko', 'en'; None: the system's language)."""
    t = Strings(lang)
    attention = read_attention(summary.session.csv_path, summary)
    return render_session(summary, mood_plot(summary, t), shares_plot(summary.students, t), strip_plots(summary.students),
                          t, attention, attention_plot(summary, attention.looking, t) if attention is not None else "")


def build_session_report(csv_path: str | Path, out: str | Path | None = None, lang: str | None = None) -> SessionReport:
    """Write the report page of one recorded session in `lang` ('ko', 'en'; None: the system's language);
    raises ReportInputError for bad input or output."""
    start = time.perf_counter()
    csv_path = Path(csv_path)
    out = Path(out) if out is not None else default_output(csv_path)
    check_output(out)
    summary = summarise(load_session(csv_path))
    write_atomic(out, render_summary(summary, lang))
    return SessionReport(out, summary, time.perf_counter() - start)
