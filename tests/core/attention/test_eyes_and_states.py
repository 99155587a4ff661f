"""Eye aspect ratio and mouth opening on known point sets; held-state logic."""

from __future__ import annotations

import numpy as np
import pytest

from core.attention.eyes import MOUTH, PICTURE_LEFT_EYE, PICTURE_RIGHT_EYE, aspect_ratio, eye_openness, mouth_opening
from core.attention.states import (AWAY_PITCH_DOWN_DEG, AWAY_YAW_DEG, EYES_CLOSED_EAR, FaceStates, HeldCondition,
                                   looks_away)


def eye(width: float, opening: float, x0: float = 0.0) -> np.ndarray:
    """p1..p6 of an eye `width` wide whose lids are `opening` apart."""
    h = opening / 2
    return np.array([[x0, 0], [x0 + width / 3, -h], [x0 + 2 * width / 3, -h], [x0 + width, 0],
                     [x0 + 2 * width / 3, h], [x0 + width / 3, h]], dtype=float)


def test_eye_aspect_ratio_of_known_points():
    assert aspect_ratio(eye(30, 9)) == pytest.approx(0.3)
    assert aspect_ratio(eye(30, 0)) == 0.0
    assert aspect_ratio(eye(10, 5)) == pytest.approx(aspect_ratio(eye(40, 20)))  # scale-free
    assert aspect_ratio(np.zeros((6, 2))) == 0.0  # degenerate, not a division by zero


def test_eye_aspect_ratio_is_three_dimensional():
    flat = np.column_stack([eye(30, 9), np.zeros(6)])
    deep = flat.copy()
    deep[3, 2] = 0.0
    assert aspect_ratio(flat) == pytest.approx(aspect_ratio(eye(30, 9)))
    foreshortened = flat.copy()
    foreshortened[:, 0] *= 0.5  # turned 60 degrees: the eye looks half as wide in the picture
    foreshortened[:, 2] = flat[:, 0] * np.sin(np.radians(60))
    assert aspect_ratio(foreshortened) == pytest.approx(0.3, abs=1e-6)


def test_openness_and_mouth_from_mesh_indices():
    points = np.zeros((468, 3))
    points[list(PICTURE_LEFT_EYE), :2] = eye(30, 9)
    points[list(PICTURE_RIGHT_EYE), :2] = eye(30, 3, x0=60)
    assert eye_openness(points) == pytest.approx((0.3 + 0.1) / 2)
    left, top, right, bottom = MOUTH
    points[left, :2], points[right, :2], points[top, :2], points[bottom, :2] = (0, 100), (40, 100), (20, 90), (20, 110)
    assert mouth_opening(points) == pytest.approx(0.5)


def test_a_condition_counts_only_once_held():
    c = HeldCondition(1.0)
    times = np.arange(0, 2.01, 0.1)
    states = [c.update(float(t), True) for t in times]
    assert not any(states[:10]) and all(states[10:])  # on from 1.0 s of holding
    assert c.update(2.1, False) is False  # off at the first reading without it
    assert c.update(2.2, True) is False  # and the hold starts again


def test_a_blink_is_not_eyes_closed():
    s = FaceStates.new()
    ear = [0.3] * 10 + [0.05] * 3 + [0.3] * 10  # a 0.3 s blink at 10 readings a second
    closed = [s.update(i / 10, e, 0.0, 0.0, 0.1)[0] for i, e in enumerate(ear)]
    assert not any(closed)
    held = [s.update(3 + i / 10, 0.05, 0.0, 0.0, 0.1)[0] for i in range(15)]
    assert not any(held[:10]) and all(held[10:])


def test_a_gap_breaks_the_hold():
    c = HeldCondition(1.0, max_gap_s=0.5)
    assert not c.update(0.0, True)
    assert not c.update(0.4, True)
    assert not c.update(1.2, True)  # unseen 0.8 s: the hold restarts here
    assert c.update(2.2, False) is False
    held = [c.update(t, True) for t in (2.3, 2.55, 2.8, 3.05, 3.3)]  # readings 0.25 s apart bridge no gap
    assert held == [False] * 4 + [True]


def test_looking_away_thresholds():
    assert not looks_away(0.0, 0.0) and not looks_away(AWAY_YAW_DEG - 1, -10.0)
    assert looks_away(AWAY_YAW_DEG + 1, 0.0) and looks_away(-(AWAY_YAW_DEG + 1), 0.0)
    assert looks_away(0.0, AWAY_PITCH_DOWN_DEG - 1)
    s = FaceStates.new()
    away = [s.update(i / 5, 0.3, 45.0, 0.0, 0.1)[1] for i in range(7)]  # 5 readings a second
    assert away == [False] * 5 + [True] * 2
    yawn = [s.update(10 + i / 5, 0.3, 0.0, 0.0, 0.9)[2] for i in range(12)]
    assert not any(yawn[:10]) and all(yawn[10:])


def test_eyes_closed_threshold_is_below_open_eyes():
    assert aspect_ratio(eye(30, 9)) > EYES_CLOSED_EAR > aspect_ratio(eye(30, 2))
