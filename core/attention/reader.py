"""Attention signals for every face of a frame, staggered over frames in a gallery so the frame rate holds.

Cost model: a face costs one mesh pass while it is followed (about 2 ms of CPU time on one
thread), two when it is new or jumped (about 4 ms), plus under 0.2 ms for pose and eyes. One
face every frame therefore fits in 5 ms. A gallery of 45 faces would cost 90-180 ms a frame,
more than detection and classification together, so there:

* **A time budget**: the faces read in a frame may take at most `cost_share` of the frame's
  period (measured, as a moving average of the time between frames), so analysed frames/s stay
  at about 1 - cost_share of what they were without attention (85% at the default 0.15, a
  margin over the 80% aimed at: per-face time varies, and a frame's other work with it).
* **Oldest first**: the faces read are the ones whose reading is oldest; a new face is read at
  once. Each face's reading is carried on the frames between, for at most `max_age_s`; after
  that its values are empty rather than stale.
* **What each face gets**: k faces read a frame out of N, at F frames/s, is k F / N readings a
  second per face; `update_hz` says what each face got (the benchmark checks it against 3).

Held states (eyes closed, looking away, yawning) advance only on a face's own readings; a
reading every 1/3 s is enough to time a 1-second hold.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from core.attention.eyes import eye_openness, mouth_opening
from core.attention.mesh import FaceMesh, Roi, landmark_roi
from core.attention.pose import head_pose
from core.attention.states import FaceStates
from core.records import Attention, FaceResult, Frame

EMPTY = Attention()


@dataclass
class _Face:
    """What the reader keeps per face id between frames."""

    states: FaceStates
    roi: Roi | None = None
    last: Attention = EMPTY
    read_at: float = -math.inf  # frame time of the last reading
    readings: int = 0
    first_at: float = 0.0


class AttentionReader:
    """Adds an `Attention` to each FaceResult of a frame (the FrameAnalyzer's optional last step)."""

    def __init__(self, mesh: FaceMesh, cost_share: float = 0.15, max_age_s: float = 1.0,
                 clock=time.perf_counter) -> None:
        self.mesh = mesh
        self.cost_share, self.max_age_s = cost_share, max_age_s
        self._clock = clock
        self._faces: dict[int, _Face] = {}
        self._period: float | None = None  # moving average of the wall time between frames
        self._per_face: float | None = None  # moving average of the wall time of one face's reading
        self._last_call: float | None = None

    def fresh(self) -> AttentionReader:
        """A reader sharing the loaded mesh network, with no faces yet."""
        return AttentionReader(self.mesh, self.cost_share, self.max_age_s, self._clock)

    def reset(self) -> None:
        """Forget every face (a new source)."""
        self._faces.clear()
        self._period = self._last_call = None

    def read(self, image: np.ndarray, box: tuple[int, int, int, int], t: float, face: _Face) -> Attention:
        """One reading of one face now: mesh, pose, eyes, and its held states advanced."""
        mesh = self.mesh.run(image, box, face.roi)
        face.roi = landmark_roi(mesh.points) if mesh is not None else None  # where it is next frame, nearly
        pose = head_pose(mesh.points) if mesh is not None else None
        if pose is None:
            return EMPTY
        ear = eye_openness(mesh.points)
        closed, away, yawn = face.states.update(t, ear, pose.yaw, pose.pitch, mouth_opening(mesh.points))
        return Attention(round(pose.yaw, 1), round(pose.pitch, 1), round(pose.roll, 1), round(ear, 3),
                         closed, away, yawn)

    def _budget(self, n: int) -> int:
        """How many faces to read in this frame."""
        if self._period is None or self._per_face is None:
            return n
        return max(1, min(n, int(self.cost_share * self._period / self._per_face)))

    def apply(self, frame: Frame, faces: list[FaceResult]) -> list[FaceResult]:
        """The faces with their attention: fresh for those read now, carried (or empty when too old) for the rest."""
        now = self._clock()
        if self._last_call is not None:
            dt = now - self._last_call
            self._period = dt if self._period is None else 0.9 * self._period + 0.1 * dt
        self._last_call = now
        t = frame.time_s
        seen = {f.face_id for f in faces}
        for fid in [k for k in self._faces if k not in seen]:
            if t - self._faces[fid].read_at > self.max_age_s:
                del self._faces[fid]
        states = [self._faces.setdefault(f.face_id, _Face(FaceStates.new(), first_at=t)) for f in faces]
        order = sorted(range(len(faces)), key=lambda k: states[k].read_at)
        chosen = order[: self._budget(len(faces))]
        start = self._clock()
        for k in chosen:
            face = states[k]
            face.last, face.read_at = self.read(frame.image, faces[k].box, t, face), t
            face.readings += 1
        if chosen:
            per = (self._clock() - start) / len(chosen)
            self._per_face = per if self._per_face is None else 0.8 * self._per_face + 0.2 * per
        out = []
        for f, face in zip(faces, states):
            fresh_enough = t - face.read_at <= self.max_age_s
            out.append(replace(f, attention=face.last if fresh_enough else EMPTY))
        return out

    def update_hz(self, face_id: int, t: float) -> float:
        """Readings a second this face has had since it was first seen (0 for an unknown face)."""
        face = self._faces.get(face_id)
        if face is None or t <= face.first_at:
            return 0.0
        return face.readings / (t - face.first_at)


def load_reader(path: str | None = None) -> tuple[AttentionReader | None, str | None]:
    """An AttentionReader with the shipped mesh, or (None, a one-line warning naming the file) when it
    is missing or unreadable: attention is then off and everything else works."""
    from core.attention.mesh import MeshError

    try:
        return AttentionReader(FaceMesh(path)), None
    except MeshError as e:
        return None, f"attention signals off: {e}"
