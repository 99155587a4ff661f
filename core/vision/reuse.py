"""Classify a face again only when its crop changed: the CNN's work on still faces, done once.

Cost model: a 48x48 crop costs ~0.5-1.3 ms of CNN on two cores (batched or alone); comparing
it with the crop last classified for the same face costs a few microseconds. Students sit
still most of the time, so most of a gallery's crops are, pixel for pixel, the crop of a
moment ago.

Design: per face id, the crop last classified, its probabilities and when. A face's crop in
this frame reuses those probabilities only if its mean absolute grey-level difference from
that crop is at most `max_change` and they are at most `max_age_s` old; otherwise it is
classified again.

Faces move: a student drifts a fraction of a pixel a frame, the follower places the box to
about a pixel, and a detector confirmation boxes the face a few pixels differently. The crop
is then the same face shifted by a pixel or three, which differs from the last one by far more
than `max_change` at the edges of features, though nothing about the face changed. So when
the plain difference is too large, the crop is aligned first: the middle of the new crop is
looked for in the last one within `align` pixels (sum of squared differences; ~0.05 ms), and
the difference is taken where the two overlap once aligned, both shrunk by _COARSE: camera
noise and video compression, new in every frame, change a 48x48 crop by 2-5 grey levels on
average, and averaging 3x3 pixels takes most of that away. A new expression changes the
mouth, the eyes, the brows in place, which no shift undoes: it still differs by tens of grey
levels (another FER2013 face: 30 or more; a mouth opened on one face: ~6). A new expression changes the crop at once (far more than `max_change`), and
no classification is ever reused for longer than `max_age_s`, however slowly the face changes.
A scene cut or a reset forgets everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from core.vision.boxes import Box
from core.vision.preprocess import crop_face


_COARSE = 6  # aligned crops are compared at 1/6 scale, where a frame's sensor noise averages out


@dataclass
class _Classified:
    crop: np.ndarray  # [48, 48] int16, the crop the probabilities were computed from
    probs: np.ndarray
    time_s: float
    size: tuple[int, int] | None = None  # the box's width and height it was cut from


class ClassificationReuse:
    """Decides which crops of a frame need the CNN, and remembers what it said about the others."""

    def __init__(self, max_change: float = 3.0, max_age_s: float = 0.2, align: int = 3) -> None:
        self.max_change = max_change
        self.max_age_s = max_age_s
        self.align = align  # pixels of the 48x48 crop a face may have shifted by (0: compare in place only)
        self._last: dict[int, _Classified] = {}
        self.reused = 0  # crops answered from memory
        self.aligned = 0  # of those, crops that matched only once aligned
        self.classified = 0  # crops sent to the CNN

    @property
    def enabled(self) -> bool:
        """Whether anything is ever reused (max_age_s > 0)."""
        return self.max_age_s > 0

    def reset(self) -> None:
        """Forget every face (a new source or a scene cut)."""
        self._last.clear()

    def plan(self, face_ids: list[int], crops: np.ndarray, time_s: float, boxes: list[Box] | None = None,
             gray: np.ndarray | None = None) -> tuple[list[int], list[tuple[np.ndarray, float] | None]]:
        """Which crops need the CNN (their indices) and, for each face, (probabilities, age in s) or None.

        With the faces' `boxes` and the grey frame they were cut from, a face whose box changed
        size since its last classification (a detector confirmation) is compared as cut from a
        box of the old size at its new centre: the same scale, so that alignment can match it.
        """
        answers: list[tuple[np.ndarray, float] | None] = [None] * len(face_ids)
        todo = []
        for i, fid in enumerate(face_ids):
            last = self._last.get(fid) if self.enabled else None
            age = time_s - last.time_s if last is not None else 0.0
            crop = crops[i]
            if last is not None and boxes is not None and gray is not None and last.size is not None and \
                    tuple(boxes[i][2:]) != last.size:
                x, y, w, h = boxes[i]
                lw, lh = last.size
                crop = crop_face(gray, (round(x + (w - lw) / 2), round(y + (h - lh) / 2), lw, lh))
            if last is not None and 0.0 <= age <= self.max_age_s and self._same(crop, last.crop):
                answers[i] = (last.probs, age)
            else:
                todo.append(i)
        self.reused += len(face_ids) - len(todo)
        self.classified += len(todo)
        return todo, answers

    def _same(self, crop: np.ndarray, last: np.ndarray) -> bool:
        """Whether `crop` is the face of `last` (int16) unchanged: in place, or shifted and seen through noise."""
        now = crop.astype(np.int16)
        if float(np.abs(now - last).mean()) <= self.max_change:
            return True
        a = self.align
        if a <= 0:
            return False
        middle = crop[a:-a, a:-a]
        scores = cv2.matchTemplate(last.astype(np.uint8), middle, cv2.TM_SQDIFF)
        _, _, (dx, dy), _ = cv2.minMaxLoc(scores)
        h, w = middle.shape
        side = (w // _COARSE, h // _COARSE)
        coarse_now = cv2.resize(middle, side, interpolation=cv2.INTER_AREA).astype(np.int16)
        coarse_then = cv2.resize(last[dy : dy + h, dx : dx + w].astype(np.uint8), side, interpolation=cv2.INTER_AREA)
        same = float(np.abs(coarse_now - coarse_then).mean()) <= self.max_change
        self.aligned += same
        return same

    def remember(self, face_ids: list[int], crops: np.ndarray, probs: np.ndarray, time_s: float,
                 boxes: list[Box] | None = None) -> None:
        """Keep what the CNN said about these crops (cut from `boxes`); faces not seen for a while are dropped."""
        if not self.enabled:
            return
        for i, (fid, crop, p) in enumerate(zip(face_ids, crops, probs)):
            size = tuple(boxes[i][2:]) if boxes is not None else None
            self._last[fid] = _Classified(crop.astype(np.int16), p, time_s, size)
        if len(self._last) > 4 * max(1, len(face_ids)) + 64:
            self._last = {k: v for k, v in self._last.items() if time_s - v.time_s <= self.max_age_s}
