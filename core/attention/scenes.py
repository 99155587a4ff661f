"""Faces placed at known tilts and mirrorings on a canvas, for the benchmark, the generic-face maker and tests."""

from __future__ import annotations

import cv2
import numpy as np

BOX_FRACTION = 0.8  # of a FER-style crop that a res10 box covers (brows to chin, cheek to cheek)


def face_scene(face: np.ndarray, side: int = 160, tilt_deg: float = 0.0, mirror: bool = False
               ) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A face crop (grey or BGR) scaled to `side` px in the middle of a canvas twice as wide, rotated
    `tilt_deg` degrees clockwise as seen (so its true roll grows by that much), optionally mirrored
    first; returns the BGR canvas and the detector-like box around the face."""
    img = face if face.ndim == 3 else cv2.cvtColor(face, cv2.COLOR_GRAY2BGR)
    if mirror:
        img = img[:, ::-1]
    interp = cv2.INTER_CUBIC if side > img.shape[0] else cv2.INTER_AREA
    img = cv2.resize(np.ascontiguousarray(img), (side, int(round(side * img.shape[0] / img.shape[1]))),
                     interpolation=interp)
    pad = side // 2
    canvas = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    h, w = canvas.shape[:2]
    centre = (w / 2.0, h / 2.0)
    if tilt_deg:
        m = cv2.getRotationMatrix2D(centre, -tilt_deg, 1.0)  # OpenCV's positive angle is anticlockwise
        canvas = cv2.warpAffine(canvas, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    bw, bh = int(round(img.shape[1] * BOX_FRACTION)), int(round(img.shape[0] * BOX_FRACTION))
    return canvas, (int(round(centre[0] - bw / 2)), int(round(centre[1] - bh / 2)), bw, bh)
