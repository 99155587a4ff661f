from __future__ import annotations

import pytest

from core.names.names import (
    MAX_NAME_CHARS,
    best_match,
    clean_name,
    core_name,
    edit_distance,
    find_face,
    letters,
    name_distance,
)


@pytest.mark.parametrize("raw, clean", [
    ("  김민준  ", "김민준"),
    ("Park\tJiwoo", "Park Jiwoo"),
    ("\u202e서유진\u200b (조교)", "서유진 (조교)"),  # bidi override and zero-width space removed
    ("김\u1106\u1175\u11ab", "김민"),  # conjoining jamo composed (NFC)
    ("=1+1", "=1+1"),  # formulas are guarded where written, not here
    ("...", ""),
    ("|-_-|", ""),
    ("", ""),
])
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_clean_name_caps_length() -> None:
    assert len(clean_name("가" * 300)) == MAX_NAME_CHARS


def test_core_name_drops_brackets_and_numbers() -> None:
    assert core_name("20231457 강서준") == "강서준"
    assert core_name("서유진 (조교)") == "서유진"
    assert core_name("[TA] Park Jiwoo") == "Park Jiwoo"
    assert core_name("2023") == ""


def test_hangul_compares_by_jamo() -> None:
    assert len(letters("민준")) == 6 and letters("민준") == "\u1106\u1175\u11ab\u110c\u116e\u11ab"  # ㅁㅣㄴㅈㅜㄴ
    # one wrong vowel in a syllable: one edit of nine letters, not a syllable of three
    assert edit_distance(letters("김민준"), letters("김민준")) == 0
    assert name_distance("서연", "서언") == pytest.approx(1 / 5)
    assert name_distance("한지호", "힌지호") == pytest.approx(1 / 7)
    assert name_distance("Park Jiwoo", "park jiwoo") == 0
    assert name_distance("20231457 강서준", "강서준") == 0
    assert name_distance("김민준", "Park Jiwoo") == 1.0


def test_edit_distance() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "abc") == 0


def test_best_match_fixes_small_ocr_errors() -> None:
    roster = ["김민준", "이서연", "Park Jiwoo", "20231457 강서준", "서유진 (조교)"]
    assert best_match("이서언", roster) == "이서연"
    assert best_match("Park Jiw0o", roster) == "Park Jiwoo"
    assert best_match("강서준", roster) == "20231457 강서준"
    assert best_match("서유진", roster) == "서유진 (조교)"
    assert best_match("최하은", roster) is None
    assert best_match("", roster) is None
    assert best_match("김민준", []) is None


def test_best_match_refuses_ambiguity() -> None:
    assert best_match("김민주", ["김민준", "김민수"]) is None
    assert best_match("김민준", ["김민준", "김민준"]) == "김민준"


def test_find_face() -> None:
    names = {3: "김민준", 7: "20231457 강서준", 9: "Park Jiwoo"}
    assert find_face("강서준", names) == 7
    assert find_face("park jiwoo", names) == 9
    assert find_face("Teacher", names) is None
    assert find_face("김민준", {1: "김민준", 2: "김민준"}) is None
    assert find_face("", names) is None


def test_a_reading_needs_a_letter_to_be_a_name() -> None:
    from core.names.names import clean_reading

    assert clean_reading("24") == "" and clean_reading("| 14 .") == ""
    assert clean_reading("20231457 강서준") == "20231457 강서준"
    assert clean_reading("Minjun 21") == "Minjun 21"


@pytest.mark.parametrize("read, name", [
    ("20217637금미인", "20217637 금미인"),  # the space after a student number lost (single tuning labels, 11-16 px)
    ("20218268.편희희", "20218268 편희희"),
    ("노새지 {반장}", "노새지 (반장)"),  # braces for brackets
    ("노새지 (반장}", "노새지 (반장)"),
    ("경옥봄(교수}", "경옥봄 (교수)"),  # a role glued to the name
    ("홍길동[조장)", "홍길동 [조장]"),
    ("용규효 (TA;", "용규효 (TA)"),  # a role's closing bracket read as a speck (tuning Teams 7x7, 13 px)
    ("용규효 (TAi", "용규효 (TA)"),
    ("노새지 (반장l", "노새지 (반장)"),
    ("방동민 [Guest;", "방동민 [Guest]"),
    ("권혜 (TA,", "권혜 (TA)"),  # read so on five inputs of the tuning 720p Teams gallery (13 px)
    ("방동민 [Guest,", "방동민 [Guest]"),
    ("람", "람"),  # a one-syllable nickname is a name; one Latin letter or digit is a speck
    ("2019569C 주완하", "20195690 주완하"),  # one letter for a digit of a student number (tuning Teams 7x7, 13 px)
    ("2O195690 주완하", "20195690 주완하"),
])
def test_ocr_spacing_and_brackets_are_put_back_as_display_names_have_them(read: str, name: str) -> None:
    from core.names.names import clean_reading, plausible_name

    assert clean_reading(read) == name and plausible_name(name)


def test_an_unclosed_bracket_is_closed_only_where_nothing_inside_is_in_doubt() -> None:
    from core.names.names import clean_reading, plausible_name

    # `l` may be Guest's; a Latin name; a role alone; nothing after the word (a cut may have lost more)
    for read in ["방동민 (Guestl", "Daniel (Kim", "(TA;", "경옥봄 (교수"]:
        assert not plausible_name(clean_reading(read))


def test_only_a_leading_number_with_one_lookalike_letter_is_a_student_number() -> None:
    from core.names.names import clean_reading, plausible_name

    # two letters, a number too short, a number after the name, a number alone: no digit is guessed
    for read in ["20I9S690 주완하", "2019C 주완하", "Brian 2019569C", "2019569C"]:
        assert not plausible_name(clean_reading(read)), read
    assert clean_reading("Cho 김민준") == "Cho 김민준"


@pytest.mark.parametrize("read", ["a", "7", "ㅁ", "| .", "2021 4"])
def test_a_speck_is_still_no_reading(read: str) -> None:
    from core.names.names import clean_reading

    assert clean_reading(read) == ""


@pytest.mark.parametrize("read, hints, name", [
    ("Yejun Ha", ["YE-JUN HA", "Prof. Lee"], "Ye-jun Ha"),  # OCR dropped the hyphen; the reading's case stays
    ("방리", ["20231401 방 리"], "방 리"),  # and the space between one-syllable words (tuning labels: 노 산, 강 해)
    ("20231401 Yejun Ha (TA)", ["Ye-jun Ha"], "20231401 Ye-jun Ha (TA)"),  # number and role as read
    ("김민준", ["김 민준", "김민 준"], "김민준"),  # two spellings: not knowable, as read
    ("김민준", ["김민지"], "김민준"),  # other letters: never changed
])
def test_a_reading_takes_the_chats_spacing_and_hyphens_never_its_letters(read: str, hints: list, name: str) -> None:
    from core.names.names import respelled

    assert respelled(read, hints) == name


@pytest.mark.parametrize("read, hints, name", [
    ("채욱남 560", ["채욱남 Seo"], "채욱남 Seo"),  # the Latin part read as digits (tuning Teams 7x7, 13 px)
    ("20231457 채욱남 560 (TA)", ["채욱남 Seo (TA)"], "20231457 채욱남 Seo (TA)"),  # number and role as read
    ("Danie1 김민준", ["Daniel 김민준", "Prof. Lee"], "Daniel 김민준"),  # the words in the author's order
    ("Danie1 김민준", ["Daniel 김민준", "김민준 Kevin"], None),  # two authors share the Hangul
    ("채욱남 560", ["채욱남 Daniel"], None),  # 3 characters read, 6 written
    ("채욱남 560", ["채욱남 Seo", "채욱남 Sol"], None),  # two authors fit
    ("채욱남", ["채욱남 Seo"], None),  # nothing to complete: a name of its own
    ("남 560", ["남 Seo"], None),  # one syllable is too little to go by
])
def test_a_latin_part_is_completed_only_by_the_one_author_whose_hangul_it_spells(read, hints, name) -> None:
    from core.names.names import latin_completed

    assert latin_completed(read, hints) == name


@pytest.mark.parametrize("read, hints, name", [
    ("20195696 주완하", ["20195690 주완하"], "20195690 주완하"),  # one digit misread (tuning Teams 7x7)
    ("20195696 주완하 (TA)", ["20195690 주완하"], "20195690 주완하 (TA)"),
    ("20195666 주완하", ["20195690 주완하"], "20195666 주완하"),  # two digits: as read
    ("20195696 주완하", ["20195690 주완하", "20195691 주완하"], "20195696 주완하"),  # two authors of that name
    ("20195696 주완혀", ["20195690 주완하"], "20195696 주완혀"),  # another name proper
    ("주완하", ["20195690 주완하"], "주완하"),  # no number read: none added
])
def test_a_student_number_one_digit_off_is_the_authors(read, hints, name) -> None:
    from core.names.names import numbered_as

    assert numbered_as(read, hints) == name


@pytest.mark.parametrize("read, hints, name", [
    ("박들륜 (14)", ["박들륜 (TA)"], "박들륜 (TA)"),  # tuning labels: `(TA)` read as digits, a bracket dropped
    ("남궁리채 (Bu", ["남궁리채 (조교)"], "남궁리채 (조교)"),
    ("배혁 ITA,", ["배혁 (TA)"], "배혁 (TA)"),  # no bracket, but a few characters
    ("20231234 배혁 (T4)", ["배혁 (TA)"], "20231234 배혁 (TA)"),  # the number as read
    ("박들륜", ["박들륜 (TA)"], None),  # nothing read after the name: no role added
    ("박들륜 Daniel", ["박들륜 (TA)"], None),  # a word
    ("박들륜 (14)", ["박들륜 (TA)", "박들륜 [조장]"], None),  # two roles
    ("박들륜 (14)", ["박들륜"], None),  # the author has no role
    ("Kim (14)", ["Kim (TA)"], None),  # Hangul names only
])
def test_a_garbled_role_is_the_one_authors_of_that_hangul_name(read, hints, name) -> None:
    from core.names.names import role_completed

    assert role_completed(read, hints) == name


def test_an_authors_latin_letter_or_two_read_otherwise_is_that_author_misread() -> None:
    from core.names.names import latin_misread

    authors = ["Do-hyun Kim", "권경 Bora", "20231457 Sol Ha (TA)", "김민준"]
    assert latin_misread("Do-nyun Kim", authors)  # Tesseract's repeated misread of the author
    assert latin_misread("권경 Sora", authors)
    assert latin_misread("20231457 Sol He", authors)
    assert not latin_misread("Do-hyun Kim", authors)  # the author's own name
    assert not latin_misread("권경 Bora", ["권경 Bora", "권경 Sora"])  # another author's: both exist
    assert not latin_misread("권겸 Sora", authors)  # its Hangul is no author's
    assert not latin_misread("Daniel Kim", authors)  # far from every author
    assert not latin_misread("Do-nyun", authors)  # another number of Latin words
    assert not latin_misread("김민준", authors)  # no Latin: the syllable network checks Hangul
    assert not latin_misread("Do-nyun Kim", [])
