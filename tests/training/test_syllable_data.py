"""The syllable network's training squares: drawn in training fonts only, one square and its jamo per syllable."""

from __future__ import annotations

import numpy as np

from core.names.hangul import FINALS, INITIALS, MEDIALS
from core.names.syllables import CROP_PX
from training.syllable_data import HELD_OUT_FONT_MARKS, ksx1001_syllables, make, train_fonts


def test_the_syllables_are_ks_x_1001s_and_no_held_out_font_is_trained_on() -> None:
    syllables = ksx1001_syllables()
    assert len(syllables) == 2350 and "가" in syllables and "똠" not in syllables
    assert train_fonts() and not any(m in p for p, _ in train_fonts() for m in HELD_OUT_FONT_MARKS)


def test_lines_give_a_square_and_three_jamo_per_syllable() -> None:
    x, y, used = make(8, seed=3)
    assert used >= 6 and len(x) == len(y) >= used
    assert x.shape[1:] == (CROP_PX, CROP_PX) and x.dtype == np.uint8 and x.max() > 200
    assert (y >= 0).all() and (y.max(axis=0) < (INITIALS, MEDIALS, FINALS)).all()
