"""Synthetic clips with a real face moving over a plain background: for the self-test, tests and benchmarks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import cv2
import numpy as np

Path2D = Callable[[int], tuple[int, int]]


def background(size: tuple[int, int] = (640, 480), seed: int = 0) -> np.ndarray:
    """Blurred grey-brown noise, BGR uint8 of `size` (width, height): textured, with no face in it."""
    w, h = size
    noise = np.random.default_rng(seed).integers(60, 140, (h, w, 3), dtype=np.uint8)
    return cv2.GaussianBlur(noise, (0, 0), 8)


def iter_drifting_face(face: np.ndarray, n_face: int, n_empty: int = 0, size: tuple[int, int] = (640, 480),
                       path: Path2D | None = None, cut_to_grey: bool = False) -> Iterator[tuple[np.ndarray, bool]]:
    """(frame, face_present) one at a time: `n_face` frames with `face` pasted at `path(i)`
    (top-left; default: drifting right), then `n_empty` frames without it: the same
    background, or a flat grey scene when `cut_to_grey`. Long clips never sit in memory."""
    bg = background(size)
    fh, fw = face.shape[:2]
    w, h = size
    path = path or (lambda i: (120 + 4 * i, 120))
    for i in range(n_face):
        x, y = path(i)
        x, y = min(max(0, x), w - fw), min(max(0, y), h - fh)
        f = bg.copy()
        f[y : y + fh, x : x + fw] = face
        yield f, True
    empty = np.full_like(bg, 200) if cut_to_grey else bg
    for _ in range(n_empty):
        yield empty.copy(), False


def drifting_face_frames(face: np.ndarray, n_face: int, n_empty: int = 0, size: tuple[int, int] = (640, 480),
                         path: Path2D | None = None, cut_to_grey: bool = False) -> tuple[list[np.ndarray], list[bool]]:
    """The frames of `iter_drifting_face` as lists: (frames, face_present). For short clips."""
    pairs = list(iter_drifting_face(face, n_face, n_empty, size, path, cut_to_grey))
    return [f for f, _ in pairs], [p for _, p in pairs]


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float, fourcc: str = "MJPG") -> Path:
    """Write BGR frames (a list or a generator) as a video file; OSError when OpenCV cannot
    write one there or there are no frames."""
    frames = iter(frames)
    first = next(frames, None)
    if first is None:
        raise OSError(f"no frames to write to {path}")
    h, w = first.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (w, h))
    if not writer.isOpened():
        raise OSError(f"cannot write a video to {path} (OpenCV video I/O unavailable)")
    try:
        writer.write(first)
        for f in frames:
            writer.write(f)
    finally:
        writer.release()
    return path
