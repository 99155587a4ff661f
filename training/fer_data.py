"""FER2013 `.npz` loading and batched on-the-fly augmentation for training."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from core.classes import EMOTIONS
from core.vision.preprocess import FACE_SIZE, normalize


def load_npz(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Load (images [N,48,48] uint8, labels [N] int64) from a FER2013 `.npz`, checking class order."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such dataset file: {path}")
    with np.load(path, allow_pickle=False) as d:
        missing = {"images", "labels"} - set(d.files)
        if missing:
            raise ValueError(f"{path} lacks arrays: {', '.join(sorted(missing))}")
        images, labels = d["images"], d["labels"].astype(np.int64)
        if "classes" in d.files and tuple(str(c) for c in d["classes"]) != EMOTIONS:
            raise ValueError(f"{path} has class order {list(d['classes'])}, expected {list(EMOTIONS)}")
    if images.dtype != np.uint8 or images.shape[1:] != (FACE_SIZE, FACE_SIZE):
        raise ValueError(f"{path}: expected uint8 images of {FACE_SIZE}x{FACE_SIZE}, got {images.dtype} {images.shape}")
    if len(images) != len(labels) or labels.min() < 0 or labels.max() >= len(EMOTIONS):
        raise ValueError(f"{path}: labels do not match images or lie outside 0..{len(EMOTIONS) - 1}")
    return images, labels


def to_tensor(images: np.ndarray) -> torch.Tensor:
    """Normalise uint8 crops exactly as inference does and return a float tensor [N,1,48,48]."""
    return torch.from_numpy(normalize(images))


class Augmenter:
    """Random flip, affine jitter, brightness/contrast and random erasing on a normalised batch."""

    def __init__(
        self,
        rotate_deg: float = 10.0,
        scale: tuple[float, float] = (0.9, 1.1),
        shift: float = 0.08,
        erase_p: float = 0.5,
        generator: torch.Generator | None = None,
    ) -> None:
        self.rotate = math.radians(rotate_deg)
        self.scale = scale
        self.shift = shift
        self.erase_p = erase_p
        self.g = generator

    def _rand(self, n: int, lo: float, hi: float) -> torch.Tensor:
        return torch.rand(n, generator=self.g) * (hi - lo) + lo

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Return an augmented copy of x [N,1,H,W]."""
        n, _, h, w = x.shape
        ang = self._rand(n, -self.rotate, self.rotate)
        s = self._rand(n, *self.scale)
        flip = torch.where(torch.rand(n, generator=self.g) < 0.5, -1.0, 1.0)
        cos, sin = torch.cos(ang) / s, torch.sin(ang) / s
        theta = torch.zeros(n, 2, 3)
        theta[:, 0, 0] = cos * flip
        theta[:, 0, 1] = -sin
        theta[:, 1, 0] = sin * flip
        theta[:, 1, 1] = cos
        theta[:, :, 2] = self._rand(2 * n, -2 * self.shift, 2 * self.shift).view(n, 2)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
        contrast = self._rand(n, 0.8, 1.2).view(n, 1, 1, 1)
        bright = self._rand(n, -0.3, 0.3).view(n, 1, 1, 1)
        out = out * contrast + bright
        return self._erase(out)

    def _erase(self, x: torch.Tensor) -> torch.Tensor:
        n, _, h, w = x.shape
        area = self._rand(n, 0.02, 0.2) * h * w
        aspect = torch.exp(self._rand(n, math.log(0.3), math.log(3.3)))
        eh = (area * aspect).sqrt().clamp(1, h).long()
        ew = (area / aspect).sqrt().clamp(1, w).long()
        y0 = (torch.rand(n, generator=self.g) * (h - eh + 1)).long()
        x0 = (torch.rand(n, generator=self.g) * (w - ew + 1)).long()
        ys = torch.arange(h).view(1, h, 1)
        xs = torch.arange(w).view(1, 1, w)
        in_y = (ys >= y0.view(n, 1, 1)) & (ys < (y0 + eh).view(n, 1, 1))
        in_x = (xs >= x0.view(n, 1, 1)) & (xs < (x0 + ew).view(n, 1, 1))
        box = in_y & in_x & (torch.rand(n, generator=self.g) < self.erase_p).view(n, 1, 1)
        return x.masked_fill(box.unsqueeze(1), 0.0)
