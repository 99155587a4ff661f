from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from core.names.labels import binarise
from core.names.names import clean_reading
from core.names.ocr import LabelReader, OcrUnavailable, create_reader
from core.resources import korean_font_path, tessdata_dir


def rendered_line(text: str, px: int = 14) -> np.ndarray:
    """A label line as a conference tool draws it: white NanumGothic on a dark plate."""
    font = ImageFont.truetype(str(korean_font_path()), round(px / 0.8))
    x0, y0, x1, y1 = font.getbbox(text)
    img = Image.new("L", (x1 - x0 + 8, y1 - y0 + 8), 30)
    ImageDraw.Draw(img).text((4 - x0, 4 - y0), text, font=font, fill=255)
    return np.asarray(img)


@pytest.fixture(scope="module")
def reader() -> LabelReader:
    r = LabelReader()
    yield r
    r.close()


def case_line(name: str, style: str, font: str, px: int, seed: int) -> Callable[[int], np.ndarray]:
    """Input k (of `READ_INPUTS`) of one single label of `bench_labels` (its cut line, as the namer reads it)."""
    import cv2

    from benchmarks.bench_labels import case_frame
    from core.names.labels import face_label, read_input
    from core.vision.gallery_tiles import find_tile

    frame, face = case_frame(name, style, font, px, seed)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    cut = face_label(gray, face, find_tile(gray, face))
    x, y, w, h = cut.box
    return lambda k: read_input(k, cut.grey, frame[y : y + h, x : x + w])


def test_the_shipped_data_is_where_resources_says() -> None:
    assert (tessdata_dir() / "kor.traineddata").is_file()
    assert (tessdata_dir() / "eng.traineddata").is_file()


@pytest.mark.parametrize("name", ["김민준", "Park Jiwoo", "20231457 강서준", "서유진 (조교)"])
def test_hangul_and_latin_labels_are_read(reader: LabelReader, name: str) -> None:
    got = reader.read(binarise(rendered_line(name)))
    assert clean_reading(got.text) == name
    assert got.confidence > 60


def test_a_line_of_specks_reads_as_no_name(reader: LabelReader) -> None:
    rng = np.random.default_rng(0)
    noise = np.where(rng.random((20, 80)) > 0.97, 255, 30).astype(np.uint8)
    got = reader.read(binarise(noise))
    assert clean_reading(got.text) == "" or got.confidence < 60


def test_missing_language_data_is_one_line_not_a_crash(tmp_path) -> None:
    with pytest.raises(OcrUnavailable, match="kor.traineddata"):
        LabelReader(tmp_path)
    import core.names.ocr as ocr

    original = ocr.tessdata_dir
    ocr.tessdata_dir = lambda: tmp_path
    try:
        reader, why = create_reader()
    finally:
        ocr.tessdata_dir = original
    assert reader is None and "\n" not in why and "name reading is off" in why


def test_the_korean_model_rereads_a_hangul_name_the_latin_model_took() -> None:
    """A tuning label (bench_labels, Zoom plate, NanumGothic 19 px): kor+eng reads `eet (TA)` on its second input,
    the Korean model alone reads the name; the role stays as the Latin model read it."""
    line = case_line("박들륜 (TA)", "zoom", "nanum", 19, 1875)(1)
    plain, looking = LabelReader(second_look=False), LabelReader()
    try:
        before, after = plain.read(line), looking.read(line)
    finally:
        plain.close()
        looking.close()
    assert not any("가" <= ch <= "힣" for ch in before.text)  # the misread this mends
    assert clean_reading(after.text) == "박들륜 (TA)" and looking.second_looks == 1
    assert [s.text for s in after.symbols][:3] == ["박", "들", "륜"]  # the Korean model's symbols, for the network
    assert after.least >= 80


def test_the_second_look_takes_every_syllable_the_korean_model_read_there() -> None:
    """Tuning gallery seed 2 (Teams, Noto 16 px): kor+eng's box of `14S` holds 민경 only; replacing it by the Korean
    words inside that box alone made `민경 Daniel` on two inputs, a wrong name. Syllables beyond its end belong to
    the word."""
    from training.label_styles import available_fonts

    if "noto" not in available_fonts():
        pytest.skip("Noto Sans CJK KR is not installed (fonts-noto-cjk)")
    line = case_line("민경효 Daniel", "teams", "noto", 16, 0)
    looking = LabelReader()
    try:
        got = [clean_reading(looking.read(line(k)).text) for k in (1, 4)]
    finally:
        looking.close()
    assert got == ["민경효 Daniel", "민경효 Daniel"] and looking.second_looks == 2


def test_latin_words_that_are_latin_stay_latin(reader: LabelReader) -> None:
    looks = reader.second_looks
    got = reader.read(binarise(rendered_line("Daniel Heo")))
    assert clean_reading(got.text) == "Daniel Heo" and reader.second_looks == looks + 1


def test_the_joined_line_writes_adjacent_syllables_as_one_word() -> None:
    from core.names.ocr import _joined

    words = [("박", 93.0, (0, 0, 20, 30)), ("들", 93.0, (22, 0, 42, 30)), ("륜", 93.0, (44, 0, 64, 30)),
             ("(TA)", 90.0, (80, 0, 120, 30)), ("김", 90.0, (140, 0, 160, 30))]
    assert _joined(words) == "박들륜 (TA) 김"


def test_a_latin_word_becomes_korean_syllables_only_where_they_are_sure_and_cover_it() -> None:
    from core.names.ocr import korean_merged

    line = [("BSS", 36.0, (0, 0, 60, 20)), ("(TA)", 80.0, (70, 0, 110, 20))]
    syl = [("장", 93.0, (0, 0, 19, 20)), ("옥", 93.0, (20, 0, 39, 20)), ("숙", 90.0, (41, 0, 60, 20))]
    merged, replaced = korean_merged(line, syl)
    assert [w for w, _, _ in merged] == ["장옥숙", "(TA)"] and len(replaced) == 1
    assert korean_merged(line, syl[:2])[1] == []  # 숙 unread: 장옥 would be a name cut short
    assert korean_merged(line, [*syl[:2], ("숙", 60.0, (41, 0, 60, 20))])[1] != []  # BSS was a guess (36)
    likely = [("NOH", 76.0, (0, 0, 60, 20)), ("Woo-jin", 87.0, (70, 0, 140, 20))]
    assert korean_merged(likely, [("띠야", 6.0, (0, 0, 60, 20))])[1] == []  # unsure syllables over a likely word
    assert korean_merged(likely, [("노", 90.0, (0, 0, 60, 20))])[1] != []  # sure ones replace it
    assert korean_merged(line, [*syl[:2], ("A", 93.0, (41, 0, 60, 20))])[1] == []  # not whole syllables
    assert korean_merged(line, [*syl, ("조교", 93.0, (70, 0, 110, 20))])[0][1][0] == "(TA)"  # a word's own place
    assert korean_merged(line, [("장옥숙조", 93.0, (0, 0, 105, 20))])[1] == []  # reaching into (TA)
    hangul = [("김", 93.0, (0, 0, 19, 20)), ("Daniel", 95.0, (30, 0, 90, 20))]
    assert korean_merged(hangul, [("김", 93.0, (0, 0, 19, 20)), ("다", 50.0, (30, 0, 90, 20))])[1] == []


def test_the_latin_model_rereads_a_latin_given_name_the_korean_model_took_for_digits() -> None:
    """A tuning label (bench_labels, Teams, NanumGothic 13 px; the same misread unnamed 채욱남 Seo on the tuning 7x7
    Teams gallery, seed 4): kor+eng reads `채욱남 560`, sure; the Latin model alone reads Seo there."""
    line = case_line("채욱남 Seo", "teams", "nanum", 13, 0)(0)
    plain, looking = LabelReader(latin_look=False), LabelReader()
    try:
        before, after = plain.read(line), looking.read(line)
    finally:
        plain.close()
        looking.close()
    assert before.text.split()[-1].isdigit()  # the misread this mends
    assert clean_reading(after.text) == "채욱남 Seo" and looking.latin_looks == 1
    assert [s.text for s in after.symbols] == ["채", "욱", "남", "S", "e", "o"]
    assert after.least >= 80


def test_a_student_number_is_no_latin_look(reader: LabelReader) -> None:
    looks = reader.latin_looks
    got = reader.read(binarise(rendered_line("20231457 강서준")))
    assert clean_reading(got.text) == "20231457 강서준" and reader.latin_looks == looks


def test_digits_become_latin_letters_only_after_hangul_and_where_the_latin_model_is_sure() -> None:
    from core.names.ocr import latin_look_due, latin_merged

    line = [("허", 93.0, (0, 0, 19, 20)), ("희", 93.0, (20, 0, 39, 20)), ("보", 93.0, (40, 0, 59, 20)),
            ("500", 93.0, (70, 0, 100, 20))]
    assert [latin_look_due(j, line) for j in range(4)] == [False, False, False, True]
    assert not latin_look_due(0, [("2019", 90.0, (0, 0, 40, 20)), ("김", 90.0, (50, 0, 69, 20))])
    assert not latin_look_due(1, [("Taeyang", 93.0, (0, 0, 60, 20)), ("47", 4.0, (70, 0, 90, 20))])
    eng = [("343]", 13.0, (0, 0, 59, 20)), ("Soo", 96.0, (70, 0, 100, 20))]
    merged, replaced = latin_merged(line, eng)
    assert [w for w, _, _ in merged] == ["허", "희", "보", "Soo"] and replaced == [(70, 0, 100, 20)]
    assert latin_merged(line, [("Soo", 70.0, (70, 0, 100, 20))])[1] == []  # unsure
    assert latin_merged(line, [("S00", 96.0, (70, 0, 100, 20))])[1] == []  # not Latin letters
    assert latin_merged(line, [("So", 96.0, (70, 0, 85, 20))])[1] == []  # leaves part of the word unread
    assert latin_merged(line, [("Bosoo", 96.0, (40, 0, 100, 20))])[1] == []  # reaching into 보
    both = latin_merged(line, [("Min-seo", 95.0, (70, 0, 90, 20)), ("Kim", 94.0, (92, 0, 100, 20))])[0]
    assert both[3][0] == "Min-seo Kim"


def test_a_word_replaced_is_written_into_the_line_as_read() -> None:
    from core.names.ocr import _replaced

    before = [("허", 93.0, (0, 0, 19, 20)), ("희", 93.0, (20, 0, 39, 20)), ("500", 93.0, (70, 0, 100, 20))]
    after = [*before[:2], ("Soo", 96.0, (70, 0, 100, 20))]
    assert _replaced("허희 500", before, after) == "허희 Soo"  # the syllables' spacing as Tesseract wrote it


def test_a_latin_guess_becomes_the_syllables_the_korean_model_read_there_marked_guessed() -> None:
    """A tuning label (bench_labels, Zoom, NanumGothic 11 px): kor+eng guesses Latin on input 0 (below `GUESSED`);
    the Korean model reads 변온솔 there, unsure: the syllables replace the guess, marked `guessed` for the namer."""
    from core.names.ocr import GUESSED

    line = case_line("변온솔", "zoom", "nanum", 11, 1835)
    plain, looking = LabelReader(second_look=False), LabelReader()
    try:
        before, after = plain.read(line(0)), looking.read(line(0))
        sure = [looking.read(line(k)) for k in (2, 4)]
    finally:
        plain.close()
        looking.close()
    assert not any("가" <= ch <= "힣" for ch in before.text) and before.least < GUESSED
    assert after.text == "변온솔" and after.guessed and after.least < 80
    assert [(g.text, g.guessed) for g in sure] == [("변온솔", False)] * 2  # read sure by kor+eng: no look
