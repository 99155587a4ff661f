"""Held states: a reading counts as eyes closed, looking away or a yawn only once it has lasted.

A blink closes the eyes for a tenth of a second, a glance at notes turns the head for half a
second, speech opens the mouth in bursts; none of these is what a teacher means. So each
condition must hold without a break for its hold time before the state turns on, and turns off
at the first reading without it. A face unseen for longer than `MAX_GAP_S` starts again: its
held time does not bridge the gap.
"""

from __future__ import annotations

from dataclasses import dataclass

EYES_CLOSED_EAR = 0.17  # eye aspect ratio below which the eyes are closed (about FER2013's 5th percentile)
AWAY_YAW_DEG = 30.0  # |yaw| beyond this: turned away from the screen
AWAY_PITCH_DOWN_DEG = -25.0  # pitch below this: head down (a webcam above the screen sees about -10 while reading it)
AWAY_PITCH_UP_DEG = 25.0  # pitch above this: head up, off the screen
YAWN_MOUTH = 0.6  # inner-lip gap over mouth width beyond which the mouth is wide open
EYES_HOLD_S = 1.0
AWAY_HOLD_S = 1.0
YAWN_HOLD_S = 2.0
MAX_GAP_S = 1.0


def looks_away(yaw: float, pitch: float) -> bool:
    """Whether a head pose is beyond the looking-away thresholds."""
    return abs(yaw) > AWAY_YAW_DEG or pitch < AWAY_PITCH_DOWN_DEG or pitch > AWAY_PITCH_UP_DEG


class HeldCondition:
    """A condition that is on once it has held for `hold_s` seconds of readings."""

    def __init__(self, hold_s: float, max_gap_s: float = MAX_GAP_S) -> None:
        self.hold_s, self.max_gap_s = hold_s, max_gap_s
        self._since: float | None = None
        self._last: float | None = None

    def update(self, t: float, condition: bool) -> bool:
        """Feed one reading at time `t` seconds; returns whether the state is on."""
        if self._last is not None and (t - self._last > self.max_gap_s or t < self._last):
            self._since = None
        self._last = t
        if not condition:
            self._since = None
            return False
        if self._since is None:
            self._since = t
        return t - self._since >= self.hold_s - 1e-9


@dataclass
class FaceStates:
    """The three held states of one face."""

    eyes: HeldCondition
    away: HeldCondition
    yawn: HeldCondition

    @classmethod
    def new(cls) -> FaceStates:
        """Fresh states with the standard hold times."""
        return cls(HeldCondition(EYES_HOLD_S), HeldCondition(AWAY_HOLD_S), HeldCondition(YAWN_HOLD_S))

    def update(self, t: float, ear: float, yaw: float, pitch: float, mouth: float) -> tuple[bool, bool, bool]:
        """(eyes closed, looking away, yawning) after one reading."""
        return (self.eyes.update(t, ear < EYES_CLOSED_EAR), self.away.update(t, looks_away(yaw, pitch)),
                self.yawn.update(t, mouth > YAWN_MOUTH))
