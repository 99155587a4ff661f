"""Where a name's space lies when OCR dropped it: the ink gap between two Hangul syllables of a read line.

Cost: one column scan of the read input per run of syllables (well under a millisecond), on readings that
are already a name.

Design: Tesseract drops the space in short spaced Hangul names (`고 욱` read 고욱, `추 순형` 추순형), more
often on styles and fonts it saw less (a microphone icon after the name, a lighter plate: the round-seven
probe's wrong names were mostly these), and no input may read the space. The pixels still show it. Korean
fonts give every syllable the same advance, so a run of n syllables read without a space is cut into n
equal cells (as `core.names.syllables` places syllables), and at each cell boundary the widest run of
empty ink columns within `SEARCH` of a cell is measured against the run's ink height. On the tuning split's
single labels (Zoom, Teams and bar styles, NanumGothic and Noto Sans CJK KR, 11-20 px, every input's reading
of the right letters), boundaries without a space measured at most 0.29 of the ink height (99th
percentile 0.25, 8,405 boundaries), boundaries with one at least 0.30 (5th percentile 0.33, 78); on four
fonts neither split has (NanumSquare, NanumSquareRound, NanumGothic Bold, Noto Sans CJK KR Bold) at most
0.32 and at least 0.23. A reading's own measure is therefore only a vote: `core.names.tile_names` spaces a
name so only when most of its readings, from two inputs, show the same gap. A run whose cells are not about
as wide as the ink is high (an icon read into the last syllable's box, a cut that lost a syllable) is not
measured.
"""

from __future__ import annotations

from itertools import accumulate

import numpy as np

from core.names.hangul import is_syllable
from core.names.syllables import Symbol, syllable_runs

SPACE_GAP = 0.32  # an empty run this wide against the syllables' ink height is a space
SEARCH = 0.35  # of a cell, on either side of a boundary, where its gap is looked for
CELL_RANGE = (0.75, 1.45)  # a syllable cell's width against the ink height, for a run to be measured


def ink_spaced(text: str, symbols: tuple[Symbol, ...] | list[Symbol], ink: np.ndarray) -> str:
    """`text` with a space at each boundary between two Hangul syllables where the read input `ink` (dark text
    on white) shows a space's gap and the text has none; `text` itself when there is none to add or the symbols
    do not line up with the text."""
    return with_spaces(text, ink_spaces(text, symbols, ink))


def ink_spaces(text: str, symbols: tuple[Symbol, ...] | list[Symbol], ink: np.ndarray) -> set[int]:
    """Which of `text`'s Hangul syllables (0: the first) the ink of the read input shows a space after that the
    text has not (none when the symbols do not line up with the text)."""
    runs = syllable_runs(text, symbols)
    if runs is None:
        return set()
    dark = ink < 128
    columns = dark.any(axis=0)
    after: set[int] = set()  # a space goes after the symbol of this index
    for run in runs:
        if len(run) >= 2:
            after |= _spaces_in(run, symbols, dark, columns)
    ordinal = list(accumulate(is_syllable(s.text) for s in symbols))  # syllables up to each symbol, itself included
    return {ordinal[i] - 1 for i in after}


def with_spaces(text: str, after: set[int]) -> str:
    """`text` with a space after each of its Hangul syllables numbered in `after` (0: the first) that another
    syllable follows at once."""
    out, k = [], 0
    for i, ch in enumerate(text):
        out.append(ch)
        if is_syllable(ch):
            if k in after and i + 1 < len(text) and is_syllable(text[i + 1]):
                out.append(" ")
            k += 1
    return "".join(out)


def _spaces_in(run: list[int], symbols, dark: np.ndarray, columns: np.ndarray) -> set[int]:
    """The indices in `run` after which the ink shows a space's gap."""
    x0 = max(0, min(symbols[i].box[0] for i in run))
    x1 = max(x0, max(symbols[i].box[2] for i in run))
    cols = np.flatnonzero(columns[x0 : x1 + 1])
    if cols.size < 2:
        return set()
    a, b = x0 + int(cols[0]), x0 + int(cols[-1]) + 1
    rows = np.flatnonzero(dark[:, a:b].any(axis=1))
    height = int(rows[-1] - rows[0] + 1)
    cell = (b - a) / len(run)
    if cell / height > CELL_RANGE[1]:
        # an icon after the name read into the last syllable's box: the run ends before the last gap
        b = _before_last_gap(columns, a, b, SPACE_GAP * height)
        cell = (b - a) / len(run)
    if cell / height > CELL_RANGE[1]:
        # ... or before it, into the first one's: the run starts after the first gap
        a = _after_first_gap(columns, a, b, SPACE_GAP * height)
        cell = (b - a) / len(run)
    rows = np.flatnonzero(dark[:, a:b].any(axis=1))
    height = int(rows[-1] - rows[0] + 1)
    if not CELL_RANGE[0] <= cell / height <= CELL_RANGE[1]:
        return set()
    found = set()
    for j in range(1, len(run)):
        edge = a + j * cell
        widest = _widest_empty(columns[int(edge - SEARCH * cell) : int(edge + SEARCH * cell)])
        if widest >= SPACE_GAP * height:
            found.add(run[j - 1])
    return found


def _before_last_gap(columns: np.ndarray, a: int, b: int, gap: float) -> int:
    """Where the ink in columns [a, b) ends before its last empty run at least `gap` wide (`b`: none)."""
    run = 0
    for x in range(b - 1, a - 1, -1):
        if columns[x]:
            if run >= gap:
                return x + 1
            run = 0
        else:
            run += 1
    return b


def _after_first_gap(columns: np.ndarray, a: int, b: int, gap: float) -> int:
    """Where the ink in columns [a, b) starts again after its first empty run at least `gap` wide (`a`: none)."""
    run = 0
    for x in range(a, b):
        if columns[x]:
            if run >= gap:
                return x
            run = 0
        else:
            run += 1
    return a


def _widest_empty(columns: np.ndarray) -> int:
    """The longest run of columns without ink."""
    widest = run = 0
    for inked in columns:
        run = 0 if inked else run + 1
        widest = max(widest, run)
    return widest
