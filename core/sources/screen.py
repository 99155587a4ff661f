"""Screen capture as a frame source (a whole monitor or a region), via the `mss` package."""

from __future__ import annotations

import time

import numpy as np

from core.records import Frame
from core.sources.frame_source import FrameSource, SourceError


class ScreenSource(FrameSource):
    """Grabs a monitor (1 = primary) or a region of it at up to `fps` frames per second."""

    live = True

    def __init__(self, monitor: int = 1, region: tuple[int, int, int, int] | None = None, fps: float = 30.0) -> None:
        try:
            import mss
        except ImportError:
            raise SourceError("screen capture needs the 'mss' package") from None
        try:
            self._mss = mss.MSS()
            monitors = self._mss.monitors
        except Exception as e:  # no display server, no permission
            raise SourceError(f"screen capture is not available here: {e}") from None
        if not 0 <= monitor < len(monitors):
            self._mss.close()
            raise SourceError(f"no screen {monitor}; screens available: 1..{len(monitors) - 1}")
        area = dict(monitors[monitor])
        if region is not None:
            x, y, w, h = region
            if w <= 0 or h <= 0:
                self._mss.close()
                raise SourceError("the screen region is empty")
            area = {"left": area["left"] + x, "top": area["top"] + y, "width": w, "height": h}
        self._area = area
        self.fps = fps
        self.name = f"screen {monitor}" + (f" region {region}" if region else "")
        self._index = 0
        self._t0: float | None = None
        self._next = 0.0

    def read(self) -> Frame | None:
        now = time.monotonic()
        if self._next > now:
            time.sleep(self._next - now)
        try:
            shot = self._mss.grab(self._area)
        except Exception:
            return None
        now = time.monotonic()
        self._next = now + 1.0 / self.fps
        if self._t0 is None:
            self._t0 = now
        image = np.ascontiguousarray(np.asarray(shot)[:, :, :3])  # BGRA -> BGR
        frame = Frame(self._index, now - self._t0, image, now)
        self._index += 1
        return frame

    def close(self) -> None:
        self._mss.close()
