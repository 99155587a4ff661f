"""The benchmark clip: faces stay whole inside the frame and empty scenes have no box."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.synthetic_clip import count_faces, make_clip


@pytest.mark.parametrize("seed", range(6))
def test_faces_stay_inside_the_frame(tmp_path: Path, seed: int) -> None:
    faces = np.random.default_rng(seed).integers(0, 255, (5, 48, 48), dtype=np.uint8)
    truth = make_clip(faces, tmp_path / "c.mp4", n_frames=150, scene_len=30, empty_every=5, seed=seed)
    assert len(truth) == 150
    assert all(b is None for b in truth[120:150])  # the 5th scene is empty
    boxes = [b for b in truth if b is not None]
    assert len(boxes) == 120
    for x, y, w, h in boxes:
        assert x >= 0 and y >= 0 and x + w <= 640 and y + h <= 480
        assert 150 * 0.9 - 1 <= w == h <= 200 * 1.1
    cap = cv2.VideoCapture(str(tmp_path / "c.mp4"))
    n = 0
    while cap.read()[0]:
        n += 1
    cap.release()
    assert n == 150


def test_count_faces_counts_face_scenes(tmp_path: Path) -> None:
    faces = np.zeros((3, 48, 48), np.uint8)
    truth = make_clip(faces, tmp_path / "c.mp4", n_frames=200, scene_len=20, empty_every=5)
    assert count_faces(truth, scene_len=20) == 8  # 10 scenes, every 5th empty


def test_a_drift_clip_moves_faces_by_fractions_of_a_pixel_under_fresh_noise(tmp_path: Path) -> None:
    faces = np.random.default_rng(0).integers(0, 255, (5, 48, 48), dtype=np.uint8)
    shown: list[int] = []
    truth = make_clip(faces, tmp_path / "d.mp4", n_frames=200, motion="drift", shown=shown)
    boxes = [b for b in truth[:180] if b is not None]
    assert len(boxes) == 180  # the first 6-second scene has a face throughout
    steps = [max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a, b in zip(boxes, boxes[1:])]
    assert max(steps) <= 2 and 0 < sum(s > 0 for s in steps) < len(steps)  # slow: often the same whole pixel
    assert 2 <= len({i for i in shown[:180]}) <= 5  # a new expression about every 2 s
    cap = cv2.VideoCapture(str(tmp_path / "d.mp4"))
    first, second = cap.read()[1], cap.read()[1]
    cap.release()
    corner = (slice(0, 40), slice(0, 40))  # background only: the same scene, but fresh noise each frame
    assert np.abs(first[corner].astype(int) - second[corner].astype(int)).mean() > 0.5
