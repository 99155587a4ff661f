"""What a real camera adds to a generated clip: faces that drift by fractions of a pixel, and sensor noise.

A face pasted at whole-pixel positions is, between moves, the same pixels frame after frame;
a student in front of a webcam never is: the head drifts a fraction of a pixel a frame (the
face resampled at a sub-pixel offset), and each camera adds its own noise, fresh every frame.
The clips are then MPEG-4 encoded (their writers), which adds block artefacts that change
with the motion too.
"""

from __future__ import annotations

import cv2
import numpy as np


def paste_subpixel(frame: np.ndarray, face: np.ndarray, x: float, y: float) -> tuple[int, int, int, int]:
    """Paste a grey `face` at the fractional top-left (x, y), resampled bilinearly; its whole-pixel box."""
    h, w = face.shape[:2]
    ix, iy = int(np.floor(x)), int(np.floor(y))
    shift = np.float32([[1, 0, x - ix], [0, 1, y - iy]])
    region = frame[iy : iy + h + 1, ix : ix + w + 1]
    moved = cv2.warpAffine(face, shift, (region.shape[1], region.shape[0]), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_TRANSPARENT, dst=cv2.cvtColor(region, cv2.COLOR_BGR2GRAY))
    region[:] = moved[..., None]
    return int(round(x)), int(round(y)), w, h


def drift(t: int, amplitude: tuple[float, float], period: tuple[float, float], phase: tuple[float, float]
          ) -> tuple[float, float]:
    """A slow sway about a resting place at frame `t` (periods in frames): at most 2*pi*A/T pixels a frame."""
    return (amplitude[0] * np.sin(2 * np.pi * t / period[0] + phase[0]),
            amplitude[1] * np.sin(2 * np.pi * t / period[1] + phase[1]))


class SensorNoise:
    """Fresh-looking Gaussian noise every frame, its strength set per region (one camera per tile)."""

    def __init__(self, height: int, width: int, regions: list[tuple[int, int, int, int]] | None = None,
                 sigma: tuple[float, float] = (1.5, 4.0), bank: int = 12, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        strength = np.full((height, width, 1), float(np.mean(sigma)), np.float32)
        for x, y, w, h in regions or []:
            strength[y : y + h, x : x + w] = rng.uniform(*sigma)
        # a bank of fields picked at random offsets stands in for new noise each frame, at a fraction of its cost
        self._bank = [(rng.standard_normal((height + 16, width + 16, 1), np.float32) * np.pad(
            strength, ((0, 16), (0, 16), (0, 0)), mode="edge")).astype(np.int16) for _ in range(bank)]
        self._rng = rng
        self._shape = (height, width)

    def apply(self, frame: np.ndarray) -> np.ndarray:
        """The frame with this frame's noise added (a new array)."""
        h, w = self._shape
        field = self._bank[int(self._rng.integers(len(self._bank)))]
        dy, dx = (int(v) for v in self._rng.integers(0, 16, 2))
        noisy = frame.astype(np.int16) + field[dy : dy + h, dx : dx + w]
        return np.clip(noisy, 0, 255).astype(np.uint8)
