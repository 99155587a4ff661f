"""Scrolling plots of the last minute: the selected face's seven probabilities, or congruence."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg

from gui.i18n import emotion_names
from gui.palette import EMOTION_COLORS


def series_key_html(series: dict[str, str]) -> str:
    """One line naming each series in its colour, for a plot's title."""
    return "&nbsp;&nbsp;".join(f'<span style="color:{color}">&#9632;&nbsp;{name}</span>' for name, color in series.items())


class TimelinePlot(pg.PlotWidget):
    """A ring buffer of (time, values) drawn as one curve per series; the newest `window_s` is shown."""

    def __init__(self, window_s: float = 60.0, capacity: int = 4096, series: dict[str, str] | None = None,
                 min_redraw_s: float = 0.1, parent=None) -> None:
        super().__init__(parent)
        # A minute across a few hundred pixels moves a pixel every ~0.15 s: redrawing at the
        # result rate (20+/s) would only spend the GUI thread's time on identical pictures.
        self.min_redraw_s = min_redraw_s
        self._dirty = False
        self._drawn_at = -1e9
        series = series or {name: EMOTION_COLORS[e] for e, name in emotion_names().items()}
        self.window_s = window_s
        self.setBackground("w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setYRange(0.0, 1.0, padding=0.02)
        # The curves scroll under a fixed axis (x = seconds before the newest point): a moving
        # view range would re-lay out the axis text and re-clip every curve on each redraw.
        self.setXRange(-window_s, 0.0, padding=0)
        self.getAxis("bottom").setLabel(self.tr("seconds ago"))
        for axis in ("bottom", "left"):
            self.getAxis(axis).enableAutoSIPrefix(False)
        self._keyed = len(series) > 1
        if self._keyed:
            # The key sits above the plot, not in it: a legend inside the view box hides the
            # curves near the top (a confident face lives at 0.8-1.0).
            self.setTitle(series_key_html(series), size="8pt")
        # Qt strokes 1-px lines on a fast path; wider ones cost ~2.5x to paint (measured: 6 vs
        # 15 ms for seven curves), so only a lone curve gets the wider pen.
        width = 2 if len(series) == 1 else 1
        self.curves = [self.plot([], [], pen=pg.mkPen(color, width=width), name=name) for name, color in series.items()]
        # A minute at 25 results/s is ~1500 points per curve across a few hundred pixels:
        # draw at most a couple of points per pixel, peaks kept.
        self.setDownsampling(auto=True, mode="peak")
        self._t = np.full(capacity, np.nan)
        self._p = np.full((capacity, len(series)), np.nan)
        self._n = 0

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Wrap the key to the plot's width.

        pyqtgraph sizes a title to its one-line text and makes it the plot item's minimum width:
        in a column narrower than the seven names, the plot item grew wider than the widget and
        its right end, the newest seconds (x near 0), was cut off.
        """
        if getattr(self, "_keyed", False) and event is not None:  # pyqtgraph calls it with None while building
            label = self.getPlotItem().titleLabel
            axis = self.getPlotItem().getAxis("left").width()
            label.item.setTextWidth(max(40.0, event.size().width() - axis - 24.0))
            label.updateMin()
            height = label.item.boundingRect().height() + 4
            label.setMaximumHeight(height)
            self.getPlotItem().layout.setRowFixedHeight(0, height)
        super().resizeEvent(event)

    def visible_x_range(self) -> tuple[float, float]:
        """The x values (seconds before the newest point) at the widget's left and right edges."""
        vb = self.getPlotItem().getViewBox()
        left = vb.mapSceneToView(self.mapToScene(0, 0)).x()
        right = vb.mapSceneToView(self.mapToScene(self.viewport().width() - 1, 0)).x()
        return float(left), float(right)

    def append(self, time_s: float, probs: np.ndarray | float | None) -> None:
        """Add a point (None leaves a gap: no face, or no message, at that moment)."""
        if self._n == len(self._t):  # full: keep the newer half
            half = len(self._t) // 2
            self._t[:half], self._p[:half] = self._t[half:], self._p[half:]
            self._t[half:], self._p[half:] = np.nan, np.nan
            self._n = half
        self._t[self._n] = time_s
        self._p[self._n] = np.nan if probs is None else probs
        self._n += 1
        self._dirty = True

    def refresh(self) -> None:
        """Redraw if points came in and the last redraw is `min_redraw_s` old; call it often."""
        if self._dirty and time.monotonic() - self._drawn_at >= self.min_redraw_s:
            self.redraw()

    def redraw(self) -> None:
        """Redraw the curves over the last `window_s` seconds now."""
        self._dirty = False
        self._drawn_at = time.monotonic()
        if self._n == 0:
            return
        t = self._t[: self._n]
        now = t[-1]
        start = int(np.searchsorted(t, now - self.window_s))
        for i, curve in enumerate(self.curves):
            # Gaps as a connection mask over NaN-free values: connect="finite" on data with NaN
            # crashes the interpreter under frequent updates (pyqtgraph issue #2486, seen here).
            y = self._p[start : self._n, i]
            finite = np.isfinite(y)
            links = np.zeros(len(y), dtype=bool)
            links[:-1] = finite[:-1] & finite[1:]
            curve.setData(t[start:] - now, np.where(finite, y, 0.0), connect=links, skipFiniteCheck=True)

    def clear_history(self) -> None:
        """Forget all points (a new face or source was selected)."""
        self._n = 0
        self._dirty = False
        for curve in self.curves:
            curve.setData([], [])

    @property
    def points(self) -> int:
        """How many points are held."""
        return self._n
