"""Files on disk as sources: which names are videos or still photos, and opening either."""

from __future__ import annotations

import time
from pathlib import Path

import cv2

from core.records import Frame
from core.sources.frame_source import FrameSource, SourceError, VideoFileSource

VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".wmv", ".flv", ".mpg", ".mpeg", ".ts"})
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})


def is_image(path: str | Path) -> bool:
    """Whether a file's name says it is a still photo."""
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


class ImageFileSource(FrameSource):
    """A still photo as a one-frame source (frame 0 at 0 s)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        self.name = str(path)
        if not path.is_file():
            raise SourceError(f"no such file: {path}")
        self._image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if self._image is None:
            raise SourceError(f"cannot read as an image: {path}")
        self.frame_count = 1

    def read(self) -> Frame | None:
        if self._image is None:
            return None
        image, self._image = self._image, None
        return Frame(0, 0.0, image, time.monotonic())


def open_file(path: str | Path) -> FrameSource:
    """A video or a still photo, by its name; SourceError when it cannot be read."""
    return ImageFileSource(path) if is_image(path) else VideoFileSource(path)
