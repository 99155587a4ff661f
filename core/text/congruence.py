"""Face–text congruence: how alike two 7-class emotion vectors are, with the text fading over time.

Similarity is 1 − the Jensen–Shannon distance (base 2): symmetric, defined for any pair of
probability vectors (zeros included), exactly 1 for identical vectors and exactly 0 for
vectors with disjoint support such as two different one-hots. Cosine similarity was not
chosen because between probability vectors it depends on how peaked they are, not only on
how much their mass overlaps.

Congruence, wherever it is shown or written (timeline, chat log, the window), is `congruence()`:
the similarity of the two vectors as the files hold them (4 decimals), so a reader of a file, or
a batch that adds a chat to a finished timeline, recomputes exactly the value written.

A message's evidence fades: `weight = 0.5 ** (age / half_life)`, and the text vector used
is `weight * text + (1 − weight) * uniform`, so an old message says ever less.
"""

from __future__ import annotations

import numpy as np

from core.classes import NUM_CLASSES
from core.probabilities import as_written

DEFAULT_HALF_LIFE_S = 30.0
_UNIFORM = np.full(NUM_CLASSES, 1.0 / NUM_CLASSES)


def _normalise(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, None)
    s = p.sum()
    return p / s if s > 0 else _UNIFORM.copy()


def similarity(p: np.ndarray, q: np.ndarray) -> float:
    """1 − Jensen–Shannon distance (base 2) between two probability vectors, in [0, 1]."""
    p, q = _normalise(p), _normalise(q)
    m = 0.5 * (p + q)

    def kl(a: np.ndarray) -> float:
        nz = a > 0
        return float(np.sum(a[nz] * np.log2(a[nz] / m[nz])))

    js = max(0.0, 0.5 * kl(p) + 0.5 * kl(q))
    return float(np.clip(1.0 - np.sqrt(min(js, 1.0)), 0.0, 1.0))


def congruence(face_probs: np.ndarray, text_probs: np.ndarray) -> float:
    """How well a face's emotion and a text's agree, in [0, 1]: `similarity` of the two as written."""
    return similarity(as_written(face_probs), as_written(text_probs))


def congruence_cell(face_probs: np.ndarray | None, text_probs: np.ndarray | None) -> str:
    """Congruence as a CSV cell: 4 decimals, empty when either side is missing."""
    if face_probs is None or text_probs is None:
        return ""
    return f"{congruence(face_probs, text_probs):.4f}"


def fade_weight(age_s: float, half_life_s: float = DEFAULT_HALF_LIFE_S) -> float:
    """How much a message of this age still counts (1 when new, 0.5 after one half-life)."""
    if half_life_s <= 0:
        return 1.0
    return float(0.5 ** (max(0.0, age_s) / half_life_s))


def faded_text(text_probs: np.ndarray, age_s: float, half_life_s: float = DEFAULT_HALF_LIFE_S) -> np.ndarray:
    """The text vector after fading toward uniform."""
    w = fade_weight(age_s, half_life_s)
    return w * _normalise(text_probs) + (1.0 - w) * _UNIFORM


def dominant_agrees(face_probs: np.ndarray, text_probs: np.ndarray) -> bool:
    """Whether face and text have the same most probable class."""
    return int(np.argmax(face_probs)) == int(np.argmax(text_probs))


class TextContext:
    """The latest chat messages' emotion, fading with time; thread-safe enough for one writer.

    A message without an author colours every face; a student's own message colours only
    that student's face (`at(t, face_id)` takes whichever of the two is newer).
    """

    def __init__(self, half_life_s: float = DEFAULT_HALF_LIFE_S) -> None:
        self.half_life_s = half_life_s
        self._message: tuple[float, np.ndarray] | None = None
        self._by_author: dict[int, tuple[float, np.ndarray]] = {}

    def set(self, time_s: float, probs: np.ndarray, author_id: int | None = None) -> None:
        """A new message at `time_s` (same clock as the frames) replaces its author's previous one."""
        if author_id is None:
            self._message = (time_s, _normalise(probs))
        else:
            self._by_author = {**self._by_author, author_id: (time_s, _normalise(probs))}

    def clear(self) -> None:
        """Forget every message (a new session)."""
        self._message = None
        self._by_author = {}

    @property
    def has_authors(self) -> bool:
        """Whether any message so far belongs to a student."""
        return bool(self._by_author)

    def at(self, time_s: float, face_id: int | None = None) -> np.ndarray | None:
        """The faded text vector at `time_s` for this face (or for everyone), None before any message."""
        candidates = [m for m in (self._message, self._by_author.get(face_id) if face_id is not None else None)
                      if m is not None and m[0] <= time_s]
        if not candidates:
            return None
        t, probs = max(candidates, key=lambda m: m[0])
        return faded_text(probs, time_s - t, self.half_life_s)
