"""Records that cross threads: frames in, per-face and per-frame results out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Frame:
    """One decoded frame: its position in the source, its time in seconds, and BGR pixels."""

    index: int
    time_s: float
    image: np.ndarray
    captured_at: float = 0.0  # time.monotonic() when read, for latency measurement


@dataclass(frozen=True)
class Detection:
    """A face box in frame pixels (x, y, w, h), clipped to the frame, with detector confidence."""

    box: tuple[int, int, int, int]
    score: float


@dataclass(frozen=True)
class Attention:
    """A face's attention signals (core/attention): head pose in degrees, eye openness, held states.

    Every value is None when the face had no mesh to read them from (too small, or not seen as a face).
    """

    yaw: float | None = None  # positive: the face turns toward the picture's right
    pitch: float | None = None  # positive: the face turns up
    roll: float | None = None  # positive: the head tilts clockwise as seen
    eye_openness: float | None = None  # mean eye aspect ratio of both eyes
    eyes_closed: bool | None = None  # eyes closed for at least a second
    looking_away: bool | None = None  # head turned or down beyond the thresholds for at least a second
    yawning: bool | None = None  # mouth wide open for at least two seconds

    @property
    def measured(self) -> bool:
        """Whether there are readings (False: empty values, never a guess)."""
        return self.yaw is not None


@dataclass(frozen=True)
class FaceResult:
    """One face in one frame: identity across frames, box, and 7-class probabilities."""

    face_id: int
    box: tuple[int, int, int, int]
    det_score: float
    probs: np.ndarray  # [7] float, fixed class order, sums to 1
    name: str = ""  # what the teacher called this face (empty until named)
    text_probs: np.ndarray | None = None  # this student's own chat vector, when it differs from the frame's
    attention: Attention | None = None  # only when attention signals were asked for
    probs_age_s: float = 0.0  # how old `probs` are: 0 when this frame's crop was classified, else the reused one's age

    @property
    def dominant(self) -> int:
        """Index of the most probable class."""
        return int(np.argmax(self.probs))


@dataclass(frozen=True)
class FrameResult:
    """Everything the pipeline found in one frame (faces may be empty)."""

    index: int
    time_s: float
    faces: list[FaceResult] = field(default_factory=list)
    image: np.ndarray | None = None  # kept only for display; never written to disk
    captured_at: float = 0.0  # time.monotonic() when the frame was read
    text_probs: np.ndarray | None = None  # the chat's current (faded) 7-class vector, if any message yet

    def text_for(self, face: FaceResult) -> np.ndarray | None:
        """The chat vector this face is compared with: its student's own when they wrote, else the frame's."""
        return face.text_probs if face.text_probs is not None else self.text_probs
