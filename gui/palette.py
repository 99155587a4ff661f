"""Fixed colours of the seven classes, the same in bars, timeline and face labels."""

from __future__ import annotations

from core.classes import EMOTIONS

EMOTION_COLORS: dict[str, str] = {
    "angry": "#d62728",
    "disgust": "#8c564b",
    "fear": "#9467bd",
    "happy": "#f2b701",
    "neutral": "#7f7f7f",
    "sad": "#1f77b4",
    "surprise": "#17becf",
}
assert tuple(EMOTION_COLORS) == EMOTIONS
