"""Better unnamed than misnamed: what a reading must look like to be a name, camera-off names that are a
student on camera, and chat authors that wait for a confirmed name."""

from __future__ import annotations

import pytest

from core.names.names import plausible_name
from core.names.tile_names import SOURCE_TILE, TileNamer, Votes, camera_off_names
from tests.core.names.conftest import ConfidenceReader, ScriptedReader, named_alone

# what OCR made of clean labels on classes nobody tuned for (issue #29)
MISREADS = ["Le", "무서ㅁ", "ㅇ 스비", "민ㅅ 윤", "권6 민", "엄6 2", "Bus", "김도현 Aa", "경옥봄(교수", "2 1사",
            "ㆍ 소", "x i", "ㅇ0", "조장]", "(조교)", "1234", "20 _101서", "kIM Minjun"]
NAMES = ["고은비", "고은", "람", "김민준", "Park Jiwoo", "20231457 강서준", "서유진 (조교)", "Seo-yeon Kim", "KIM Ji-woo",
         "김민준 Kevin", "Kevin 김민준", "남궁 민", "김민준 (TA)", "[TA] Kim Minjun", "Sol Ha", "Kevin"]


@pytest.mark.parametrize("reading", MISREADS)
def test_a_misread_is_no_display_name(reading: str) -> None:
    assert not plausible_name(reading)


@pytest.mark.parametrize("name", NAMES)
def test_display_names_as_people_set_them_are_plausible(name: str) -> None:
    assert plausible_name(name)


@pytest.mark.parametrize("reading", MISREADS)
def test_a_misread_read_again_and_again_never_names_a_face(gallery, reading: str) -> None:
    namer = TileNamer(ScriptedReader([reading]))
    image = gallery.frame()
    t = 0.0
    while t < 4.0:
        namer.step(image, gallery.results(), t)
        t += 0.1
    assert namer.names == {} and namer.camera_off == {}
    assert namer.reader.calls >= 8  # it was read, and kept being read (text is there, not a name yet)


def test_readings_that_keep_disagreeing_leave_the_face_unnamed_until_they_agree() -> None:
    v = Votes()
    for reading, k in [("김민준", 0), ("김민존", 1), ("김민존", 1), ("김민준", 2)]:
        v.add(reading, SOURCE_TILE, k)
    assert v.name == ""  # 김민존 twice but of one input; 김민준 of two, yet no more often than 김민존
    v.add("김민준", SOURCE_TILE, 3)
    assert v.name == "김민준"


def test_truncated_readings_wait_for_the_whole_name() -> None:
    v = Votes()
    for k, reading in enumerate(["고은", "고은비", "고은"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name == ""  # 고은 twice, but 고은비 holds it: a letter lost
    v.add("고은비", SOURCE_TILE, 3)
    v.add("고은비", SOURCE_TILE, 0)
    assert v.name == "고은비"


def test_a_disputed_reading_names_no_one_and_counts_against_every_name() -> None:
    v = Votes()
    for k, (reading, disputed) in enumerate([("하펑", False), ("", True), ("", True), ("하펑", False)]):
        v.add(reading, SOURCE_TILE, k, True, disputed=disputed, doubted="하평" if disputed else "")
    assert v.name == ""  # 하펑 twice of two inputs, but the disputed readings weigh twice: in doubt
    v.add("하펑", SOURCE_TILE, 4, True)
    v.add("하펑", SOURCE_TILE, 5, True)
    assert v.name == ""  # four against two disputed: no more than half
    v.add("하펑", SOURCE_TILE, 0, True)
    assert v.name == "하펑"  # five against two disputed
    assert all(not r.text for r in v.readings if r.disputed)


def test_a_disputed_reading_of_an_authors_name_votes_for_it_and_against_the_others() -> None:
    v = Votes()
    # Tesseract reads the author 심상평 on some inputs (the network disputes: 펑) and 심상펑 on others
    for k, (reading, disputed) in enumerate([("심상펑", False), ("심상평", True), ("심상펑", False)]):
        v.add(reading, SOURCE_TILE, k, True, disputed=disputed, doubted=reading if disputed else "")
    assert v.name == ""  # 심상펑 twice, but the disputed reading weighs twice against it
    v.add("심상평", SOURCE_TILE, 3, True, disputed=True, doubted="심상평")
    assert v.name == ""  # two against two
    v.add("심상평", SOURCE_TILE, 4, True, disputed=True, doubted="심상평")
    assert v.name == "심상평"  # three of two inputs or more against two, and never hinted
    assert not any(r.hinted for r in v.readings)


def test_readings_of_the_same_letters_are_one_vote_written_with_the_space_ocr_drops() -> None:
    v = Votes()
    for k, reading in enumerate(["방소정", "방 소정"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name == "방 소정"  # two inputs, one name; OCR drops a space, never adds one
    v = Votes()
    for k, reading in enumerate(["방소정", "방소정", "방 소정"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name == "방 소정"  # named at the second reading, and as the first spaced reading comes, written so
    v = Votes()
    for k, reading in enumerate(["Yejun Ha", "Yejun Ha", "Ye-jun Ha"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name in ("Yejun Ha", "Ye-jun Ha")
    v = Votes()
    for k, reading in enumerate(["Yejun Ha", "Ye-jun Ha"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name == "Ye-jun Ha"
    v = Votes()
    for k, reading in enumerate(["방 소정", "방소정", "방소정", "방소정"]):
        v.add(reading, SOURCE_TILE, k)
    assert v.name == "방 소정"  # two readings in a row without the space are no rename: the same letters
    v = Votes()
    v.add("방소정", SOURCE_TILE, 0)
    v.add("방 소정", SOURCE_TILE, 0)
    assert v.name == ""  # one input read twice


def test_a_camera_off_name_near_an_on_camera_name_is_that_student() -> None:
    off = camera_off_names(["문성민", "김민준"], {"무성민": 3.0, "이서연": 2.0}, tiles=25)
    assert off == {"문성민": 3.0, "이서연": 2.0}


def test_names_on_and_off_camera_never_outnumber_the_tiles() -> None:
    on = [f"학생{i}" for i in range(3)]
    off = camera_off_names(on, {"가나다": 1.0, "라마바": 2.0, "사아자": 3.0}, tiles=5)
    assert off == {"사아자": 3.0, "라마바": 2.0}  # the two seen most recently fill the two tiles left


def test_a_label_whose_readings_keep_disagreeing_stays_unnamed_and_is_read_less_often(gallery) -> None:
    face_only = type(gallery)(gallery.tiles, gallery.names, {0: gallery.faces[0]})
    namer = TileNamer(ScriptedReader(["김민준", "김민존", "김만준"] * 200))
    image = face_only.frame()
    t = 0.0
    while t < 20.0:
        namer.step(image, face_only.results(), t)
        t += 0.1
    assert namer.names == {}  # none of the three is ever more than half
    assert 12 <= namer.reader.calls <= 12 + 5  # twelve reads at 0.5 s, then one every 3 s


def test_a_reading_that_spells_a_chat_author_needs_one_input_and_a_near_one_changes_nothing() -> None:
    v = Votes()
    v.add("김민준", SOURCE_TILE, 0, hinted=True)
    assert v.name == "김민준"  # letter for letter a name the chat gave
    v = Votes()
    v.add("김민준", SOURCE_TILE, 0)
    assert v.name == ""  # without the chat: a second input is needed
    v = Votes()
    for k, (reading, hinted) in enumerate([("김민존", False), ("김민준", True)]):
        v.add(reading, SOURCE_TILE, k, hinted=hinted)
    assert v.name == ""  # a hint stands for a second input, not for a majority


def test_chat_authors_name_a_face_from_one_reading_and_never_rename_a_misread(gallery) -> None:
    face_only = type(gallery)(gallery.tiles, gallery.names, {0: gallery.faces[0]})
    image = face_only.frame()

    def named(texts: list[str], hints: list[str]) -> dict:
        namer = TileNamer(ScriptedReader(texts), hints=hints)
        t = 0.0
        while t < 2.0:
            namer.step(image, face_only.results(), t)
            t += 0.1
        return namer.names

    garbage = ["김민준"] + ["ㅁ ㅁ"] * 20  # one good reading, then nothing a name can be
    assert named(garbage, ["20231457 김민준", "Prof. Lee"]) == {1: "김민준"}  # the author's core, letter for letter
    assert named(garbage, ["KIM MINJUN", "Prof. Lee"]) == {}
    assert named(garbage, []) == {}
    assert named(["김민존"] + ["ㅁ ㅁ"] * 20, ["김민준"]) == {}  # a misread is never turned into an author's name


def test_a_name_spelled_by_the_chat_takes_its_hyphen(gallery) -> None:
    face_only = type(gallery)(gallery.tiles, gallery.names, {0: gallery.faces[0]})
    namer = TileNamer(ScriptedReader(["Yejun Ha"] + ["ㅁ ㅁ"] * 20), hints=["YE-JUN HA"])
    image = face_only.frame()
    t = 0.0
    while t < 2.0:
        namer.step(image, face_only.results(), t)
        t += 0.1
    assert namer.names == {1: "Ye-jun Ha"}


def _hangul_sure(latin: float):
    """Tesseract sure of every Hangul word (92), `latin` for the others."""
    return lambda w: 92.0 if any("가" <= ch <= "힣" for ch in w) else latin


def test_a_latin_part_ocr_cannot_read_is_the_one_authors_whose_hangul_it_spells(gallery) -> None:
    def named(texts: list[str], hints: list[str]) -> dict:  # a small Latin word read as digits, unsure
        return named_alone(gallery, ConfidenceReader(texts, _hangul_sure(55.0)), hints)

    assert named(["채욱남 560"], ["채욱남 Seo", "Prof. Lee"]) == {1: "채욱남 Seo"}
    assert named(["채욱남 560"] + ["ㅁ ㅁ"] * 30, ["채욱남 Seo"]) == {}  # once: a second input is still needed
    assert named(["채욱남 560"], ["채욱남 Daniel"]) == {}  # a Latin part of another length
    assert named(["채욱남 560"], ["채욱남 Seo", "채욱남 Kim"]) == {}  # two authors fit
    assert named(["채욱남 560"], ["채욱남 Seo", "채욱남"]) == {}  # the Hangul alone is another author's
    assert named(["채욱감 560"], ["채욱남 Seo"]) == {}  # no Hangul letter is changed
    assert named(["채욱남 560"], []) == {}


def test_an_authors_hangul_read_sure_names_a_face_whatever_the_role_beside_it(gallery) -> None:
    def named(texts: list[str], hints: list[str]) -> dict:  # unsure of the role after the Hangul words
        return named_alone(gallery, ConfidenceReader(texts, _hangul_sure(56.0)), hints)

    once = ["용규효 (TAi"] + ["ㅁ ㅁ"] * 30
    assert named(once, ["용규효 (TA)"]) == {1: "용규효 (TA)"}  # an author: one input
    assert named(once, []) == {}  # no author: Tesseract's doubt stands
    assert named(["용규혀 (TAi"] + ["ㅁ ㅁ"] * 30, ["용규효 (TA)"]) == {}


@pytest.mark.parametrize("label, named", [
    ("기새성 (TA)", True), ("방동민 [Guest]", True), ("김민준 (공동 호스트)", True), ("용규효 (TA;", True),
    ("기새성 (TAY)", False),  # not a role anyone uses: the doubt stays
    ("기새성 (Yuna)", False),
])
def test_a_known_role_read_unsure_does_not_make_the_name_unsure(gallery, label: str, named: bool) -> None:
    # as at 13 px: `(TA)` at 38 beside `기새성` at 93
    reader = ConfidenceReader([label], lambda w: 38.0 if w.startswith(("(", "[")) else 93.0)
    assert bool(named_alone(gallery, reader)) == named



@pytest.mark.parametrize("label, named", [
    ("육민세 =", True), ("20226503 여람용 &$", True), ("& 편소시", True),  # a microphone icon beside the name
    ("김민 ~ 준", False),  # a speck inside the name: the doubt stays
    ("건수 ㅠ", False),  # a jamo is a letter: no display name
])
def test_an_icon_read_as_punctuation_beside_the_name_is_no_doubt_on_it(gallery, label: str, named: bool) -> None:
    # as a muted microphone drawn after the name reads (an unseen label style): the icon at 20, the name at 93
    reader = ConfidenceReader([label], lambda w: 93.0 if any(ch.isalnum() for ch in w) else 20.0)
    assert bool(named_alone(gallery, reader)) == named


def test_a_role_ocr_cannot_read_is_the_one_authors_whose_hangul_it_spells(gallery) -> None:
    def named(texts: list[str], hints: list[str]) -> dict:  # the role read as junk (bench_labels, tuning, 11-19 px)
        return named_alone(gallery, ConfidenceReader(texts, _hangul_sure(45.0)), hints)

    assert named(["박들륜 (14)"], ["박들륜 (TA)", "Prof. Lee"]) == {1: "박들륜 (TA)"}
    assert named(["배혁 ITA,", "배혁 (T4)"], ["배혁 (TA)"]) == {1: "배혁 (TA)"}  # two garbles of two inputs agree
    assert named(["박들륜 (14)"] + ["ㅁ ㅁ"] * 30, ["박들륜 (TA)"]) == {}  # once: a second input is needed
    assert named(["박들륜 (14)"], ["박들륜 (TA)", "박들륜 (조교)"]) == {}  # two authors of that name, two roles
    assert named(["박들륜 Daniel"], ["박들륜 (TA)"]) == {}  # a word, not a garbled role
    assert named(["박들론 (14)"], ["박들륜 (TA)"]) == {}  # no Hangul letter is changed
    assert named(["박들륜 (14)"], []) == {}


def test_a_two_letter_latin_word_beside_hangul_names_a_face_only_as_an_authors(gallery) -> None:
    assert named_alone(gallery, ScriptedReader(["조완해 Ye"]), ["조완해 Ye"]) == {1: "조완해 Ye"}
    assert named_alone(gallery, ScriptedReader(["조완해 Ye"])) == {}  # `김도현 Aa`: a misread, unless an author
    assert named_alone(gallery, ScriptedReader(["조완해 Yo"]), ["조완해 Ye"]) == {}


def test_latin_an_author_spells_read_unsure_is_a_vote_that_a_second_input_must_confirm(gallery) -> None:
    def named(texts: list[str], hints: list[str], confidence: float = 65.0) -> dict:  # `Heo` at 13 px: 59, 50
        return named_alone(gallery, ConfidenceReader(texts, lambda w: 95.0 if w == "Daniel" else confidence), hints)

    assert named(["Daniel Heo"], ["Daniel Heo", "Prof. Lee"]) == {1: "Daniel Heo"}
    assert named(["Daniel Heo"] + ["ㅁ ㅁ"] * 30, ["Daniel Heo"]) == {}  # once: a second input is needed
    assert named(["Daniel Heo"], []) == {}  # no author: the doubt stands
    assert named(["Daniel Hec"], ["Daniel Heo"]) == {}  # no letter is changed
    assert named(["Daniel Heo"], ["Daniel Heo"], confidence=20.0) == {}  # the line's mean under 60


def test_an_authors_hangul_read_sure_beside_its_latin_read_unsure_needs_a_second_input(gallery) -> None:
    def named(texts: list[str], hints: list[str]) -> dict:  # `탁석옥 Jae`: Hangul at 92, `Jae` at 63
        return named_alone(gallery, ConfidenceReader(texts, _hangul_sure(63.0)), hints)

    assert named(["탁석옥 Jae"], ["탁석옥 Jae", "Prof. Lee"]) == {1: "탁석옥 Jae"}
    assert named(["탁석옥 Jae"] + ["ㅁ ㅁ"] * 30, ["탁석옥 Jae"]) == {}  # once: a second input is needed
    assert named(["탁석옥 Jae"], []) == {}
    assert named(["탁석욕 Jae"], ["탁석옥 Jae"]) == {}  # no Hangul letter is changed


def test_a_latin_misread_of_a_chat_author_names_no_one(gallery) -> None:
    assert named_alone(gallery, ScriptedReader(["Do-nyun Kim"]), ["Do-hyun Kim"]) == {}
    assert named_alone(gallery, ScriptedReader(["Do-nyun Kim"])) == {1: "Do-nyun Kim"}  # tiles alone: nothing checks
    assert named_alone(gallery, ScriptedReader(["Do-hyun Kim"]), ["Do-hyun Kim"]) == {1: "Do-hyun Kim"}


def test_a_few_small_letters_read_off_an_icon_after_a_hangul_name_are_no_part_of_it() -> None:
    from core.names.ocr import LineText
    from core.names.tile_names import without_icons

    def line(text: str, words: list[tuple[str, float]]) -> LineText:
        confs = [c for _, c in words]
        return LineText(text, sum(confs) / len(confs), min(confs), words=tuple(words))

    name = [("육", 93.0), ("민", 93.0), ("세", 93.0)]  # Tesseract's words of Hangul are its syllables
    got = without_icons(line("육민세 vu", name + [("vu", 40.0)]))
    assert got.text == "육민세" and got.least == 93.0 and got.words == tuple(name)
    assert without_icons(line("육민세 wv ~", name + [("wv", 60.0), ("~", 40.0)])).text == "육민세"
    # digits (`Ga` read as `68`), a capital (a Latin name read unsure), three letters or a hyphen (a misread name),
    # read sure: part of the name, or a doubt on it
    for word in [("68", 71.0), ("Um", 40.0), ("kwon", 40.0), ("o-hyun", 30.0), ("je", 85.0)]:
        assert without_icons(line("육민세 " + word[0], name + [word])).text == "육민세 " + word[0]
    assert without_icons(line("Daniel eo", [("Daniel", 93.0), ("eo", 40.0)])).text == "Daniel eo"  # no Hangul
    assert without_icons(line("_ae-hyun Kwon", [("_ae-hyun", 21.0), ("Kwon", 94.0)])).text == "_ae-hyun Kwon"
    assert without_icons(line("& 20231457 육민세", [("&", 20.0), ("20231457", 90.0)] + name)).text == "20231457 육민세"
