"""The seven emotion classes, in the one order used everywhere (models, CSV, GUI)."""

from __future__ import annotations

EMOTIONS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise")
NUM_CLASSES: int = len(EMOTIONS)
