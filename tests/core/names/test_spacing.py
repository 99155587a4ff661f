from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from core.names.ocr import LineText
from core.names.spacing import ink_spaced
from core.names.syllables import Symbol
from core.names.tile_names import SOURCE_TILE, Reading, Votes, _gapped
from core.resources import korean_font_path


def line_of(parts: list[str], px: int = 40, space: float = 0.3, icon: bool = False) -> tuple[np.ndarray, list[Symbol]]:
    """Dark syllables on white, each word of `parts` at the font's own advance, `space` of an em between words;
    each syllable's symbol boxed by its advance cell (Tesseract's boxes are as loose); an icon (a filled disc)
    after the name, read into the last syllable's box."""
    font = ImageFont.truetype(str(korean_font_path()), px)
    advance = font.getlength("가")
    img = Image.new("L", (int(advance * 12), int(px * 2)), 255)
    draw = ImageDraw.Draw(img)
    symbols, x, y = [], 10.0, px // 3
    for w, word in enumerate(parts):
        if w:
            x += space * advance
        for ch in word:
            draw.text((x, y), ch, font=font, fill=0)
            symbols.append(Symbol(ch, (int(x), y, int(x + advance), y + px)))
            x += advance
    if icon:
        r = px // 3
        cx = int(x + 0.5 * advance) + r  # half a letter after the name, as the bar style draws its microphone
        draw.ellipse((cx - r, y + px // 2 - r, cx + r, y + px // 2 + r), fill=0)
        last = symbols[-1]
        symbols[-1] = Symbol(last.text, (last.box[0], last.box[1], cx + r, last.box[3]))
    return np.asarray(img), symbols


@pytest.mark.parametrize("parts", [["고", "욱"], ["추", "순형"], ["남궁", "민수"]])
def test_a_space_ocr_dropped_is_put_back_where_the_ink_shows_it(parts) -> None:
    ink, symbols = line_of(parts)
    assert ink_spaced("".join(parts), symbols, ink) == " ".join(parts)


@pytest.mark.parametrize("name", ["고욱", "추순형", "이기이"])  # 이, 기: narrow ink in a wide cell
def test_syllables_at_their_own_advance_are_no_space(name) -> None:
    ink, symbols = line_of([name])
    assert ink_spaced(name, symbols, ink) == name


def test_an_icon_read_into_the_last_syllable_box_does_not_hide_or_make_a_space() -> None:
    ink, symbols = line_of(["고", "욱"], icon=True)
    assert ink_spaced("고욱", symbols, ink) == "고 욱"
    ink, symbols = line_of(["고욱"], icon=True)
    assert ink_spaced("고욱", symbols, ink) == "고욱"


def test_symbols_that_do_not_spell_the_text_leave_it_alone() -> None:
    ink, symbols = line_of(["고", "욱"])
    assert ink_spaced("고윽", symbols, ink) == "고윽"
    assert ink_spaced("고욱 Kim", symbols, ink) == "고욱 Kim"


def test_a_name_with_a_number_or_role_is_spaced_in_its_hangul_only() -> None:
    ink, symbols = line_of(["고", "욱"])
    got = LineText("고욱", 90.0, 90.0, tuple(symbols))
    assert _gapped("고욱", got, ink) == "고 욱"
    assert _gapped("고욱 (TA)", got, ink) == "고 욱 (TA)"
    assert _gapped("고윽", got, ink) == ""  # not the line's syllables


def test_the_ink_spaces_a_name_only_when_most_readings_of_two_inputs_show_it() -> None:
    v = Votes()
    v.count(Reading("고욱", SOURCE_TILE, 0, True, gapped="고 욱"))
    assert v.count(Reading("고욱", SOURCE_TILE, 1, True, gapped="고 욱")) and v.name == "고 욱"
    v = Votes()
    v.count(Reading("고욱", SOURCE_TILE, 0, True, gapped="고 욱"))
    v.count(Reading("고욱", SOURCE_TILE, 1, True))
    v.count(Reading("고욱", SOURCE_TILE, 2, True))
    assert v.name == "고욱"  # one reading's gap of three: not a space
    v = Votes()
    v.count(Reading("고욱", SOURCE_TILE, 0, True, gapped="고 욱"))
    v.count(Reading("고욱", SOURCE_TILE, 0, True, gapped="고 욱"))
    v.count(Reading("고욱", SOURCE_TILE, 1, True))
    assert v.name == "고욱"  # the same input twice
    v = Votes()
    v.count(Reading("고 욱", SOURCE_TILE, 0, True))  # OCR read the space itself: it counts with the ink's
    v.count(Reading("고욱", SOURCE_TILE, 1, True, gapped="고 욱"))
    v.count(Reading("고욱", SOURCE_TILE, 2, True))
    assert v.name == "고 욱"


def test_a_named_face_is_respaced_when_later_readings_show_the_gap() -> None:
    v = Votes()
    v.count(Reading("고욱", SOURCE_TILE, 0, True))
    v.count(Reading("고욱", SOURCE_TILE, 1, True))
    assert v.name == "고욱"
    for k in (2, 3, 4):
        v.count(Reading("고욱", SOURCE_TILE, k, True, gapped="고 욱"))
    assert v.name == "고 욱"
