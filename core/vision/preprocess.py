"""Face-crop preprocessing shared by training and inference: one definition, used by both."""

from __future__ import annotations

import cv2
import numpy as np

FACE_SIZE: int = 48
"""Side of the square grayscale crop the emotion network sees."""

CROP_MARGIN: float = 0.10
"""Extra context around a detector box, as a fraction of the box's larger side.

FER2013 crops include a little forehead and chin beyond what res10's boxes cover.
"""

PIXEL_MEAN: float = 0.5
PIXEL_STD: float = 0.25


def to_gray(frame: np.ndarray) -> np.ndarray:
    """Return a single-channel uint8 view of a BGR, BGRA or grayscale frame."""
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def square_box(box: tuple[int, int, int, int], margin: float = CROP_MARGIN) -> tuple[int, int, int]:
    """Grow an (x, y, w, h) box to a square with margin; return (x0, y0, side), possibly off-frame."""
    x, y, w, h = box
    side = max(w, h) * (1.0 + 2.0 * margin)
    cx, cy = x + w / 2.0, y + h / 2.0
    side_i = max(1, int(round(side)))
    return int(round(cx - side / 2.0)), int(round(cy - side / 2.0)), side_i


def crop_face(frame: np.ndarray, box: tuple[int, int, int, int], margin: float = CROP_MARGIN) -> np.ndarray:
    """Cut a square, margin-padded face crop from a frame as FACE_SIZE x FACE_SIZE uint8 grayscale.

    Parts of the square outside the frame are filled by edge replication, so faces at the
    border keep their aspect ratio instead of being stretched.
    """
    gray = to_gray(frame)
    x0, y0, side = square_box(box, margin)
    h, w = gray.shape
    x1, y1 = x0 + side, y0 + side
    cx0, cy0, cx1, cy1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    if cx1 <= cx0 or cy1 <= cy0:
        return np.zeros((FACE_SIZE, FACE_SIZE), np.uint8)
    crop = gray[cy0:cy1, cx0:cx1]
    pads = (cy0 - y0, y1 - cy1, cx0 - x0, x1 - cx1)
    if any(pads):
        crop = cv2.copyMakeBorder(crop, *pads, borderType=cv2.BORDER_REPLICATE)
    interp = cv2.INTER_AREA if side > FACE_SIZE else cv2.INTER_LINEAR
    return cv2.resize(crop, (FACE_SIZE, FACE_SIZE), interpolation=interp)


def normalize(faces: np.ndarray) -> np.ndarray:
    """Turn uint8 crops [N, 48, 48] into the network's float32 input [N, 1, 48, 48]."""
    if faces.ndim != 3 or faces.shape[1:] != (FACE_SIZE, FACE_SIZE):
        raise ValueError(f"expected faces of shape [N, {FACE_SIZE}, {FACE_SIZE}], got {faces.shape}")
    x = faces.astype(np.float32)[:, None] * (1.0 / 255.0)
    return (x - PIXEL_MEAN) / PIXEL_STD
