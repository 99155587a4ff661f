"""HTML rendering of the report pages (Jinja2 templates in assets/report/, autoescaped) and their safe writing."""

from __future__ import annotations

import functools
import os
from datetime import datetime
from pathlib import Path

import jinja2

from core.classes import EMOTION_COLORS, EMOTIONS
from core.report.attention import ATTENTION_NOTE
from core.report.chat_groups import chat_by_student
from core.report.facts import SENTENCES, size_text, source_text
from core.report.participants import participant_rows
from core.report.strings import Strings
from core.report.translatable import english
from core.report.students import GAP_S, NEGATIVE, RULE_PARAMS, RULE_TEMPLATE, SessionSummary, clock
from core.report.webfont import font_face_css
from core.resources import asset_path

FONT_SLOT = "/*FONT-FACE*/"  # filled once the page's text is known, so the font holds just its glyphs
# Sidecar keys shown under their own label, in this order; any other key is shown as it is named.
META_LABELS: dict[str, str] = {
    "started_at": english("Started"), "ended_at": english("Ended"), "source": english("Source"),
    "input": english("Input"), "device": english("Device"), "model": english("Emotion model"),
    "models": english("Models"), "text_model": english("Text model"), "status": english("Status"),
    "frames": english("Frames"), "faces": english("Frames with a face"), "finished_at": english("Finished"),
    "options": english("Options"), "text_half_life_s": english("Chat emotion half-life"),
}
STATUS_WORDS = (english("complete"), english("interrupted"), english("failed"), english("recording"))
MESSAGE_KINDS = (english("chat"), english("transcript"))  # a chat row's `kind`, shown through t(m.kind)
_SIZE_KEYS = ("size", "bytes")
_TIME_KEYS = ("mtime", "modified")
HIDDEN_META = ("csv", "chat", "names", "name_sources", "camera_off")  # shown elsewhere (file name, chat, students)
DEVICE_WORDS = {"cpu": "CPU", "cuda": "GPU (CUDA)"}


ENGLISH = Strings("en")


@functools.cache
def _environment(lang: str = "en") -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(asset_path("report"))),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    words = Strings(lang)
    # Durations and shares never break across lines ("1 min / 02 s" reads as two numbers).
    env.filters.update(clock=clock, dur=lambda s: words.length(s).replace(" ", "\u00a0"), pct=lambda x: f"{100 * x:.0f}%")
    env.filters["by_student"] = chat_by_student
    return env


def attention_rule(t: Strings = ENGLISH) -> str:
    """The attention rule as the page states it, in the page's language."""
    return t(RULE_TEMPLATE, **{**RULE_PARAMS, "negative": ", ".join(t.emotion(e) for e in NEGATIVE)})


def _css() -> str:
    return asset_path("report", "report.css").read_text(encoding="utf-8")


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (dict, list, tuple)) and not any(
        not _empty(v) for v in (value.values() if isinstance(value, dict) else value)))


def _field(key: str, value: object, t: Strings = ENGLISH) -> str:
    """A sidecar value named `key`: sizes in MB, file times as local date-times, the rest as `_value`."""
    if key in SENTENCES and isinstance(value, dict):
        return SENTENCES[key](value, t)
    if key == "text_half_life_s" and isinstance(value, (int, float)):
        return t("a message's emotion fades with a {s} s half-life", s=f"{value:g}")
    if key == "source" and isinstance(value, str):
        return source_text(value, t)
    if key == "device" and isinstance(value, str):
        return DEVICE_WORDS.get(value.split(":")[0], value)
    if key in _SIZE_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return size_text(value)
    if key in _TIME_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return t.date_time(datetime.fromtimestamp(value).astimezone())
    if key == "status" and isinstance(value, str):
        return t(value) if value in STATUS_WORDS else value
    return _value(value, t)


def frame_interval(step_s: float, t: Strings = ENGLISH) -> str:
    """How often a frame was analysed: '30 frames/s (33 ms apart)', or 'one frame every 2 s'."""
    if step_s <= 0:
        return t("unknown")
    if step_s < 1.0:
        return t("{fps} frames/s ({ms} ms apart)", fps=f"{1 / step_s:.3g}", ms=f"{1000 * step_s:.0f}")
    return t("one frame every {length}", length=t.length(step_s))


def _value(value: object, t: Strings = ENGLISH) -> str:
    if isinstance(value, str):
        try:  # sidecars hold ISO 8601 times: show them as a teacher writes them
            when = datetime.fromisoformat(value)
        except ValueError:
            return value
        if "T" not in value:
            return value
        zone = when.strftime("%z")
        return t.date_time(when) + (f" (UTC{zone[:3]}:{zone[3:5]})" if zone else "")
    if isinstance(value, dict):
        return "; ".join(_field(k, v, t) for k, v in value.items() if not _empty(v))
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v, t) for v in value)
    return "" if value is None else str(value)


def meta_rows(summary: SessionSummary, t: Strings = ENGLISH) -> list[tuple[str, str]]:
    """What is known about the session: the sidecar's keys (all optional) and what the timeline itself says."""
    meta = summary.session.meta
    rows = [(t(META_LABELS[k]), text) for k in META_LABELS if k in meta and not _empty(meta[k])
            for text in [_field(k, meta[k], t)] if text]
    # A key the report does not know is left to the sidecar: a raw key is no row for a reader.
    rows += participant_rows(meta, len(summary.students), t)
    rows += [(t("Duration"), t.length(summary.duration_s)),
             (t("Timeline"), t("{name}: {rows} rows, {rate}", name=summary.session.csv_path.name,
                               rows=f"{summary.session.rows:,}", rate=frame_interval(summary.step_s, t))),
             (t("Chat log"), summary.session.chat_path.name if summary.session.chat_path else t("none"))]
    if not meta:
        rows.insert(0, (t("Sidecar"), t("none (no .json beside the CSV)")))
    return rows


def _with_font(page: str) -> str:
    return page.replace(FONT_SLOT, font_face_css(page), 1)


def _now(t: Strings = ENGLISH) -> str:
    return t.date_time(datetime.now().astimezone(), seconds=False)


def render_session(summary: SessionSummary, mood_plot: str, shares_plot: str, strips: list[str],
                   t: Strings = ENGLISH, attention: object | None = None, attention_plot: str = "") -> str:
    """The session page as one HTML document in `t`'s language: images and font embedded, nothing fetched."""
    meta = summary.session.meta
    source = _field("input", meta["input"], t) if isinstance(meta.get("input"), dict) and not meta.get("source") \
        else _field("source", meta["source"], t) if meta.get("source") else _value(meta.get("input") or "", t)
    page = _environment(t.lang).get_template("session.html.j2").render(
        title=t("Class report: {name}", name=summary.session.csv_path.stem), csv_name=summary.session.csv_path.name,
        meta_source=source if len(source) < 80 else "", meta=meta_rows(summary, t), summary=summary,
        mood_plot=mood_plot, shares_plot=shares_plot, strips=strips, rule=attention_rule(t), emotions=EMOTIONS,
        colors=EMOTION_COLORS, css=_css(), generated_at=_now(t), t=t, lang=t.lang, attention=attention,
        attention_plot=attention_plot, attention_note=t(ATTENTION_NOTE), gap_s=f"{GAP_S:.0f}")
    return _with_font(page)


def render_index(title: str, sessions: list[dict[str, object]], students: list[dict[str, object]],
                 skipped: list[tuple[str, str]], t: Strings = ENGLISH) -> str:
    """The folder's index page: a row per session and a row per student across sessions."""
    page = _environment(t.lang).get_template("index.html.j2").render(
        title=title, sessions=sessions, students=students, skipped=skipped, rule=attention_rule(t),
        emotions=EMOTIONS, colors=EMOTION_COLORS, css=_css(), generated_at=_now(t), t=t, lang=t.lang)
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

