"""HTML rendering of the report pages (Jinja2 templates in assets/report/, autoescaped) and their safe writing."""

from __future__ import annotations

import functools
import os
from datetime import datetime
from pathlib import Path

import jinja2

from core.classes import EMOTION_COLORS, EMOTIONS
from core.report.participants import participant_rows
from core.report.students import ATTENTION_RULE, SessionSummary, clock, length
from core.report.webfont import font_face_css
from core.resources import asset_path

FONT_SLOT = "/*FONT-FACE*/"  # filled once the page's text is known, so the font holds just its glyphs
# Sidecar keys shown under their own label, in this order; any other key is shown as it is named.
META_LABELS: dict[str, str] = {
    "started_at": "Started", "ended_at": "Ended", "source": "Source", "input": "Input", "device": "Device",
    "model": "Emotion model", "models": "Models", "text_model": "Text model", "status": "Status", "frames": "Frames",
}
HIDDEN_META = ("csv", "chat", "names", "name_sources", "camera_off")  # shown elsewhere (file name, chat, students)


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(asset_path("report"))),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # Durations and shares never break across lines ("1 min / 02 s" reads as two numbers).
    env.filters.update(clock=clock, dur=lambda s: length(s).replace(" ", "\u00a0"), pct=lambda x: f"{100 * x:.0f}%")
    return env


def _css() -> str:
    return asset_path("report", "report.css").read_text(encoding="utf-8")


def _value(value: object) -> str:
    if isinstance(value, str):
        try:  # sidecars hold ISO 8601 times: show them as a teacher writes them
            when = datetime.fromisoformat(value)
        except ValueError:
            return value
        if "T" not in value:
            return value
        zone = when.strftime("%z")
        return when.strftime("%Y-%m-%d %H:%M:%S") + (f" (UTC{zone[:3]}:{zone[3:5]})" if zone else "")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return "" if value is None else str(value)


def meta_rows(summary: SessionSummary) -> list[tuple[str, str]]:
    """What is known about the session: the sidecar's keys (all optional) and what the timeline itself says."""
    meta = summary.session.meta
    rows = [(META_LABELS[k], _value(meta[k])) for k in META_LABELS if k in meta]
    rows += [(k.replace("_", " ").capitalize(), _value(v)) for k, v in meta.items()
             if k not in META_LABELS and k not in HIDDEN_META]
    rows += participant_rows(meta, len(summary.students))
    rows += [("Duration", length(summary.duration_s)),
             ("Timeline", f"{summary.session.csv_path.name}: {summary.session.rows:,} rows, "
                          f"one frame every {length(summary.step_s)}"),
             ("Chat log", summary.session.chat_path.name if summary.session.chat_path else "none")]
    if not meta:
        rows.insert(0, ("Sidecar", "none (no .json beside the CSV)"))
    return rows


def _with_font(page: str) -> str:
    return page.replace(FONT_SLOT, font_face_css(page), 1)


def _now() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")


def render_session(summary: SessionSummary, mood_plot: str, shares_plot: str, strips: list[str]) -> str:
    """The session page as one HTML document: images and font embedded, nothing fetched."""
    meta = summary.session.meta
    source = _value(meta.get("source") or meta.get("input") or "")
    page = _environment().get_template("session.html.j2").render(
        title=f"Class report: {summary.session.csv_path.stem}", csv_name=summary.session.csv_path.name,
        meta_source=source if len(source) < 80 else "", meta=meta_rows(summary), summary=summary,
        mood_plot=mood_plot, shares_plot=shares_plot, strips=strips, rule=ATTENTION_RULE, emotions=EMOTIONS,
        colors=EMOTION_COLORS, css=_css(), generated_at=_now())
    return _with_font(page)


def render_index(title: str, sessions: list[dict[str, object]], students: list[dict[str, object]],
                 skipped: list[tuple[str, str]]) -> str:
    """The folder's index page: a row per session and a row per student across sessions."""
    page = _environment().get_template("index.html.j2").render(
        title=title, sessions=sessions, students=students, skipped=skipped, rule=ATTENTION_RULE,
        emotions=EMOTIONS, colors=EMOTION_COLORS, css=_css(), generated_at=_now())
    return _with_font(page)


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` to a temporary file beside `path`, then rename: `path` is whole or absent, never half-written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path

