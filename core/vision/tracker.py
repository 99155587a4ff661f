"""Face identity across frames by IoU matching, with optional per-face temporal smoothing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.records import Detection
from core.vision.boxes import Box, iou


@dataclass
class Track:
    """A face followed across frames."""

    face_id: int
    box: Box
    last_time_s: float
    missed: int = 0
    probs: np.ndarray | None = None
    probs_time_s: float = 0.0


class IoUTracker:
    """Greedy IoU matching of each frame's detections to known faces; new faces get new ids.

    A face unseen for more than `max_missed` frames is forgotten; until then it keeps its id
    if it reappears nearby. Tracks are never reported without a detection in the same frame.
    """

    def __init__(self, iou_threshold: float = 0.3, max_missed: int = 15, smooth_half_life_s: float = 0.0) -> None:
        self.iou_threshold = iou_threshold
        self.max_missed = max_missed
        self.smooth_half_life_s = smooth_half_life_s
        self._tracks: list[Track] = []
        self._next_id = 1

    def reset(self) -> None:
        """Forget every face (new source, or a scene cut the caller knows of)."""
        self._tracks.clear()

    def update(self, detections: list[Detection], time_s: float) -> list[int]:
        """Assign a face id to each detection, in the order given."""
        pairs = sorted(
            ((iou(t.box, d.box), ti, di) for ti, t in enumerate(self._tracks) for di, d in enumerate(detections)),
            reverse=True,
        )
        track_of: dict[int, int] = {}
        used: set[int] = set()
        for score, ti, di in pairs:
            if score < self.iou_threshold:
                break
            if ti in used or di in track_of:
                continue
            used.add(ti)
            track_of[di] = ti
        ids = []
        for di, d in enumerate(detections):
            if di in track_of:
                t = self._tracks[track_of[di]]
                t.box, t.missed, t.last_time_s = d.box, 0, time_s
            else:
                t = Track(self._next_id, d.box, time_s)
                self._next_id += 1
                self._tracks.append(t)
                used.add(len(self._tracks) - 1)
            ids.append(t.face_id)
        for ti, t in enumerate(self._tracks):
            if ti not in used:
                t.missed += 1
        self._tracks = [t for t in self._tracks if t.missed <= self.max_missed]
        return ids

    def smooth(self, face_id: int, probs: np.ndarray, time_s: float) -> np.ndarray:
        """Exponentially smooth a face's probabilities over time (half-life in seconds; 0 = off)."""
        track = next((t for t in self._tracks if t.face_id == face_id), None)
        if track is None or self.smooth_half_life_s <= 0:
            return probs
        if track.probs is None:
            track.probs = probs.astype(np.float64)
        else:
            keep = 0.5 ** (max(0.0, time_s - track.probs_time_s) / self.smooth_half_life_s)
            track.probs = keep * track.probs + (1.0 - keep) * probs
        track.probs_time_s = time_s
        return (track.probs / track.probs.sum()).astype(probs.dtype)
