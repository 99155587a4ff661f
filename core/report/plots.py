"""The report's pictures, drawn by matplotlib off screen (Agg, no pyplot state) and returned as data: URIs.

Text in the plots uses the bundled Korean font, so names in Hangul draw the same everywhere;
SVG text is stored as paths, so the page needs no font for them.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator, PercentFormatter

from core.classes import EMOTION_COLORS, EMOTIONS
from core.report.strings import Strings
from core.report.students import SessionSummary, StudentStats, clock
from core.resources import KOREAN_FONT_FAMILY, korean_font_path

ENGLISH = Strings("en")
ABSENT_COLOR = "#ffffff"
STRIP_SIZE_IN = (4.8, 0.3)
STRIP_DPI = 150


@functools.cache
def register_korean_font() -> str:
    """Make the bundled Korean font known to matplotlib (once); returns its family name."""
    font_manager.fontManager.addfont(str(korean_font_path()))
    return KOREAN_FONT_FAMILY


@contextmanager
def _style() -> Iterator[None]:
    family = register_korean_font()
    with rc_context({"font.family": [family, "DejaVu Sans"], "font.size": 9, "svg.fonttype": "path",
                     "svg.hashsalt": "emosync-report", "axes.spines.top": False, "axes.spines.right": False}):
        yield


def _uri(fig: Figure, fmt: str, dpi: float | None = None) -> str:
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else {"Software": None})
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"


_TICK_STEPS_S = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)


def _time_axis(ax, start: float, duration: float) -> None:
    step = next((s for s in _TICK_STEPS_S if duration / s <= 10), _TICK_STEPS_S[-1])
    ax.xaxis.set_major_locator(MultipleLocator(step, offset=start))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: clock(x - start)))


def _share_over_session(ax, summary: SessionSummary, ylabel: str, t: Strings) -> None:
    """Axes of a share (0–100 %) over the whole session's time."""
    ax.set_xlim(summary.start_s, summary.start_s + summary.duration_s)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel(ylabel)
    _time_axis(ax, summary.start_s, summary.duration_s)
    ax.set_xlabel(t("session time"))


def mood_plot(summary: SessionSummary, t: Strings = ENGLISH) -> str:
    """Stacked shares of the dominant emotions of the faces on camera over time, with how many faces there were."""
    with _style():
        fig = Figure(figsize=(10, 3.4))
        ax = fig.add_subplot()
        x = summary.start_s + (np.arange(len(summary.mood)) + 0.5) * summary.bin_s
        mood = summary.mood
        if len(x) == 1:  # a stack needs two points to have a width
            x = np.array([summary.start_s, summary.start_s + summary.duration_s])
            mood = np.repeat(mood, 2, axis=0)
        ax.stackplot(x, mood.T, colors=[EMOTION_COLORS[e] for e in EMOTIONS], labels=[t.emotion(e) for e in EMOTIONS], linewidth=0)
        _share_over_session(ax, summary, t("share of faces on camera"), t)
        faces = ax.twinx()
        faces.plot(x, summary.faces_on_camera if len(summary.faces_on_camera) == len(x)
                   else np.repeat(summary.faces_on_camera, 2), color="black", linewidth=0.8, label=t("faces on camera"))
        faces.set_ylim(0, max(1.0, float(summary.faces_on_camera.max()) * 1.05))
        faces.yaxis.set_major_locator(MaxNLocator(integer=True))  # a face is whole: no 2.5 ticks
        faces.set_ylabel(t("faces on camera"))
        faces.spines["right"].set_visible(True)
        handles, labels = ax.get_legend_handles_labels()
        h2, l2 = faces.get_legend_handles_labels()
        ax.legend(handles + h2, labels + l2, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=8, frameon=False)
        fig.subplots_adjust(left=0.07, right=0.93, top=0.97, bottom=0.3)
        return _uri(fig, "svg")


def shares_plot(students: tuple[StudentStats, ...], t: Strings = ENGLISH) -> str:
    """One stacked bar per student (attention order, top first): the share of each dominant emotion."""
    with _style():
        n = max(1, len(students))
        fig = Figure(figsize=(10, 0.9 + 0.24 * n))
        ax = fig.add_subplot()
        y = np.arange(len(students))[::-1]
        left = np.zeros(len(students))
        for k, emotion in enumerate(EMOTIONS):
            width = np.array([s.shares[k] for s in students])
            ax.barh(y, width, left=left, height=0.75, color=EMOTION_COLORS[emotion], label=t.emotion(emotion))
            left += width
        ax.set_yticks(y, [("⚑ " if s.flagged else "") + t.student(s.label) for s in students])
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.6, n - 0.4)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.xaxis.tick_top()
        height = fig.get_figheight()
        fig.legend(loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=7, frameon=False)
        fig.subplots_adjust(left=0.16, right=0.98, top=1 - 0.62 / height, bottom=0.08 / height)
        return _uri(fig, "svg")


def strip_plots(students: tuple[StudentStats, ...]) -> list[str]:
    """A small PNG per student: the dominant emotion along the session, white where they were off camera."""
    palette = np.array([to_rgb(EMOTION_COLORS[e]) for e in EMOTIONS] + [to_rgb(ABSENT_COLOR)])
    with _style():
        fig = Figure(figsize=STRIP_SIZE_IN)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        image = None
        out = []
        for s in students:  # one figure, new pixels each time: a figure per student would cost 45x the set-up
            rgb = palette[np.where(s.strip < 0, len(EMOTIONS), s.strip)][None, :, :]
            if image is None:
                image = ax.imshow(rgb, aspect="auto", interpolation="nearest")
            else:
                image.set_data(rgb)
            out.append(_uri(fig, "png", dpi=STRIP_DPI))
        return out


def attention_plot(summary: SessionSummary, looking: np.ndarray, t: Strings = ENGLISH) -> str:
    """The share of the measured faces looking at the screen with eyes open, over session time."""
    with _style():
        fig = Figure(figsize=(10, 2.4))
        ax = fig.add_subplot()
        x = summary.start_s + (np.arange(len(looking)) + 0.5) * summary.bin_s
        ax.plot(x, looking, color="#1565c0", linewidth=1.2, label=t("looking at the screen"))
        ax.fill_between(x, 0, np.nan_to_num(looking), color="#1565c0", alpha=0.15, linewidth=0)
        _share_over_session(ax, summary, t("share of faces"), t)
        fig.subplots_adjust(left=0.07, right=0.93, top=0.95, bottom=0.25)
        return _uri(fig, "svg")
