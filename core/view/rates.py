"""How fast the window keeps up: frames displayed and results shown per second, and the last result's latency."""

from __future__ import annotations

from collections import deque

KEPT = 120  # the newest times each counter holds


class RateCounter:
    """The times of the last `KEPT` events (time.monotonic()); `per_second` counts those of the last second."""

    def __init__(self, kept: int = KEPT) -> None:
        self.times: deque[float] = deque(maxlen=kept)

    def tick(self, now: float) -> None:
        """One event at `now`."""
        self.times.append(now)

    def per_second(self, now: float) -> int:
        """Events within the second before `now`."""
        return sum(now - t <= 1.0 for t in self.times)


class Rates:
    """The status bar's rates: frames displayed, results analysed and shown, capture-to-display latency."""

    def __init__(self) -> None:
        self.frames = RateCounter()
        self.results = RateCounter()
        self.last_latency_s: float | None = None

    def frame_shown(self, now: float) -> None:
        """A frame was displayed at `now`."""
        self.frames.tick(now)

    def result_shown(self, now: float, captured_at: float = 0.0) -> None:
        """A result was shown at `now`; `captured_at` is when its frame was read (0: unknown)."""
        self.results.tick(now)
        if captured_at:
            self.last_latency_s = now - captured_at

    def per_second(self, now: float) -> tuple[int, int]:
        """(frames shown, results analysed) in the last second."""
        return self.frames.per_second(now), self.results.per_second(now)
