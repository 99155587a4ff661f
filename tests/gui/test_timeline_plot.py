"""The scrolling timeline: gaps for missing values, and redraws no more often than asked."""

from __future__ import annotations

import time

import numpy as np

from gui.timeline_plot import TimelinePlot


def test_redraws_are_throttled_and_catch_up(qtbot):
    plot = TimelinePlot(min_redraw_s=0.2)
    qtbot.addWidget(plot)
    plot.append(0.0, np.full(7, 1 / 7))
    plot.refresh()
    drawn_at = plot._drawn_at
    plot.append(0.1, np.full(7, 1 / 7))
    plot.refresh()  # too soon: the new point waits
    assert plot._drawn_at == drawn_at and len(plot.curves[0].getData()[0]) == 1
    time.sleep(0.21)
    plot.refresh()
    assert len(plot.curves[0].getData()[0]) == 2
    plot.refresh()  # nothing new: no redraw
    assert plot._drawn_at > drawn_at


def test_gaps_and_window(qtbot):
    plot = TimelinePlot(window_s=10.0, series={"congruence": "#2e7d32"}, min_redraw_s=0.0)
    qtbot.addWidget(plot)
    for i in range(30):
        plot.append(float(i), None if i == 25 else 0.5)
    plot.redraw()
    x, y = plot.curves[0].getData()
    assert x[0] >= -10.0 and x[-1] == 0.0  # only the last 10 s, in seconds before the newest
    assert plot.viewRange()[0] == [-10.0, 0.0]  # the axis stays put; the curves scroll
    assert plot.points == 30


def test_the_key_names_every_class_above_the_plot_not_over_the_curves(qtbot):
    plot = TimelinePlot()
    qtbot.addWidget(plot)
    assert plot.getPlotItem().legend is None  # nothing drawn inside the view box
    key = plot.getPlotItem().titleLabel.text
    for name in ("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"):
        assert name in key
    single = TimelinePlot(series={"congruence": "#2e7d32"})
    qtbot.addWidget(single)
    assert "congruence" not in single.getPlotItem().titleLabel.text
