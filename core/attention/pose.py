"""Head pose from mesh points: cv2.solvePnP against the generic 3-D face, as yaw, pitch and roll in degrees.

Conventions (as seen in the picture): roll is positive when the head is tilted clockwise; yaw is
positive when the face turns toward the picture's right; pitch is positive when the face turns
up, negative when it turns down. Each face is solved with its own pinhole camera centred on it
(focal length `FOCAL_EYES` outer-eye-corner distances), so pose is relative to the line from the
camera to that face: a gallery tile in a corner of the screen is not read as turned away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from core.attention.generic_face import GENERIC_FACE
from core.attention.mesh import LEFT_EYE_OUTER, RIGHT_EYE_OUTER

FOCAL_EYES = 7.0  # a face about 60 cm from a webcam: eyes 9 cm apart, focal length ~ 7 eye distances
_INDEX = np.array(list(GENERIC_FACE), np.int64)
_MODEL = np.array([GENERIC_FACE[i] for i in _INDEX], np.float64)


@dataclass(frozen=True)
class HeadPose:
    """Head orientation in degrees (conventions in this module's docstring)."""

    yaw: float
    pitch: float
    roll: float


def head_pose(points: np.ndarray) -> HeadPose | None:
    """Yaw, pitch and roll of a face from its mesh points ([468, >=2] frame pixels); None if unsolvable."""
    img = np.ascontiguousarray(points[_INDEX, :2], dtype=np.float64)
    eyes = float(np.linalg.norm(points[LEFT_EYE_OUTER, :2] - points[RIGHT_EYE_OUTER, :2]))
    if not np.isfinite(img).all() or eyes < 1.0:
        return None
    cx, cy = img.mean(axis=0)
    f = FOCAL_EYES * eyes
    camera = np.array([[f, 0.0, cx], [0.0, f, cy], [0.0, 0.0, 1.0]])
    ok, rvec, _ = cv2.solvePnP(_MODEL, img, camera, None, flags=cv2.SOLVEPNP_SQPNP)
    if not ok:
        return None
    r, _ = cv2.Rodrigues(rvec)
    front = r @ np.array([0.0, 0.0, -1.0])  # where the face points, in camera axes (x right, y down, z ahead)
    across = r[:, 0]  # the face's left-to-right axis as the camera sees it
    yaw = math.degrees(math.atan2(front[0], -front[2]))
    pitch = math.degrees(math.atan2(-front[1], math.hypot(front[0], front[2])))
    roll = math.degrees(math.atan2(across[1], across[0]))
    return HeadPose(yaw, pitch, roll)
