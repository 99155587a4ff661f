"""Display names as students set them, drawn at random from many surnames and given-name syllables.

Not a fixed list: a gallery's names come from its seed, so a held-out seed's names were never
seen while tuning. Forms (shares roughly as in a Korean university class): Hangul `성명` of 2-4
syllables (one-syllable given names and two-syllable surnames included), a space between surname
and given name, a student number first, a role in brackets, romanised `First Last` (hyphenated
given names), Latin-first or Hangul-first mixed scripts, and a one-syllable nickname now and then.
"""

from __future__ import annotations

import numpy as np

SURNAMES = ("김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송",
            "류", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "유", "남", "심", "노", "하", "곽", "성", "차",
            "주", "우", "구", "민", "진", "나", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여",
            "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금", "옥",
            "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용", "예", "경", "봉", "사", "부", "황보")
DOUBLE_SURNAMES = ("남궁", "제갈", "선우", "독고", "황보", "사공")
GIVEN = ("민", "준", "서", "연", "도", "현", "지", "우", "하", "은", "윤", "예", "채", "원", "시", "유", "주", "소", "희",
         "다", "호", "태", "양", "나", "리", "성", "진", "수", "아", "빈", "율", "린", "혁", "재", "영", "훈", "경", "정",
         "솔", "별", "찬", "승", "건", "규", "석", "환", "범", "동", "상", "철", "미", "선", "혜", "인", "정", "세", "형",
         "기", "용", "한", "결", "겸", "람", "슬", "온", "담", "들", "새", "봄", "늘", "해", "이", "가", "보", "효", "향",
         "란", "숙", "옥", "순", "남", "석", "웅", "평", "강", "산", "빛", "찬", "휘", "완", "욱", "록", "륜", "겸", "치")
ROMAN_GIVEN = ("Minjun", "Seo-yeon", "Ji-woo", "Hyunwoo", "Da-eun", "Yuna", "Jae-hyun", "Sol", "Eun-ji", "Taeyang",
               "Ha-rin", "Sung-min", "Yerin", "Do-hyun", "Soo-ah", "Kevin", "Anna", "Daniel", "Grace", "Brian",
               "Jin-ho", "Min-seo", "Chae-won", "Ye-jun", "Ga-eun", "Joon", "Hana", "Sora", "Woo-jin", "Bora")
ROMAN_SURNAMES = ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
                  "Shin", "Kwon", "Hwang", "Ahn", "Song", "Ryu", "Jeon", "Hong", "Ko", "Moon", "Yang", "Son", "Bae",
                  "Baek", "Heo", "Yoo", "Nam", "Shim", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo", "Koo",
                  "Min", "Jin", "Na", "Ji", "Um", "Chae", "Won", "Chun", "Bang", "Gong", "Hyun")
ROLES = ("(조교)", "(TA)", "[조장]", "(교수)", "(반장)", "[Guest]")


def _hangul(rng: np.random.Generator) -> tuple[str, str]:
    """(surname, given name) in Hangul."""
    surname = str(rng.choice(DOUBLE_SURNAMES)) if rng.random() < 0.05 else str(rng.choice(SURNAMES))
    n = 1 if rng.random() < 0.12 else 2
    return surname, "".join(str(rng.choice(GIVEN)) for _ in range(n))


def display_name(rng: np.random.Generator) -> str:
    """One display name, in one of the forms students use."""
    form = rng.random()
    surname, given = _hangul(rng)
    if form < 0.45:
        return surname + given
    if form < 0.53:
        return f"{surname} {given}"
    if form < 0.63:
        return f"{int(rng.integers(2019, 2026))}{int(rng.integers(1000, 9999)):04d} {surname}{given}"
    if form < 0.70:
        return f"{surname}{given} {rng.choice(ROLES)}"
    if form < 0.82:
        return f"{rng.choice(ROMAN_GIVEN)} {rng.choice(ROMAN_SURNAMES)}"
    if form < 0.88:
        return f"{rng.choice(ROMAN_SURNAMES).upper()} {rng.choice(ROMAN_GIVEN)}"
    if form < 0.94:
        return f"{surname}{given} {rng.choice(ROMAN_GIVEN).split('-')[0]}"  # mixed: Hangul then Latin
    if form < 0.97:
        return f"{rng.choice(ROMAN_GIVEN)} {surname}{given}"  # mixed: Latin then Hangul
    return given[:1] if len(given) == 1 else given  # a nickname of one or two syllables


def class_names(n: int, seed: int) -> list[str]:
    """`n` different display names for one class (no two alike once case and spaces are ignored)."""
    from core.names.names import letters

    rng = np.random.default_rng(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        name = display_name(rng)
        key = letters(name)
        if key in seen or any(key in s or s in key for s in seen if min(len(s), len(key)) >= 4):
            continue
        seen.add(key)
        out.append(name)
    return out
