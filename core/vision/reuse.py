"""Classify a face again only when its crop changed: the CNN's work on still faces, done once.

Cost model: a 48x48 crop costs ~0.5-1.3 ms of CNN on two cores (batched or alone); comparing
it with the crop last classified for the same face costs a few microseconds. Students sit
still most of the time, so most of a gallery's crops are, pixel for pixel, the crop of a
moment ago.

Design: per face id, the crop last classified, its probabilities and when. A face's crop in
this frame reuses those probabilities only if its mean absolute grey-level difference from
that crop is at most `max_change` and they are at most `max_age_s` old; otherwise it is
classified again. A new expression changes the crop at once (far more than `max_change`), and
no classification is ever reused for longer than `max_age_s`, however slowly the face changes.
A scene cut or a reset forgets everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class _Classified:
    crop: np.ndarray  # [48, 48] uint8, the crop the probabilities were computed from
    probs: np.ndarray
    time_s: float


class ClassificationReuse:
    """Decides which crops of a frame need the CNN, and remembers what it said about the others."""

    def __init__(self, max_change: float = 3.0, max_age_s: float = 0.2) -> None:
        self.max_change = max_change
        self.max_age_s = max_age_s
        self._last: dict[int, _Classified] = {}
        self.reused = 0  # crops answered from memory
        self.classified = 0  # crops sent to the CNN

    @property
    def enabled(self) -> bool:
        """Whether anything is ever reused (max_age_s > 0)."""
        return self.max_age_s > 0

    def reset(self) -> None:
        """Forget every face (a new source or a scene cut)."""
        self._last.clear()

    def plan(self, face_ids: list[int], crops: np.ndarray, time_s: float) -> tuple[list[int], list[tuple[np.ndarray, float]
                                                                                                 | None]]:
        """Which crops need the CNN (their indices) and, for each face, (probabilities, age in s) or None."""
        answers: list[tuple[np.ndarray, float] | None] = [None] * len(face_ids)
        todo = []
        for i, fid in enumerate(face_ids):
            last = self._last.get(fid) if self.enabled else None
            age = time_s - last.time_s if last is not None else 0.0
            if last is not None and 0.0 <= age <= self.max_age_s and \
                    float(np.abs(crops[i].astype(np.int16) - last.crop).mean()) <= self.max_change:
                answers[i] = (last.probs, age)
            else:
                todo.append(i)
        self.reused += len(face_ids) - len(todo)
        self.classified += len(todo)
        return todo, answers

    def remember(self, face_ids: list[int], crops: np.ndarray, probs: np.ndarray, time_s: float) -> None:
        """Keep what the CNN said about these crops; faces not seen for a while are dropped."""
        if not self.enabled:
            return
        for fid, crop, p in zip(face_ids, crops, probs):
            self._last[fid] = _Classified(crop.astype(np.int16), p, time_s)
        if len(self._last) > 4 * max(1, len(face_ids)) + 64:
            self._last = {k: v for k, v in self._last.items() if time_s - v.time_s <= self.max_age_s}
