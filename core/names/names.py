"""Participants' names as text: cleaning what a screen or a file gave, and matching one name to another.

Names reach EmoSync from places that never agree to the letter: OCR of a tile's label (연 read
as 언, a bracket dropped), a participants list, the author field of a chat file or transcript,
and what the teacher types. They are untrusted text, shown in the window, written to CSV and
put into HTML, so they are cleaned first: NFC, no control or format characters (bidi overrides,
zero-width marks), white space folded, at most `MAX_NAME_CHARS`, and nothing without a letter or
digit.

Matching compares Hangul by its letters (jamo, Unicode's own decomposition), so one wrong
vowel costs one edit of the syllable's two or three letters, not a whole syllable, and Latin
case-insensitively. A name is compared whole and by its core (without bracketed parts such as
`(조교)` or `[TA]` and without tokens of digits such as a student number), whichever is
nearer, so `20231457 강서준` and `강서준` are one person. The cost is an edit distance over
~30 letters per pair: a reading against a class list of 50 names is well under a millisecond,
nothing next to the OCR that produced it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

MAX_NAME_CHARS = 100
# Two names this far apart (edits per letter of the longer) may still be one person misread.
MATCH_DISTANCE = 0.25
# The best candidate must be this much nearer than the next one, else the match is ambiguous.
MATCH_MARGIN = 0.08

_BRACKETED = re.compile(r"[(\[{（［【][^)\]}）］】]*[)\]}）］】]")
_SPACES = re.compile(r"\s+")


def has_letters(text: str) -> bool:
    """Whether `text` holds a letter or a digit (any script)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def clean_name(text: str) -> str:
    """The name as it may be shown and stored: NFC, no control/format characters, spaces folded,
    at most MAX_NAME_CHARS; "" when nothing in it is a letter or a digit."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch)[0] != "C" or ch.isspace())
    text = _SPACES.sub(" ", text).strip()[:MAX_NAME_CHARS].strip()
    return text if has_letters(text) else ""


_EDGE_JUNK = re.compile(r"^[^\w(\[{（［【]+|[^\w)\]}）］】]+$")
MIN_READING_CHARS = 2  # letters and digits; OCR of a speck gives one at most (but a whole Hangul syllable)
# What OCR makes of a label's punctuation and spacing, put back as display names write it (measured on
# single tuning labels: `20217637금미인`, `20218268.편희희`, `노새지 {반장}`, `(반장}`, `경옥봄(교수}`)
_GLUED_NUMBER = re.compile(r"^(\d{4,})[.,]?(?=[^\d\s.,])")
_BRACES = str.maketrans({"{": "(", "}": ")"})
# Letters OCR reads for a digit of a student number (`2019569C` for 20195690), and how long a number must be for
# one of them to be taken as its digit: a Latin word is never six digits and a letter.
_DIGIT_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "Q": "0", "C": "0", "l": "1", "I": "1", "i": "1", "|": "1",
                     "Z": "2", "z": "2", "S": "5", "G": "6", "b": "6", "B": "8", "g": "9", "q": "9"}
STUDENT_NUMBER_MIN = 6
_OPEN_GLUED = re.compile(r"(?<=[\w.])(?=[(\[])")
_ROLE_BRACKETS = re.compile(r"([(\[])([^()\[\]]*)[)\]]")
# A role's closing bracket OCR lost or read as a speck at small sizes (tuning galleries: `용규효 (TA;`,
# `(TAi`, `권혜 (TA,` on five inputs of the 720p Teams gallery): closed when what is inside is an upper-case
# or Hangul word and a speck follows (a lower-case letter after it is no part of it), or a capitalised word
# and punctuation; `(Guestl` stays as read, and so does a bracket with nothing after its word (`경옥봄(교수`:
# the cut may have lost more than a bracket).
_UNCLOSED_ROLE = re.compile(r"(?<=.)([(\[{])(?:([A-Z]{1,6}|[\uac00-\ud7a3]{1,6})[;:|!1ilj,]|([A-Z][a-z]{1,10})[;:|!1,])$")


def clean_reading(text: str) -> str:
    """An OCR reading as a name: `clean_name`, without the specks OCR reads at a label's edges
    (`|`, `.`, `'`) nor tokens of punctuation alone, its spacing and brackets as display names have
    them (a student number glued to the name gets its space, `{` is `(`, a role's closing bracket
    matches its opening one, and is put back where OCR lost it: `(TA;`; a leading student number read with one
    letter for a digit is the number: `2019569C`); "" when fewer than two letters or digits remain (one Hangul
    syllable is a name: a nickname), or no letter at all."""
    tokens = [t for t in clean_name(text).split() if has_letters(t)]
    if len(tokens) > 1:
        tokens[0] = _student_number(tokens[0])
    name = _UNCLOSED_ROLE.sub(lambda m: m[1] + (m[2] or m[3]) + ("]" if m[1] == "[" else ")"), " ".join(tokens))
    name = _EDGE_JUNK.sub("", name).strip()
    name = _GLUED_NUMBER.sub(r"\1 ", name.translate(_BRACES))
    name = _ROLE_BRACKETS.sub(lambda m: m[1] + m[2] + (")" if m[1] == "(" else "]"), _OPEN_GLUED.sub(" ", name))
    syllable = len(name) == 1 and "\uac00" <= name <= "\ud7a3"
    if sum(unicodedata.category(ch)[0] in "LN" for ch in name) < MIN_READING_CHARS and not syllable:
        return ""
    if not any(ch.isalpha() for ch in name):  # digits alone are a tile's number or a misread, not a name
        return ""
    return clean_name(name)


# Roles people and conference tools put in brackets after a name (Zoom: Host, Co-host, Guest, me; in Korean
# 호스트, 공동 호스트, 게스트, 나; classes add their own), case folded. A role from this list is read as one
# even where Tesseract was unsure of it: its few letters and glued bracket read with low confidence
# (`(TA)` at 38 beside its name at 93), and it says nothing about who the student is.
KNOWN_ROLES = frozenset({
    "ta", "조교", "조장", "반장", "부반장", "회장", "교수", "교수님", "강사", "선생님", "학생", "튜터", "tutor", "팀장",
    "guest", "게스트", "host", "호스트", "co-host", "cohost", "공동 호스트", "공동호스트", "me", "나", "prof", "prof.",
    "professor", "teacher", "instructor", "presenter", "발표자", "moderator", "진행자", "interpreter", "통역",
    "external", "외부", "organizer", "panelist", "패널리스트", "attendee", "참석자", "leader",
})


def known_roles(name: str) -> bool:
    """Whether `name` has bracketed parts and every one is a known role (`KNOWN_ROLES`)."""
    parts = [p[1:-1].strip().casefold() for p in _BRACKETED.findall(clean_name(name))]
    return bool(parts) and all(p in KNOWN_ROLES for p in parts)


def _student_number(token: str) -> str:
    """A leading token of digits but one letter that looks like a digit, as that number (`2019569C` is
    20195690); any other token as it is."""
    odd = [ch for ch in token if not ch.isdigit()]
    if len(token) < STUDENT_NUMBER_MIN or len(odd) != 1 or odd[0] not in _DIGIT_LOOKALIKES:
        return token
    return token.replace(odd[0], _DIGIT_LOOKALIKES[odd[0]])


def core_name(name: str) -> str:
    """The person's name proper: without bracketed parts and without tokens made only of digits."""
    name = _BRACKETED.sub(" ", clean_name(name))
    return " ".join(t for t in name.split() if not t.isdigit())


@lru_cache(maxsize=8192)  # asked of the same few names every frame (`Votes.pending` for each face)
def letters(name: str) -> str:
    """What matching compares: Hangul as jamo, case folded, without spaces and punctuation."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch)[0] in "LN")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute, each 1)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _distance(a: str, b: str) -> float:
    la, lb = letters(a), letters(b)
    if not la or not lb:
        return 1.0
    return edit_distance(la, lb) / max(len(la), len(lb))


def name_distance(a: str, b: str) -> float:
    """0 for the same person's name, 1 for nothing in common: the nearer of the whole names and their cores."""
    whole = _distance(clean_name(a), clean_name(b))
    ca, cb = core_name(a), core_name(b)
    return min(whole, _distance(ca, cb)) if ca and cb else whole


def best_match(reading: str, candidates: Iterable[str], max_distance: float = MATCH_DISTANCE,
               margin: float = MATCH_MARGIN) -> str | None:
    """The candidate `reading` most likely names, or None when none is near enough or two are equally near.

    Candidates that are the same name twice (a list with duplicates) do not make it ambiguous.
    """
    scored = sorted({(name_distance(reading, c), c) for c in set(candidates) if clean_name(c)})
    if not scored or scored[0][0] > max_distance:
        return None
    best_d, best = scored[0]
    rival = next((d for d, c in scored[1:] if clean_name(c) != clean_name(best)), None)
    if rival is not None and rival - best_d < margin:
        return None
    return best


def near_any(name: str, others: Iterable[str], max_distance: float = MATCH_DISTANCE) -> bool:
    """Whether `name` is within `max_distance` of any of `others` (the same person, perhaps misread)."""
    return any(name_distance(name, o) <= max_distance for o in others if clean_name(o))


def find_face(name: str, names: Mapping[int, str], max_distance: float = MATCH_DISTANCE) -> int | None:
    """The face id whose name `name` is (e.g. a chat message's author among the faces' names), or None.

    The chat's one rule, for `analyze` (`ChatAttribution`) and the window (`core/live/engine.py`): the
    faces' names are confirmed ones only (the namer publishes nothing else), and an author who
    matches none, or two equally, gets no face: the message waits rather than going to a misread.
    """
    if not clean_name(name):
        return None
    by_name: dict[str, list[int]] = {}
    for face_id, face_name in names.items():
        by_name.setdefault(face_name, []).append(face_id)
    match = best_match(name, by_name, max_distance)
    if match is None or len(by_name[match]) != 1:  # two faces of one name: not knowable from the name
        return None
    return by_name[match][0]


_HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]+$")
_LATIN_PART = re.compile(r"^(?:[A-Z]?[a-z]+|[A-Z]+)$")
_ROLE = re.compile(r"^[(\[][\uac00-\ud7a3A-Za-z .]+[)\]]$")
_ROLE_OR_WORD = re.compile(r"[(\[][^()\[\]]*[)\]]|\S+")


def _latin_word(token: str) -> bool:
    parts = token.rstrip(".").split("-")
    return all(_LATIN_PART.match(p) for p in parts)


def plausible_name(text: str, latin_beside: int = 3) -> bool:
    """Whether a reading can be a display name as people set them, so that a misread is no name.

    Words of whole Hangul syllables (no bare jamo, no digit inside), Latin words (capitalised,
    upper or lower case, parts joined by hyphens), at most one number and only before the name (a
    student number), bracketed roles. A name made of Latin alone is two words, or one of four
    letters or more (`Bus`, `Le` are what OCR makes of Hangul it cannot read); beside Hangul a
    Latin word has `latin_beside` letters or more (`김도현 Aa`; the namer allows two, `조완해 Ye`,
    where a chat author spells the reading letter for letter).
    """
    text = clean_name(text)
    if not text or len(text) > MAX_NAME_CHARS:
        return False
    tokens = _ROLE_OR_WORD.findall(text)
    hangul: list[str] = []
    latin: list[str] = []
    for i, token in enumerate(tokens):
        if _HANGUL_WORD.match(token):
            hangul.append(token)
        elif _latin_word(token):
            latin.append(token)
        elif token.isdigit() and i == 0 and len(tokens) > 1:
            continue
        elif _ROLE.match(token) and len(tokens) > 1:
            continue
        else:
            return False
    if not hangul and not latin:
        return False
    if not hangul:
        longest = max(len(w.replace("-", "").rstrip(".")) for w in latin)
        return len(latin) >= 2 and all(len(w) >= 2 for w in latin) or longest >= 4
    return all(len(w.replace("-", "")) >= latin_beside for w in latin)


def _spelling(core: str) -> str:
    """A name proper's letters and digits as written (case kept), for comparing two spellings of one name."""
    return "".join(ch for ch in unicodedata.normalize("NFC", core) if unicodedata.category(ch)[0] in "LN")


def respelled(reading: str, hints: Iterable[str]) -> str:
    """`reading` with its name proper spaced and punctuated as a hint (a chat author) writes the same letters.

    Only spaces, hyphens and dots move: the reading's letters, their case, its student number and its
    role stay as read (`Yejun Ha` with the author `YE-JUN HA` is `Ye-jun Ha`; `방리` with `20231401 방 리` is
    `방 리`). OCR drops a hyphen or the space between one-syllable words; the chat's author field has them.
    Unchanged when no hint has the same letters, or two hints space them differently.
    """
    tokens = _ROLE_OR_WORD.findall(clean_name(reading))
    kept = [not (t.isdigit() and i == 0 or _ROLE.match(t)) for i, t in enumerate(tokens)]
    if True not in kept:
        return reading
    first = kept.index(True)
    last = len(kept) - 1 - kept[::-1].index(True)
    if not all(kept[first : last + 1]):
        return reading
    core = " ".join(tokens[first : last + 1])
    letters_read = _spelling(core)
    forms = {c for c in (core_name(h) for h in hints) if c and _spelling(c).casefold() == letters_read.casefold()}
    shapes = {"".join("*" if unicodedata.category(ch)[0] in "LN" else ch for ch in unicodedata.normalize("NFC", f))
              for f in forms}
    if len(shapes) != 1:
        return reading
    chars = iter(letters_read)
    spelled = "".join(next(chars) if ch == "*" else ch for ch in shapes.pop())
    return clean_name(" ".join([*tokens[:first], spelled, *tokens[last + 1 :]]))


LATIN_MISREAD_EDITS = 2  # Latin letters of an author's name a reading may have otherwise and still be that author misread


def latin_misread(reading: str, hints: Iterable[str]) -> bool:
    """Whether `reading` is a hint's (a chat author's) name with one or two of its Latin letters read otherwise
    (`Do-nyun Kim` with the author `Do-hyun Kim`): its Hangul words are the author's letter for letter, its Latin
    words as many. Tesseract repeats such a misread on every input, and no second reader checks Latin: the author
    shows which spelling exists. A reading that is itself an author's is none."""
    def split(name: str) -> tuple[list[str], list[str]]:
        words = core_name(name).split()
        return [w for w in words if _HANGUL_WORD.match(w)], [w for w in words if _latin_word(w)]

    hangul, latin = split(reading)
    own = letters(core_name(reading))
    if not latin or any(letters(core_name(hint)) == own for hint in hints):
        return False
    mine = letters(" ".join(latin))
    return any(h_hangul == hangul and len(h_latin) == len(latin)
               and 0 < edit_distance(letters(" ".join(h_latin)), mine) <= LATIN_MISREAD_EDITS
               for h_hangul, h_latin in map(split, hints))


def latin_completed(reading: str, hints: Iterable[str]) -> str | None:
    """`reading` with the part that is not Hangul written as the one hint (a chat author) has it, when that hint's
    Hangul words are the reading's letter for letter (two syllables at least), in the same order among its other
    words, and its Latin part is about as long as what was read there (one letter more or less): `채욱남 560`
    with the author `채욱남 Seo` is `채욱남 Seo` (OCR reads a small Latin word after Hangul as digits). The
    reading's student number and roles stay. None when no hint fits, or when two hints share those Hangul words.
    """
    tokens = _ROLE_OR_WORD.findall(clean_name(reading))
    lead = tokens[:1] if len(tokens) > 1 and tokens[0].isdigit() else []
    body = tokens[len(lead):]
    roles = []
    while body and _ROLE.match(body[-1]):
        roles.insert(0, body.pop())

    def parts(words: list[str]) -> tuple[list[str], list[str], int]:
        shape = ["H" if _HANGUL_WORD.match(w) else "x" for w in words]
        return shape, [w for w in words if _HANGUL_WORD.match(w)], sum(len(w) for w in words if not _HANGUL_WORD.match(w))

    shape, hangul, rest = parts(body)
    if "x" not in shape or sum(len(w) for w in hangul) < 2:
        return None
    fits, sharing = set(), set()
    for hint in hints:
        core = core_name(hint)
        words = core.split()
        h_shape, h_hangul, h_rest = parts(words)
        if h_hangul != hangul:
            continue
        sharing.add(core)
        latin = [w for w, k in zip(words, h_shape) if k == "x"]
        if h_shape == shape and all(_latin_word(w) for w in latin) and abs(h_rest - rest) <= 1:
            fits.add(core)
    if len(fits) != 1 or len(sharing) != 1:
        return None
    return clean_name(" ".join([*lead, fits.pop(), *roles]))


_ROLE_JUNK = re.compile(r"[()\[\]{}]")
ROLE_JUNK_CHARS = 4  # a role OCR garbled without a bracket (`ITA,` for `(TA)`) is this short


def role_completed(reading: str, hints: Iterable[str]) -> str | None:
    """`reading` with the role of the one hint (a chat author) whose name proper it spells, when what follows
    that name in the reading is no name but a role OCR could not read: a bracket in it, or a few characters
    (`박들륜 (14)`, `남궁리채 (Bu`, `배혁 ITA,` with the author `배혁 (TA)`: bracketed letters at 11-19 px read
    worst of a label's parts). The name proper must be the author's letter for letter and Hangul (two syllables
    at least); the reading's student number stays. None when no hint fits, two hints of that name have other
    roles, or nothing was read after the name (a cut that ended there: a name of its own).
    """
    tokens = clean_name(reading).split()
    lead = tokens[:1] if len(tokens) > 1 and tokens[0].isdigit() else []
    body = tokens[len(lead):]
    words = []
    while body and _HANGUL_WORD.match(body[0]):
        words.append(body.pop(0))
    tail = " ".join(body)
    if not words or not tail or sum(len(w) for w in words) < 2:
        return None
    if not _ROLE_JUNK.search(tail) and len(tail) > ROLE_JUNK_CHARS:
        return None
    key = _spelling(" ".join(words))
    roles = set()
    for hint in hints:
        parts = _BRACKETED.findall(clean_name(hint))
        if parts and _spelling(core_name(hint)) == key and _HANGUL_WORD.match(core_name(hint).replace(" ", "")):
            roles.add(" ".join(parts))
    if len(roles) != 1:
        return None
    return clean_name(" ".join([*lead, *words, roles.pop()]))


def numbered_as(reading: str, hints: Iterable[str]) -> str:
    """`reading` with its student number as the one hint of the same name proper writes it, when the two numbers
    are as long and differ in one digit (OCR reads `0` as `6`, `1` as `7`: `20195696 주완하` with the author
    `20195690 주완하` is `20195690 주완하`); unchanged otherwise."""
    tokens = clean_name(reading).split()
    if len(tokens) < 2 or not tokens[0].isdigit():
        return reading
    key = _spelling(core_name(reading)).casefold()
    numbers = {t[0] for t in (clean_name(h).split() for h in hints)
               if len(t) > 1 and t[0].isdigit() and _spelling(core_name(" ".join(t))).casefold() == key}
    if len(numbers) != 1:
        return reading
    number = numbers.pop()
    if len(number) != len(tokens[0]) or sum(a != b for a, b in zip(number, tokens[0])) != 1:
        return reading
    return clean_name(" ".join([number, *tokens[1:]]))
