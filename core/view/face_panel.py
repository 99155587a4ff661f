"""What the window shows for the selected face in one result: its bars, title, face–text congruence and attention."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.records import Attention, FaceResult, FrameResult
from core.text.congruence import congruence, dominant_agrees

LOOKING = "looking"  # at the screen, eyes open
LOOKING_AWAY = "looking_away"
EYES_CLOSED = "eyes_closed"
UNMEASURED = "unmeasured"  # face too small or not seen


@dataclass(frozen=True)
class AttentionReading:
    """The selected face's attention as the window says it: a state code and the numbers behind it."""

    state: str
    yaw: int = 0
    pitch: int = 0
    eyes: float = 0.0

    @property
    def series(self) -> np.ndarray | None:
        """(looking at the screen, eyes open) as 0/1 for the attention strip; None when unmeasured."""
        if self.state == UNMEASURED:
            return None
        return np.array([0.0 if self.state == LOOKING_AWAY else 1.0, 0.0 if self.state == EYES_CLOSED else 1.0])


def attention_reading(attention: Attention | None) -> AttentionReading:
    """One face's attention signals as a reading (eyes closed is said before looking away)."""
    if attention is None or not attention.measured:
        return AttentionReading(UNMEASURED)
    state = EYES_CLOSED if attention.eyes_closed else LOOKING_AWAY if attention.looking_away else LOOKING
    return AttentionReading(state, round(attention.yaw), round(attention.pitch), float(attention.eye_openness))


@dataclass(frozen=True)
class CongruenceReading:
    """How the selected face and its chat text agree: the value, and whether their dominant classes agree."""

    value: float
    agree: bool


@dataclass(frozen=True)
class FaceView:
    """The selected face in one result; `face_id` None when no selected face is in it."""

    time_s: float
    face_id: int | None = None
    name: str = ""
    probs: np.ndarray | None = None
    congruence: CongruenceReading | None = None
    attention: AttentionReading | None = None  # only while attention signals are on


def face_view(result: FrameResult, face: FaceResult | None, attention_on: bool) -> FaceView:
    """What the face column shows for `face` (the selected one, None when absent) in `result`."""
    attention = attention_reading(face.attention if face is not None else None) if attention_on else None
    if face is None:
        return FaceView(result.time_s, attention=attention)
    text = result.text_for(face)
    agreement = None if text is None else CongruenceReading(congruence(face.probs, text),
                                                            dominant_agrees(face.probs, text))
    return FaceView(result.time_s, face.face_id, face.name, face.probs, agreement, attention)
