"""Eye openness (eye aspect ratio) and mouth opening from mesh points.

Eye aspect ratio (Soukupová and Čech, 2016): with six points p1..p6 around an eye (p1 and p4
the corners, p2 p3 on the upper lid, p6 p5 below them), EAR = (|p2-p6| + |p3-p5|) / (2 |p1-p4|).
Distances are taken in 3-D (the mesh's depth included) so that a turned head does not shorten
the eye's width and open it on paper. Mouth opening is the same idea for the inner lips.
"""

from __future__ import annotations

import numpy as np

PICTURE_LEFT_EYE = (33, 160, 158, 133, 153, 144)  # the subject's right eye
PICTURE_RIGHT_EYE = (362, 385, 387, 263, 373, 380)  # the subject's left eye
MOUTH = (78, 13, 308, 14)  # inner-lip corners and the middle of the upper and lower inner lip


def aspect_ratio(p: np.ndarray) -> float:
    """EAR of six points ([6, 2] or [6, 3]) in the p1..p6 order; 0 for a degenerate eye."""
    p = np.asarray(p, dtype=np.float64)
    width = np.linalg.norm(p[0] - p[3])
    if width <= 1e-9:
        return 0.0
    return float((np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4])) / (2.0 * width))


def eye_openness(points: np.ndarray) -> float:
    """Mean EAR of both eyes from mesh points [468, 3]."""
    return (aspect_ratio(points[list(PICTURE_LEFT_EYE)]) + aspect_ratio(points[list(PICTURE_RIGHT_EYE)])) / 2.0


def mouth_opening(points: np.ndarray) -> float:
    """Inner-lip gap over inner mouth width from mesh points [468, 3]."""
    left, top, right, bottom = (points[i].astype(np.float64) for i in MOUTH)
    width = np.linalg.norm(left - right)
    return float(np.linalg.norm(top - bottom) / width) if width > 1e-9 else 0.0
