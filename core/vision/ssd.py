"""The res10 SSD's prior boxes, box decoding and non-maximum suppression, in numpy.

The ONNX detector (assets/detector/, made by training/convert_detector.py) ends at its twelve
head convolutions; what Caffe's PriorBox and DetectionOutput layers did after them is done
here, the same way OpenCV's implementation of those layers does it (prior order per cell,
CENTER_SIZE decoding with the variances, greedy NMS at 0.45 over the 400 best, 200 kept), so
the boxes are the Caffe path's. training/convert_detector.py checks these parameters against
the prototxt.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

# (head, min_size, max_size, aspect ratios besides 1 (each also flipped), step in input pixels)
HEADS: tuple[tuple[str, float, float, tuple[float, ...], float], ...] = (
    ("conv4_3_norm", 30.0, 60.0, (2.0,), 8.0),
    ("fc7", 60.0, 111.0, (2.0, 3.0), 16.0),
    ("conv6_2", 111.0, 162.0, (2.0, 3.0), 32.0),
    ("conv7_2", 162.0, 213.0, (2.0, 3.0), 64.0),
    ("conv8_2", 213.0, 264.0, (2.0,), 100.0),
    ("conv9_2", 264.0, 315.0, (2.0,), 300.0),
)
OUTPUTS = tuple(f"{kind}{i}" for i in range(len(HEADS)) for kind in ("loc", "conf"))
"""The ONNX graph's outputs: box offsets and class scores of each head, in HEADS order."""
OFFSET = 0.5
VARIANCE = (0.1, 0.1, 0.2, 0.2)
NMS_IOU = 0.45
TOP_K = 400
KEEP_TOP_K = 200
MIN_CONFIDENCE = 0.01


def _box_sizes(min_size: float, max_size: float, ratios: tuple[float, ...]) -> list[tuple[float, float]]:
    sizes = [(min_size, min_size), (math.sqrt(min_size * max_size),) * 2]
    for r in ratios:
        for ar in (r, 1.0 / r):
            sizes.append((min_size * math.sqrt(ar), min_size / math.sqrt(ar)))
    return sizes


@lru_cache(maxsize=32)
def priors(feature_sizes: tuple[tuple[int, int], ...], width: int, height: int) -> np.ndarray:
    """Prior boxes [N, 4] (centre x, centre y, width, height; relative to the input) for the heads' map sizes."""
    out = []
    for (_name, lo, hi, ratios, step), (fh, fw) in zip(HEADS, feature_sizes):
        sizes = np.array(_box_sizes(lo, hi, ratios), np.float32)  # [A, 2]
        cy, cx = np.meshgrid((np.arange(fh) + OFFSET) * step, (np.arange(fw) + OFFSET) * step, indexing="ij")
        cells = np.stack([cx.ravel(), cy.ravel()], 1).astype(np.float32)  # [H*W, 2], row by row
        x0 = (cells[:, None, 0] - sizes[None, :, 0] / 2) / width
        y0 = (cells[:, None, 1] - sizes[None, :, 1] / 2) / height
        x1 = (cells[:, None, 0] + sizes[None, :, 0] / 2) / width
        y1 = (cells[:, None, 1] + sizes[None, :, 1] / 2) / height
        corners = np.stack([x0, y0, x1, y1], -1).reshape(-1, 4)  # as PriorBox writes them, then to centre form
        out.append(np.stack([(corners[:, 0] + corners[:, 2]) / 2, (corners[:, 1] + corners[:, 3]) / 2,
                             corners[:, 2] - corners[:, 0], corners[:, 3] - corners[:, 1]], 1))
    return np.concatenate(out).astype(np.float32)


def _iou(box: np.ndarray, others: np.ndarray) -> np.ndarray:
    ix = np.clip(np.minimum(box[2], others[:, 2]) - np.maximum(box[0], others[:, 0]), 0, None)
    iy = np.clip(np.minimum(box[3], others[:, 3]) - np.maximum(box[1], others[:, 1]), 0, None)
    inter = ix * iy
    area = lambda b: np.clip(b[..., 2] - b[..., 0], 0, None) * np.clip(b[..., 3] - b[..., 1], 0, None)  # noqa: E731
    union = area(box) + area(others) - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def detections(heads: list[np.ndarray], width: int, height: int, min_score: float) -> np.ndarray:
    """Faces [K, 5] (score, x0, y0, x1, y1 relative to the input), best first, from the (loc, conf) head outputs.

    `heads` alternate loc [1, A*4, H, W] and conf [1, A*2, H, W] per head, in HEADS order;
    only faces scoring at least `min_score` are decoded (those below cannot suppress them).
    """
    locs, confs, sizes = [], [], []
    for loc, conf in zip(heads[0::2], heads[1::2]):
        sizes.append(tuple(loc.shape[2:]))
        locs.append(loc[0].transpose(1, 2, 0).reshape(-1, 4))
        confs.append(conf[0].transpose(1, 2, 0).reshape(-1, 2))
    conf = np.concatenate(confs)
    score = 1.0 / (1.0 + np.exp(conf[:, 0] - conf[:, 1]))  # softmax over (background, face)
    keep = np.flatnonzero((score > MIN_CONFIDENCE) & (score >= min_score))
    if keep.size == 0:
        return np.zeros((0, 5), np.float32)
    keep = keep[np.argsort(-score[keep], kind="stable")][:TOP_K]
    loc = np.concatenate(locs)[keep]
    prior = priors(tuple(sizes), width, height)[keep]
    cx = VARIANCE[0] * loc[:, 0] * prior[:, 2] + prior[:, 0]
    cy = VARIANCE[1] * loc[:, 1] * prior[:, 3] + prior[:, 1]
    w = np.exp(VARIANCE[2] * loc[:, 2]) * prior[:, 2]
    h = np.exp(VARIANCE[3] * loc[:, 3]) * prior[:, 3]
    boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 1)
    chosen: list[int] = []
    for i in range(len(keep)):
        if not chosen or float(_iou(boxes[i], boxes[chosen]).max()) <= NMS_IOU:
            chosen.append(i)
    chosen = chosen[:KEEP_TOP_K]
    return np.concatenate([score[keep][chosen, None], boxes[chosen]], 1).astype(np.float32)
