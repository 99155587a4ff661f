"""Box geometry for (x, y, w, h) integer boxes: overlap and non-maximum suppression."""

from __future__ import annotations

from core.records import Detection

Box = tuple[int, int, int, int]

FACE_ASPECT = 1.4  # a box around a whole face is at most this many times as wide as tall, or as tall as wide


def face_shaped(box: Box) -> bool:
    """Whether a box could hold a whole face (not res10's box on a half or a strip of one)."""
    return box[2] <= FACE_ASPECT * box[3] and box[3] <= FACE_ASPECT * box[2]


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes (0 when either is empty)."""
    ax1, ay1, bx1, by1 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = min(ax1, bx1) - max(a[0], b[0])
    ih = min(ay1, by1) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def overlap_of_smaller(a: Box, b: Box) -> float:
    """How much of the smaller box lies inside the other (1 when one holds the other; 0 when apart)."""
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    smaller = min(a[2] * a[3], b[2] * b[3])
    return iw * ih / smaller if smaller > 0 else 0.0


def nms(dets: list[Detection], threshold: float = 0.4, contain: float | None = None) -> list[Detection]:
    """Keep the best-scoring detection of each group overlapping by more than `threshold` IoU
    (or, with `contain`, lying more than that share inside one another: a part of a face and the face)."""
    kept: list[Detection] = []
    for d in sorted(dets, key=lambda d: -d.score):
        if all(iou(d.box, k.box) <= threshold and (contain is None or overlap_of_smaller(d.box, k.box) <= contain)
               for k in kept):
            kept.append(d)
    return kept


def square_around(box: Box, scale: float, frame_w: int, frame_h: int) -> Box:
    """A square `scale` times the box's larger side, centred on it, shifted to stay inside the frame."""
    x, y, w, h = box
    side = int(round(max(w, h) * scale))
    side = min(side, frame_w, frame_h)
    x0 = int(round(x + w / 2 - side / 2))
    y0 = int(round(y + h / 2 - side / 2))
    x0 = min(max(0, x0), frame_w - side)
    y0 = min(max(0, y0), frame_h - side)
    return (x0, y0, side, side)
