"""Constant-memory benchmark summaries: quantiles within a bin, the longest gaps kept in order."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.stream_stats import Histogram, TopGaps


def test_histogram_quantiles_match_numpy_within_a_bin():
    rng = np.random.default_rng(0)
    values = rng.gamma(4.0, 8.0, size=5000)  # latency-like, in ms
    h = Histogram(bin_width=0.5, max_value=100.0)
    for v in values:
        h.add(float(v))
    assert h.count == 5000 and h.max == pytest.approx(values.max())
    for q in (0.5, 0.95):
        assert h.quantile(q) == pytest.approx(np.quantile(values, q), abs=0.5)
    h.clear()
    with pytest.raises(ValueError):
        h.quantile(0.5)


def test_histogram_keeps_the_exact_max_past_its_range():
    h = Histogram(bin_width=1.0, max_value=10.0)
    for v in (1.0, 2.0, 250.0):
        h.add(v)
    assert h.max == 250.0 and h.quantile(1.0) == 250.0 and h.quantile(0.0) == 1.5


def test_top_gaps_keeps_the_longest_with_their_notes():
    gaps = TopGaps(2)
    seen = []
    for t in (0.0, 0.01, 0.05, 0.06, 0.09, 0.10):
        gaps.tick(t, lambda a, b: seen.append((a, b)) or f"{a:.2f}-{b:.2f}")
    slowest = gaps.slowest()
    assert [round(g, 3) for g, *_ in slowest] == [0.04, 0.03]
    assert slowest[0][3] == "0.01-0.05" and slowest[1][3] == "0.06-0.09"
    assert gaps.longest == pytest.approx(0.04)
    gaps.clear()
    gaps.tick(1.0)
    assert gaps.slowest() == [] and gaps.longest == 0.0
