"""Unicode's Hangul arithmetic: every syllable is its three jamo."""

from __future__ import annotations

from core.names.hangul import is_syllable, jamo_of, syllable_of


def test_every_hangul_syllable_is_its_three_jamo() -> None:
    for code in range(0xAC00, 0xD7A4):
        ch = chr(code)
        assert is_syllable(ch) and syllable_of(*jamo_of(ch)) == ch
    assert jamo_of("가") == (0, 0, 0) and jamo_of("힣") == (18, 20, 27)
    assert not is_syllable("ㄱ") and not is_syllable("a") and not is_syllable("가나")
