"""A second opinion on each Hangul syllable Tesseract read: our own small network over the label's own pixels.

Cost: one read's syllables (2-6) are cut from the label's line at frame resolution and scaled to
32x32; the shipped network (`core.names.syllable_net`, 0.21 M weights, 0.86 MB) reads them in one batch,
~5 ms a reading on 2 CPU cores (`benchmarks/bench_syllables.py`).

Design: Tesseract's misreads that every input repeats (평 for 펑, 으 for 우, 언 for 연) are one
jamo of one syllable, a stroke of a pixel or two at 12-14 px. Tesseract places each syllable well
(its symbol boxes), so this module only re-reads what is inside each box, from the frame's grey
pixels before any binarisation (a view Tesseract never sees), as three jamo (initial, medial,
final) rather than one of 11,172 syllables: a rare syllable is made of common jamo. Its answer is
a *check*, not a reading: a reading whose syllables the network reads otherwise, with
confidence, is no name (`check_reading`), and the network's own spelling is offered only to be
compared letter for letter with the chat's authors (see `core.names.tile_names`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from core.names.hangul import is_syllable, syllable_of

CROP_PX = 32  # a syllable's square, as the network sees it
BORDER = 12  # the white margin `core.names.labels` puts around each binarised input


@dataclass(frozen=True)
class Symbol:
    """One character Tesseract read on a line, and its box in the read input's pixels (x0, y0, x1, y1)."""

    text: str
    box: tuple[int, int, int, int]


def syllable_runs(text: str, symbols: tuple[Symbol, ...] | list[Symbol]) -> list[list[int]] | None:
    """Each run of Hangul syllables of `text` with no space or other letter between them, as indices into
    `symbols` (one a character of `text` but its spaces), or None when the symbols do not spell the text."""
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) != len(symbols) or any(c != s.text for c, s in zip(chars, symbols)):
        return None
    runs: list[list[int]] = []
    k, in_run = 0, False
    for ch in text:
        if ch.isspace():
            in_run = False
            continue
        if is_syllable(ch):
            if not in_run:
                runs.append([])
            runs[-1].append(k)
        in_run = is_syllable(ch)
        k += 1
    return runs


def syllable_centres(text: str, symbols: tuple[Symbol, ...] | list[Symbol], ink: np.ndarray) -> list[float] | None:
    """The x centre, in the read input's pixels, of each Hangul syllable of `text` (in order), or None when the
    symbols do not line up with the text.

    Tesseract's LSTM places a word's first symbol loosely (its box can span the word), so each run of
    syllables is placed as a whole: from the first ink column to the last within its symbols' boxes
    (`ink`: the binarised input, dark text on white), cut into equal cells. Korean fonts give every
    syllable the same advance, so equal cells hold one syllable each.
    """
    found = syllable_runs(text, symbols)
    if found is None:
        return None
    dark = (ink < 128).any(axis=0)
    runs = [[symbols[k] for k in run] for run in found]
    centres: list[float] = []
    for run in runs:
        x0, x1 = min(s.box[0] for s in run), max(s.box[2] for s in run)
        cols = np.flatnonzero(dark[max(0, x0) : max(0, x1) + 1])
        if cols.size:
            x0, x1 = max(0, x0) + int(cols[0]), max(0, x0) + int(cols[-1]) + 1
        cell = (x1 - x0) / len(run)
        centres += [x0 + (i + 0.5) * cell for i in range(len(run))]
    return centres


def crop_at(line: np.ndarray, input_shape: tuple[int, int], centre_x: float) -> np.ndarray:
    """The square of the frame's line (grey, light text) around x `centre_x` of an input of `input_shape` (the
    line scaled and given a `BORDER`), as a CROP_PX float32 image in 0..1.

    The square is the line's height on each side: the cut line is a syllable's height plus a few pixels, so one
    syllable fills it whatever the scale the input was read at.
    """
    w = line.shape[1]
    sx = max(1e-6, (input_shape[1] - 2 * BORDER) / max(1, w))
    return square_at(line, (centre_x - BORDER) / sx)


def square_at(line: np.ndarray, cx: float) -> np.ndarray:
    """The square of `line` (grey, the frame's pixels) the line's height wide around x `cx`, CROP_PX and 0..1."""
    h, w = line.shape[:2]
    half = h / 2
    x0, x1 = int(round(cx - half)), int(round(cx + half))
    pad_l, pad_r = max(0, -x0), max(0, x1 - w)
    square = line[:, max(0, x0) : min(w, x1)].astype(np.float32)
    if square.shape[1] == 0:
        square = np.zeros((h, 1), np.float32)
    if pad_l or pad_r:
        square = cv2.copyMakeBorder(square, 0, 0, pad_l, pad_r, cv2.BORDER_REPLICATE)
    square = cv2.resize(square, (CROP_PX, CROP_PX), interpolation=cv2.INTER_LINEAR)
    lo, hi = float(square.min()), float(square.max())
    return (square - lo) / max(1.0, hi - lo)


# How sure the network must be of a syllable it reads otherwise than Tesseract to dispute a reading
# (set on the tuning split with benchmarks/bench_syllables.py; see docs/names.md).
DISPUTE_CONFIDENCE = 0.7
# How sure it must be of each syllable, read as Tesseract read it, to vouch for a reading Tesseract was unsure
# of (on the tuning split, of the unsure readings whose unsure words are all Hangul, it vouched for 33 of 33
# right and 1 of 27 wrong at 0.7, the wrong one a reading that lost its bracketed role).
VOUCH_CONFIDENCE = 0.7
# How sure it must be of every syllable for its own spelling of a reading Tesseract was unsure of to be a second
# input for that name (`spelled_by_network`): on the tuning split's 600 single labels, 0.7 named 4 more right and
# one more wrong (도평한 as 도펑한: 평 and 펑 at 12 px), 0.8 three more right and none wrong, 0.9 none more.
SPELL_CONFIDENCE = 0.8


@dataclass(frozen=True)
class SyllableRead:
    """What the network read in one symbol's square: its syllable and how sure (the product of the three jamo's
    probabilities)."""

    syllable: str
    confidence: float


class SyllableChecker:
    """Reads Hangul syllables from their squares with the shipped network (`assets/syllable_cnn.pt`)."""

    def __init__(self, weights=None) -> None:
        from core.names.syllable_net import load_syllable_net

        self.net = load_syllable_net(weights)
        self.calls = 0

    def opinion(self, text: str, symbols: tuple[Symbol, ...] | list[Symbol], ink: np.ndarray,
                line: np.ndarray) -> list[SyllableRead] | None:
        """The network's reading of each Hangul syllable of Tesseract's `text` (in order), read from `line` (the
        frame's line, light text) where the symbols read from `ink` (the input Tesseract read) place them; None
        when they do not line up."""
        centres = syllable_centres(text, symbols, ink)
        if not centres:
            return None
        return self.read([crop_at(line, ink.shape[:2], c) for c in centres])

    def read(self, squares: list[np.ndarray]) -> list[SyllableRead]:
        """One `SyllableRead` per CROP_PX square."""
        if not squares:
            return []
        import torch

        self.calls += 1
        x = torch.from_numpy(np.stack(squares)[:, None].astype(np.float32))
        with torch.inference_mode():
            heads = [torch.softmax(h, dim=1).numpy() for h in self.net(x)]
        out = []
        for i in range(len(squares)):
            idx = [int(p[i].argmax()) for p in heads]
            conf = float(np.prod([p[i, j] for p, j in zip(heads, idx)]))
            out.append(SyllableRead(syllable_of(*idx), conf))
        return out


def shipped_checker() -> SyllableChecker | None:
    """A checker with the shipped weights, or None where they are not installed (names are then Tesseract's alone)."""
    from core.resources import syllable_weights_path

    return SyllableChecker() if syllable_weights_path().is_file() else None


def respelled_by(text: str, symbols: list[Symbol], reads: list[SyllableRead]) -> str:
    """`text` with each syllable that Tesseract read as `symbols[i]` replaced by the network's reading `reads[i]`
    (the i-th Hangul symbol); the text as it is when the symbols do not line up with it."""
    hangul = [k for k, ch in enumerate(text) if is_syllable(ch)]
    if len(hangul) != len(reads) or [text[k] for k in hangul] != [s.text for s in symbols if is_syllable(s.text)]:
        return text
    chars = list(text)
    for k, r in zip(hangul, reads):
        chars[k] = r.syllable
    return "".join(chars)


def vouches(text: str, opinion: list[SyllableRead] | None, sure: float = VOUCH_CONFIDENCE) -> bool:
    """Whether the network reads every Hangul syllable of `text` as it is written, each at least `sure`."""
    hangul = [text[k] for k, ch in enumerate(text) if is_syllable(ch)]
    return bool(opinion) and len(hangul) == len(opinion) and all(
        r.syllable == ch and r.confidence >= sure for ch, r in zip(hangul, opinion))


def spelled_by_network(text: str, opinion: list[SyllableRead] | None, sure: float = SPELL_CONFIDENCE) -> str | None:
    """`text` with each Hangul syllable as the network reads it, when it reads every one at least `sure` and one
    otherwise than `text`; None else (it agrees, is unsure of one, or its opinion does not line up)."""
    hangul = [k for k, ch in enumerate(text) if is_syllable(ch)]
    if not opinion or len(hangul) != len(opinion) or any(r.confidence < sure for r in opinion):
        return None
    own = _as_read(text, hangul, opinion)
    return own if own != text else None


def disputed(text: str, opinion: list[SyllableRead] | None, sure: float = DISPUTE_CONFIDENCE) -> str | None:
    """The network's own spelling of `text` when it reads one of its Hangul syllables otherwise and is at least
    `sure` of it (every syllable it reads otherwise taken as it reads it); None when it agrees, is unsure, or its
    opinion does not line up with the text."""
    hangul = [k for k, ch in enumerate(text) if is_syllable(ch)]
    if not opinion or len(hangul) != len(opinion):
        return None
    if not any(r.syllable != text[k] and r.confidence >= sure for k, r in zip(hangul, opinion)):
        return None
    return _as_read(text, hangul, opinion)


def _as_read(text: str, hangul: list[int], opinion: list[SyllableRead]) -> str:
    """`text` with its syllables at `hangul` (their indices) as the network read them."""
    chars = list(text)
    for k, r in zip(hangul, opinion):
        chars[k] = r.syllable
    return "".join(chars)
