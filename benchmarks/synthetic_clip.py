"""A 640x480 benchmark clip of real FER2013 faces: scenes with one drifting face, and empty scenes.

`motion="drift"` models a webcam (benchmarks/camera.py): 6-second scenes in which the face sways
slowly at sub-pixel offsets (at most ~0.4 px a frame), changes expression (another image) about
every 2 s, and sensor noise is added to every frame; "jump" (the old clip) moves whole pixels,
1-second scenes, no noise.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from benchmarks.camera import SensorNoise, drift, paste_subpixel

SCENE_LEN = 30  # frames per scene; every scene shows a different face (or none)
DRIFT_SCENE_LEN = 180  # with motion="drift": a sitting person, expressions changing about every 60 frames
WIDTH, HEIGHT = 640, 480


def make_clip(
    faces: np.ndarray,
    path: str | Path,
    n_frames: int = 300,
    scene_len: int = SCENE_LEN,
    empty_every: int = 5,
    fps: float = 30.0,
    seed: int = 0,
    shown: list[int] | None = None,
    motion: str = "jump",
) -> list[tuple[int, int, int, int] | None]:
    """Write the clip to `path` (MPEG-4); return each frame's true face box, or None for empty frames.

    Every `empty_every`-th scene has no face, so a detector that carries faces forward
    across a cut is caught out. Faces are 48x48 crops scaled to 150-200 px. If `shown` is
    given, the index in `faces` of each frame's face (-1 for none) is appended to it.
    """
    if motion not in ("jump", "drift"):
        raise ValueError(f"unknown motion {motion!r}")
    if motion == "drift":
        return _drift_clip(faces, path, n_frames, scene_len if scene_len != SCENE_LEN else DRIFT_SCENE_LEN,
                           empty_every, fps, seed, shown)
    rng = np.random.default_rng(seed)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write video {path}")
    truth: list[tuple[int, int, int, int] | None] = []
    scene = 0
    while len(truth) < n_frames:
        bg = rng.integers(30, 220, (48, 64, 3), dtype=np.uint8)
        bg = cv2.GaussianBlur(cv2.resize(bg, (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC), (0, 0), 6)
        has_face = scene % empty_every != empty_every - 1
        face_index = int(rng.integers(len(faces)))
        face = faces[face_index]
        size0 = int(rng.integers(150, 200))
        x0, y0 = int(rng.integers(20, WIDTH - 260)), int(rng.integers(20, HEIGHT - 240))
        vx, vy = rng.uniform(-2, 2, 2)
        for t in range(min(scene_len, n_frames - len(truth))):
            frame = bg.copy()
            if has_face:
                size = int(size0 * (1 + 0.1 * np.sin(t / 8)))
                # the drift stops at the frame's edge, so the whole face stays in view
                x = min(max(int(x0 + vx * t), 0), WIDTH - size)
                y = min(max(int(y0 + vy * t), 0), HEIGHT - size)
                patch = cv2.resize(face, (size, size), interpolation=cv2.INTER_CUBIC)
                frame[y : y + size, x : x + size] = patch[..., None]
                truth.append((x, y, size, size))
            else:
                truth.append(None)
            if shown is not None:
                shown.append(face_index if has_face else -1)
            writer.write(frame)
        scene += 1
    writer.release()
    return truth


def _drift_clip(faces: np.ndarray, path: str | Path, n_frames: int, scene_len: int, empty_every: int, fps: float,
                seed: int, shown: list[int] | None) -> list[tuple[int, int, int, int] | None]:
    rng = np.random.default_rng(seed)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write video {path}")
    noise = SensorNoise(HEIGHT, WIDTH, sigma=(3.0, 3.0), seed=seed)
    truth: list[tuple[int, int, int, int] | None] = []
    scene = 0
    while len(truth) < n_frames:
        bg = rng.integers(30, 220, (48, 64, 3), dtype=np.uint8)
        bg = cv2.GaussianBlur(cv2.resize(bg, (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC), (0, 0), 6)
        has_face = scene % empty_every != empty_every - 1
        size0 = int(rng.integers(150, 200))
        cx0, cy0 = rng.uniform(40 + size0 / 2, WIDTH - 40 - size0 / 2), rng.uniform(40 + size0 / 2, HEIGHT - 40 - size0 / 2)
        period, phase = rng.uniform(180, 300, 2), rng.uniform(0, 2 * np.pi, 2)
        face_index, next_change = int(rng.integers(len(faces))), int(rng.integers(45, 75))
        for t in range(min(scene_len, n_frames - len(truth))):
            if t == next_change:  # a new expression (another FER2013 image) about every 2 s
                face_index, next_change = int(rng.integers(len(faces))), t + int(rng.integers(45, 75))
            frame = bg.copy()
            if has_face:
                size = int(round(size0 * (1 + 0.03 * np.sin(t / 40))))
                dx, dy = drift(t, (20.0, 12.0), tuple(period), tuple(phase))
                x = min(max(cx0 + dx - size / 2, 0.0), WIDTH - size - 1.0)
                y = min(max(cy0 + dy - size / 2, 0.0), HEIGHT - size - 1.0)
                patch = cv2.resize(faces[face_index], (size, size), interpolation=cv2.INTER_CUBIC)
                truth.append(paste_subpixel(frame, patch, x, y))
            else:
                truth.append(None)
            if shown is not None:
                shown.append(face_index if has_face else -1)
            writer.write(noise.apply(frame))
        scene += 1
    writer.release()
    return truth


def count_faces(truth: list[tuple[int, int, int, int] | None], scene_len: int = SCENE_LEN) -> int:
    """How many different faces a clip made by `make_clip` shows (one per face scene)."""
    return sum(b is not None for b in truth[::scene_len])
