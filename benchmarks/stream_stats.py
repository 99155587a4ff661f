"""Constant-memory summaries for long benchmarks: a soak's own measurements must not grow its RSS.

Keeping every sample in a Python list costs ~32 bytes each; at a few hundred samples a second
that is ~20 MB over a 30-minute soak, which would read as the window's memory creeping.
"""

from __future__ import annotations

import heapq

import numpy as np


class Histogram:
    """Counts values in fixed-width bins (allocated and touched up front); exact count and max."""

    def __init__(self, bin_width: float, max_value: float) -> None:
        self.bin_width = bin_width
        self.counts = np.ones(int(np.ceil(max_value / bin_width)) + 1, dtype=np.int64)
        self.counts[:] = 0  # written once now, so its pages are resident from the start
        self.count = 0
        self.max = float("-inf")

    def add(self, value: float) -> None:
        """Count one value (values past `max_value` land in the last bin; `max` stays exact)."""
        i = min(max(int(value / self.bin_width), 0), len(self.counts) - 1)
        self.counts[i] += 1
        self.count += 1
        self.max = max(self.max, value)

    def clear(self) -> None:
        """Forget everything counted."""
        self.counts[:] = 0
        self.count = 0
        self.max = float("-inf")

    def quantile(self, q: float) -> float:
        """The q-quantile (0..1), to within a bin: the centre of the bin holding it."""
        if self.count == 0:
            raise ValueError("no values")
        rank = q * (self.count - 1)
        i = int(np.searchsorted(np.cumsum(self.counts), rank, side="right"))
        if i >= len(self.counts) - 1:  # the overflow bin: only the max is known there
            return self.max
        return min((i + 0.5) * self.bin_width, self.max)


class TopGaps:
    """The `n` longest gaps between successive ticks, each with a note made when it is seen."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.longest = 0.0
        self._heap: list[tuple[float, float, float, str]] = []  # (gap, start, end, note), min-heap
        self._last: float | None = None

    def tick(self, t: float, describe=None) -> None:
        """A tick at time `t`; `describe(start, end)` names what overlapped a gap worth keeping."""
        last, self._last = self._last, t
        if last is None:
            return
        gap = t - last
        self.longest = max(self.longest, gap)
        if self.n <= 0 or (len(self._heap) == self.n and gap <= self._heap[0][0]):
            return
        entry = (gap, last, t, describe(last, t) if describe else "")
        if len(self._heap) < self.n:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def clear(self) -> None:
        """Start again (the next tick only sets the reference time)."""
        self._heap.clear()
        self._last = None
        self.longest = 0.0

    def slowest(self) -> list[tuple[float, float, float, str]]:
        """(gap, start, end, note), longest first."""
        return sorted(self._heap, reverse=True)
