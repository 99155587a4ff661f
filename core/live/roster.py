"""The class at a glance, no Qt: each student's current emotion, how long it has lasted, presence,
and the class mood (share of students in each dominant emotion) over the last minutes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from core.classes import EMOTIONS, NUM_CLASSES
from core.names.names import clean_name
from core.records import Attention, FrameResult

MOOD_WINDOW_S = 300.0  # the mood strip shows the last 5 minutes
MOOD_STEP_S = 1.0  # one mood sample a second
SORT_KEYS = ("id", "not seen", *EMOTIONS)


@dataclass
class StudentState:
    """One student (a face id) as the class view shows it."""

    face_id: int
    name: str
    probs: np.ndarray
    dominant: int
    dominant_since_s: float
    first_seen_s: float
    last_seen_s: float
    attention: Attention | None = None  # the latest attention signals, when they are on
    camera_off: bool = False  # not on camera, but their tile shows their name: present without video

    def label(self) -> str:
        """The student's name (typed, or read off their tile), else '#id'."""
        return self.name or f"#{self.face_id}"

    def unseen_s(self, now_s: float) -> float:
        """Seconds since the face was last found (0 while on camera)."""
        return max(0.0, now_s - self.last_seen_s)


class ClassRoster:
    """Follows every face of the results it is given; `students(now, sort)` lists them for display."""

    def __init__(self, present_within_s: float = 1.0) -> None:
        self.present_within_s = present_within_s
        self._students: dict[int, StudentState] = {}
        self.names: dict[int, str] = {}  # typed by the teacher; a face's own (tile) name fills the rest
        self.camera_off_names: list[str] = []  # participants on screen by name only, not a student seen
        self.mood: deque[tuple[float, np.ndarray]] = deque(maxlen=int(MOOD_WINDOW_S / MOOD_STEP_S) + 1)
        self.looking: deque[tuple[float, float]] = deque(maxlen=int(MOOD_WINDOW_S / MOOD_STEP_S) + 1)
        self._last_mood_s = -np.inf
        self.now_s = 0.0

    def clear(self) -> None:
        """Forget everyone (a new source); names typed for ids are kept, ids are never reused."""
        self._students.clear()
        self.mood.clear()
        self.looking.clear()
        self._last_mood_s = -np.inf

    def set_name(self, face_id: int, name: str) -> None:
        """Name a face (an empty name removes it)."""
        name = clean_name(name)  # no bidi overrides or control characters, at most 100
        if name:
            self.names[face_id] = name
        else:
            self.names.pop(face_id, None)
        if face_id in self._students:
            self._students[face_id].name = name

    def update(self, result: FrameResult) -> None:
        """Take one analysed frame."""
        t = result.time_s
        self.now_s = max(self.now_s, t)
        for face in result.faces:
            dom = face.dominant
            s = self._students.get(face.face_id)
            if s is None:
                s = StudentState(face.face_id, self.names.get(face.face_id, ""), face.probs, dom, t, t, t)
                self._students[face.face_id] = s
            elif dom != s.dominant:
                s.dominant, s.dominant_since_s = dom, t
            s.probs, s.last_seen_s, s.attention, s.camera_off = face.probs, t, face.attention, False
            if face.face_id not in self.names and face.name:
                s.name = face.name
        if t - self._last_mood_s >= MOOD_STEP_S:
            self._last_mood_s = t
            self.mood.append((t, self.mood_now()))
            self.looking.append((t, self.looking_now()))

    def set_camera_off(self, names: Iterable[str]) -> None:
        """Participants whose tiles show only their names now: a student seen before is marked camera-off
        (present); the others are listed by `camera_off_names`."""
        names = [n for n in dict.fromkeys(names) if n]
        known = {s.name: s for s in self._students.values() if s.name}
        for s in self._students.values():
            s.camera_off = s.name in names and s.unseen_s(self.now_s) > self.present_within_s
        self.camera_off_names = [n for n in names if n not in known]

    def present(self) -> list[StudentState]:
        """Students found within the last `present_within_s` seconds."""
        return [s for s in self._students.values() if s.unseen_s(self.now_s) <= self.present_within_s]

    def mood_now(self) -> np.ndarray:
        """Share of present students in each dominant emotion (zeros when nobody is there)."""
        counts = np.zeros(NUM_CLASSES)
        for s in self.present():
            counts[s.dominant] += 1
        return counts / counts.sum() if counts.sum() else counts

    def looking_now(self) -> float:
        """Share of present students with attention values who look at the screen with eyes open (NaN: none measured)."""
        measured = [s.attention for s in self.present() if s.attention is not None and s.attention.measured]
        if not measured:
            return float("nan")
        return sum(not (a.looking_away or a.eyes_closed) for a in measured) / len(measured)

    def looking_series(self) -> tuple[np.ndarray, np.ndarray]:
        """(seconds before now, share looking at the screen) over the mood window, oldest first."""
        if not self.looking:
            return np.zeros(0), np.zeros(0)
        return np.array([t for t, _ in self.looking]) - self.now_s, np.array([v for _, v in self.looking])

    def mood_series(self) -> tuple[np.ndarray, np.ndarray]:
        """(seconds before now, [T, 7] shares) over the mood window, oldest first."""
        if not self.mood:
            return np.zeros(0), np.zeros((0, NUM_CLASSES))
        times = np.array([t for t, _ in self.mood]) - self.now_s
        return times, np.stack([m for _, m in self.mood])

    def get(self, face_id: int) -> StudentState | None:
        """One student's state, if seen."""
        return self._students.get(face_id)

    def students(self, sort: str = "id") -> list[StudentState]:
        """Every student seen since the source opened, sorted by id, by 'not seen' (longest first)
        or by the probability of an emotion (highest first)."""
        everyone = list(self._students.values())
        if sort == "id":
            return sorted(everyone, key=lambda s: s.face_id)
        if sort == "not seen":
            return sorted(everyone, key=lambda s: (-s.unseen_s(self.now_s), s.face_id))
        if sort in EMOTIONS:
            i = EMOTIONS.index(sort)
            return sorted(everyone, key=lambda s: (-float(s.probs[i]), s.face_id))
        raise ValueError(f"unknown sort {sort!r}: choose one of {', '.join(SORT_KEYS)}")
