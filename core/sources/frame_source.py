"""Frame sources: a video file (its own timestamps), a camera by index, and frames in memory."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import cv2
import numpy as np

from core.records import Frame


class SourceError(RuntimeError):
    """A source that cannot be opened or read; the message is fit for a user."""


class FrameSource:
    """Base of all sources: `read()` returns the next Frame or None at the end; iterable; closable."""

    fps: float = 0.0
    frame_count: int | None = None
    name: str = "source"
    live: bool = False
    """True for cameras and screens: frames come in real time, and a failed read may recover."""

    def read(self) -> Frame | None:
        """Return the next frame, or None when the source has ended."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the source holds (a camera, a file handle)."""

    def __iter__(self) -> Iterator[Frame]:
        while (frame := self.read()) is not None:
            yield frame

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class VideoFileSource(FrameSource):
    """Frames of a video file, timed by the container's presentation timestamps."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        self.name = str(path)
        if not path.exists():
            raise SourceError(f"no such file: {path}")
        if not path.is_file():
            raise SourceError(f"not a file: {path}")
        self._cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
        if not self._cap.isOpened():
            self._cap.release()
            raise SourceError(f"cannot open as a video: {path}")
        self.fps = float(self._cap.get(cv2.CAP_PROP_FPS) or 0.0)
        count = int(self._cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        self.frame_count = count if count > 0 else None
        self._index = 0
        self._pending: np.ndarray | None = None
        ok, first = self._cap.read()
        if not ok or first is None:
            self._cap.release()
            raise SourceError(f"no decodable video frames in: {path}")
        self._pending = first
        self._first_ms = float(self._cap.get(cv2.CAP_PROP_POS_MSEC))

    def _timestamp(self) -> float:
        ms = float(self._cap.get(cv2.CAP_PROP_POS_MSEC))
        if self._index > 0 and ms <= 0.0 and self.fps > 0:  # backend without timestamps
            return self._index / self.fps
        return max(0.0, ms - self._first_ms) / 1000.0

    def read(self) -> Frame | None:
        if self._pending is not None:
            image, self._pending = self._pending, None
        else:
            ok, image = self._cap.read()
            if not ok or image is None:
                return None
        frame = Frame(self._index, self._timestamp(), image, time.monotonic())
        self._index += 1
        return frame

    def skip(self, n: int) -> int:
        """Pass over the next `n` frames without converting them to pictures; returns how many there were."""
        done = 0
        if n > 0 and self._pending is not None:
            self._pending = None
            self._index += 1
            done = 1
        while done < n and self._cap.grab():
            self._index += 1
            done += 1
        return done

    @property
    def frames_read(self) -> int:
        """Frames decoded or passed over so far (compared with `frame_count` at the end: a truncated file)."""
        return self._index

    def close(self) -> None:
        self._cap.release()


class CameraSource(FrameSource):
    """Frames of a live camera, timed by a monotonic clock from the first frame."""

    live = True

    def __init__(self, index: int, width: int = 640, height: int = 480) -> None:
        self.name = f"camera {index}"
        self._cap = cv2.VideoCapture(index)
        if not self._cap.isOpened():
            self._cap.release()
            raise SourceError(f"camera {index} is not available (absent or in use by another program)")
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self.fps = float(self._cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self._index = 0
        self._t0: float | None = None

    def read(self) -> Frame | None:
        ok, image = self._cap.read()
        if not ok or image is None:
            return None
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        frame = Frame(self._index, now - self._t0, image, now)
        self._index += 1
        return frame

    def close(self) -> None:
        self._cap.release()


class ArraySource(FrameSource):
    """Frames held in memory (tests, benchmarks), timed at a fixed rate."""

    def __init__(self, images: Sequence[np.ndarray], fps: float = 30.0, name: str = "memory") -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self._images = images
        self.fps = fps
        self.frame_count = len(images)
        self.name = name
        self._index = 0

    def read(self) -> Frame | None:
        if self._index >= len(self._images):
            return None
        frame = Frame(self._index, self._index / self.fps, self._images[self._index], time.monotonic())
        self._index += 1
        return frame


class PacedSource(FrameSource):
    """Plays a recorded source in real time: each frame is held back until its timestamp is due."""

    def __init__(self, inner: FrameSource, speed: float = 1.0) -> None:
        self.inner, self.speed = inner, speed
        self.fps, self.frame_count, self.name = inner.fps, inner.frame_count, inner.name
        self._t0: float | None = None

    def read(self) -> Frame | None:
        frame = self.inner.read()
        if frame is None:
            return None
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now - frame.time_s / self.speed
        wait = self._t0 + frame.time_s / self.speed - now
        if wait > 0:
            time.sleep(wait)
        return Frame(frame.index, frame.time_s, frame.image, time.monotonic())

    def close(self) -> None:
        self.inner.close()


def probe_cameras(max_index: int = 4) -> list[int]:
    """Indices of cameras that open and deliver a frame (0..max_index-1)."""
    found = []
    for i in range(max_index):
        cap = cv2.VideoCapture(i)
        try:
            if cap.isOpened() and cap.read()[0]:
                found.append(i)
        finally:
            cap.release()
    return found
