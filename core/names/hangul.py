"""Unicode's Hangul syllable arithmetic: 19 initials x 21 medials x 28 finals (0: none) from U+AC00."""

from __future__ import annotations

INITIALS, MEDIALS, FINALS = 19, 21, 28
_BASE = 0xAC00


def is_syllable(ch: str) -> bool:
    """Whether `ch` is one precomposed Hangul syllable."""
    return len(ch) == 1 and _BASE <= ord(ch) < _BASE + INITIALS * MEDIALS * FINALS


def jamo_of(ch: str) -> tuple[int, int, int]:
    """(initial, medial, final) indices of a Hangul syllable."""
    k = ord(ch) - _BASE
    return k // (MEDIALS * FINALS), (k // FINALS) % MEDIALS, k % FINALS


def syllable_of(initial: int, medial: int, final: int) -> str:
    """The syllable of three jamo indices."""
    return chr(_BASE + (int(initial) * MEDIALS + int(medial)) * FINALS + int(final))
