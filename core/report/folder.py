"""A folder of recordings (a batch output, possibly nested): a page per session and an index across them."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.classes import EMOTIONS
from core.report.build import SessionReport, build_session_report, check_output, default_output
from core.report.page import _value, render_index, write_atomic
from core.report.strings import Strings
from core.report.session import ReportInputError
from core.report.students import NEGATIVE, SessionSummary

NOT_SESSIONS = ("summary.csv",)  # a batch run's table of its inputs, not a timeline
INDEX_NAME = "index.html"


@dataclass(frozen=True)
class FolderReport:
    """What a folder report wrote, and what it had to leave out (with why)."""

    index: Path
    pages: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]
    seconds: float


@dataclass
class _Student:
    """One student across sessions (matched by name; an unnamed face stays within its session)."""

    label: str
    sessions: list[tuple[str, str, bool]] = field(default_factory=list)  # (session name, page link, flagged)
    on_camera_s: float = 0.0
    emotion_s: list[float] = field(default_factory=lambda: [0.0] * len(EMOTIONS))
    longest_negative_s: float = 0.0
    longest_negative_in: str = ""


def find_sessions(folder: Path) -> list[Path]:
    """Every timeline CSV under `folder`, nested ones too, without chat logs and batch summaries; sorted."""
    return sorted(p for p in folder.rglob("*.csv")
                  if p.is_file() and not p.name.endswith(".chat.csv") and p.name not in NOT_SESSIONS)


def _link(page: Path, index: Path) -> str:
    return Path(os.path.relpath(page, index.parent)).as_posix()


def build_folder_report(folder: str | Path, index: str | Path | None = None,
                        on_session: Callable[[Path, SessionReport | None, str], None] | None = None,
                        lang: str | None = None) -> FolderReport:
    """Write each session's page beside its CSV and an index page (default `folder/index.html`).

    A file that cannot be reported is left out and listed on the index with its reason; only a
    folder with no usable session at all is an error. `on_session(csv, report or None, error)`
    hears about each file as it is done.
    """
    start = time.perf_counter()
    t = Strings(lang)
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportInputError(f"no such folder: {folder}")
    index = Path(index) if index is not None else folder / INDEX_NAME
    check_output(index)
    csvs = find_sessions(folder)
    if not csvs:
        raise ReportInputError(f"no session CSV in {folder} (looked for *.csv, nested too, without *.chat.csv and summary.csv)")
    rows: list[dict[str, object]] = []
    students: dict[tuple[str, ...], _Student] = {}
    pages, skipped = [], []
    for csv_path in csvs:
        name = csv_path.relative_to(folder).as_posix()
        try:
            report = build_session_report(csv_path, default_output(csv_path), lang=t.lang)
        except (ReportInputError, OSError) as e:
            reason = str(e) if isinstance(e, ReportInputError) else f"cannot read or write: {e.strerror or e}"
            skipped.append((csv_path, reason))
            if on_session:
                on_session(csv_path, None, reason)
            continue
        pages.append(report.html)
        link = _link(report.html, index)
        rows.append(_session_row(name, link, report.summary, t))
        _add_students(students, name, link, csv_path, report.summary)
        if on_session:
            on_session(csv_path, report, "")
    if not pages:
        raise ReportInputError(f"no session in {folder} could be reported; first problem: {skipped[0][1]}")
    people = sorted(students.values(), key=lambda s: (-sum(f for _, _, f in s.sessions), -_negative_share(s), s.label))
    page = render_index(t("Class reports: {name}", name=folder.resolve().name), rows, [_student_row(s, t) for s in people],
                        [(p.relative_to(folder).as_posix(), why) for p, why in skipped], t)
    write_atomic(index, page)
    return FolderReport(index, tuple(pages), tuple(skipped), time.perf_counter() - start)


def _session_row(name: str, link: str, summary: SessionSummary, t: Strings) -> dict[str, object]:
    meta = summary.session.meta
    started = meta.get("started_at")
    source = meta.get("source") or meta.get("input")
    return {"name": name, "link": link, "started": _value(started, t) if started else "",
            "source": (source.get("path", "") if isinstance(source, dict) else str(source)) if source else "",
            "duration": t.length(summary.duration_s),
            "students": len(summary.students), "flagged": sum(s.flagged for s in summary.students),
            "messages": len(summary.chat)}


def _add_students(students: dict[tuple[str, ...], _Student], name: str, link: str, csv_path: Path,
                  summary: SessionSummary) -> None:
    for s in summary.students:
        key = ("name", s.label) if s.named else ("face", str(csv_path), s.label)
        person = students.setdefault(key, _Student(s.label if s.named else f"{s.label} ({name})"))
        person.sessions.append((name, link, s.flagged))
        person.on_camera_s += s.on_camera_s
        for k, share in enumerate(s.shares):
            person.emotion_s[k] += share * s.on_camera_s
        if s.longest_negative and s.longest_negative.length_s > person.longest_negative_s:
            person.longest_negative_s = s.longest_negative.length_s
            person.longest_negative_in = name


def _negative_share(s: _Student) -> float:
    return sum(s.emotion_s[EMOTIONS.index(e)] for e in NEGATIVE) / s.on_camera_s if s.on_camera_s else 0.0


def _student_row(s: _Student, t: Strings) -> dict[str, object]:
    total = s.on_camera_s or 1.0
    return {"label": s.label, "sessions": s.sessions, "flagged": sum(f for _, _, f in s.sessions),
            "on_camera": t.length(s.on_camera_s), "shares": [x / total for x in s.emotion_s],
            "negative": _negative_share(s),
            "longest_negative": t.length(s.longest_negative_s) if s.longest_negative_s else t("none"),
            "longest_negative_in": s.longest_negative_in}
