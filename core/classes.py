"""The seven emotion classes, in the one order used everywhere (models, CSV, GUI), and their colours."""

from __future__ import annotations

EMOTIONS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise")
NUM_CLASSES: int = len(EMOTIONS)

# The fixed colour of each class: bars, timeline and face labels in the window, plots in the report.
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
