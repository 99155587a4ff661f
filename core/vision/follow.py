"""Following a confirmed face by its pixels between detector passes (both finders use it).

A face's signature is a TEMPLATE x TEMPLATE grey thumbnail of its box, taken when the detector
last confirmed it. In a later frame the face is looked for near its box by normalised
cross-correlation of that thumbnail (a few tenths of a millisecond, against several
milliseconds for a detector pass); it counts as still there only if the best match is close
(`threshold`) and the matched patch has texture (a flat camera-off tile or an empty wall
correlates with anything).
"""

from __future__ import annotations

import cv2
import numpy as np

from core.vision.boxes import Box

TEMPLATE = 24  # side of the thumbnail a face is followed by between detector passes
MIN_TEXTURE = 8.0  # grey-level spread below which a patch is a flat tile, not a face


def signature(gray: np.ndarray, box: Box, side: int = TEMPLATE) -> np.ndarray:
    """The face's look: its box in a grey frame, shrunk to `side` x `side` (TEMPLATE by default)."""
    x, y, w, h = box
    patch = gray[max(0, y) : y + h, max(0, x) : x + w]
    if patch.size == 0:
        return np.zeros((side, side), np.uint8)
    return cv2.resize(patch, (side, side), interpolation=cv2.INTER_AREA)


def _subpixel(scores: np.ndarray, x: int, y: int) -> tuple[float, float]:
    """The correlation peak at (x, y) refined to a fraction of a template pixel (a parabola through its neighbours)."""
    def offset(a: float, b: float, c: float) -> float:
        d = a - 2 * b + c
        return float(np.clip(0.5 * (a - c) / d, -0.5, 0.5)) if d < 0 else 0.0

    h, w = scores.shape
    dx = offset(scores[y, x - 1], scores[y, x], scores[y, x + 1]) if 0 < x < w - 1 else 0.0
    dy = offset(scores[y - 1, x], scores[y, x], scores[y + 1, x]) if 0 < y < h - 1 else 0.0
    return x + dx, y + dy


def follow(gray: np.ndarray, box: Box, sign: np.ndarray, search: float = 0.25, threshold: float = 0.6,
           scales: tuple[float, ...] = (1.0,)) -> Box | None:
    """Where a face that looked like `sign` in `box` is now, within `search` face sizes; None if gone.

    With several `scales` the face may also have grown or shrunk by those factors (a head
    nearer or further from a webcam): the best-matching size wins. The signature's side sets the
    precision (a face of w pixels is placed to about w / side / 4 pixels).
    """
    side = sign.shape[0]
    x, y, w, h = box
    fh, fw = gray.shape[:2]
    if w <= 0 or h <= 0:
        return None
    best_score, best_box = -1.0, None
    for scale in scales:
        sw, sh = max(2, round(w * scale)), max(2, round(h * scale))
        sx, sy = round(x + (w - sw) / 2), round(y + (h - sh) / 2)
        mx, my = int(sw * search), int(sh * search)
        x0, y0, x1, y1 = max(0, sx - mx), max(0, sy - my), min(fw, sx + sw + mx), min(fh, sy + sh + my)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        fx, fy = side / sw, side / sh
        area = cv2.resize(gray[y0:y1, x0:x1], (max(side, round((x1 - x0) * fx)), max(side, round((y1 - y0) * fy))),
                          interpolation=cv2.INTER_AREA)
        scores = cv2.matchTemplate(area, sign, cv2.TM_CCOEFF_NORMED)
        _, score, _, (lx, ly) = cv2.minMaxLoc(scores)
        if score <= best_score:
            continue
        window = area[ly : ly + side, lx : lx + side]
        if score < threshold or float(window.std()) < MIN_TEXTURE:
            continue
        px, py = _subpixel(scores, lx, ly)
        best_score, best_box = score, (x0 + round(px / fx), y0 + round(py / fy), sw, sh)
    return best_box


THUMB = 8  # frames are compared for change at 1/8 scale
AROUND = 0.5  # a followed face's surroundings (a bob, a nod), in face sizes, left out of that comparison


def thumbnail(gray: np.ndarray) -> np.ndarray:
    """A grey frame at 1/THUMB scale, as int16 (for differences)."""
    fh, fw = gray.shape[:2]
    return cv2.resize(gray, (max(1, fw // THUMB), max(1, fh // THUMB)), interpolation=cv2.INTER_AREA).astype(np.int16)


def unfollowed(shape: tuple[int, ...], boxes: list[Box]) -> np.ndarray:
    """A mask of a 1/THUMB-scale frame of `shape`: where none of the frame-pixel `boxes` (or their surroundings) is."""
    free = np.ones(shape[:2], bool)
    for x, y, w, h in boxes:
        mx, my = w * AROUND, h * AROUND
        free[max(0, int((y - my) // THUMB)) : int((y + h + my) // THUMB) + 1,
             max(0, int((x - mx) // THUMB)) : int((x + w + mx) // THUMB) + 1] = False
    return free


def changed(now: np.ndarray, then: np.ndarray | None, free: np.ndarray, still: float) -> bool:
    """Whether two thumbnails differ by more than `still` grey levels on average where `free` is set."""
    if then is None or then.shape != now.shape:
        return True
    return bool(free.any()) and float(np.abs(now - then)[free].mean()) > still
