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
