"""Emotion probabilities as EmoSync writes them: PROB_DECIMALS decimals whose values sum to exactly 1."""

from __future__ import annotations

import numpy as np

PROB_DECIMALS = 4


def probability_units(probs: np.ndarray, decimals: int = PROB_DECIMALS) -> np.ndarray:
    """The vector in units of 10**-decimals, summing to exactly 10**decimals.

    Largest-remainder rounding: plain rounding of seven values can miss 1 by a few units in
    the last place, which trips anyone who checks the sum.
    """
    scale = 10**decimals
    p = np.clip(np.asarray(probs, dtype=np.float64), 0.0, None)
    total = p.sum()
    p = p / total if total > 0 else np.full(len(p), 1.0 / len(p))
    raw = p * scale
    units = np.floor(raw).astype(np.int64)
    short = scale - int(units.sum())
    for i in np.argsort(-(raw - units), kind="stable")[:short]:
        units[i] += 1
    return units


def format_probs(probs: np.ndarray, decimals: int = PROB_DECIMALS) -> list[str]:
    """Probabilities as fixed-point strings whose decimal values sum to exactly 1."""
    scale = 10**decimals
    return [f"{u // scale}.{u % scale:0{decimals}d}" for u in probability_units(probs, decimals)]


def as_written(probs: np.ndarray, decimals: int = PROB_DECIMALS) -> np.ndarray:
    """The vector exactly as a timeline or chat log holds it (what a reader of the file gets back)."""
    return probability_units(probs, decimals) / 10**decimals
