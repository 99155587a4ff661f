"""One line of printed text read from pixels: Tesseract (through tesserocr) with the shipped kor+eng data.

Cost: a name label upscaled to ~60 px high is 3-20 ms of one core (libtesseract 5.5's LSTM over
one line, tessdata_fast); loading the two language files is ~0.2 s and ~40 MB, once. Tesseract's
API object is not thread-safe, so a `LabelReader` is used by one thread at a time (the name
worker in the window, the frame loop in `analyze`).

Design: the caller cuts and binarises the line (core.names.labels); this module only runs
page-segmentation mode 7 (a single text line) and returns the text with Tesseract's mean word
confidence, so that a read of noise can be told from a name. A missing data file or library is
an `OcrUnavailable` with one line saying which, raised when the reader is built.

**The Korean model's second look.** With kor+eng, Tesseract picks a language per word, and on a
line that also holds Latin (a role `(TA)`, `[Guest]`, a Latin given name) it often takes a Hangul
name for Latin: `BSS (TA)` for 장옥숙 (TA), `Hers Ji` for 표란효 Ji, `Stee (TA)` for 박들륜 (TA).
A line whose reading has a word of Latin letters without Hangul or a bracket is read again by the Korean
model alone (a second API, ~15 MB of RSS, built on first use; one more read of 3-20 ms on those lines
only), and each such word that the Korean model reads, at the same place, as whole syllables it
is sure of (every word >= `SECOND_LOOK_CONFIDENCE`) becomes those syllables, with the Korean
model's symbols (the syllable network then checks them as any other). The Latin words that are
Latin stay: the Korean model reads none (0 of 390 Latin names' readings on the tuning labels). Single
tuning labels (`bench_labels --split tuning --n 100`), the same code with `second_look=False` and with it:
tiles alone 349 -> 352/400, with the chat's authors 382 -> 386/400, no more wrong (3 both). Where kor+eng
only guessed the Latin word (below `GUESSED`: `BES` for 변온솔, `HIS` for 고빈숙), the Korean model's syllables
replace it however unsure (session 24): the namer takes unsure syllables only where the network vouches for them,
so a guess is no longer what blocks them. A Latin word read likelier stays unless the syllables are sure (the
Korean model reads `NOH` of NOH Woo-jin, 76, as 띠야 at 6). Tuning labels at `--n 100` (600, with the bar
style): tiles alone 499 -> 510, with the chat's authors 561 -> 568, no more wrong (8 and 5).

**The Latin model's look.** The other way round, the Korean model (which has digits) takes a Latin given name
after a Hangul one for digits, and is sure of them: `허희보 500` and `900` for 허희보 Soo, `채욱남 560` for 채욱남 Seo,
`추연승 13` for 추연승 Ha, on four or five inputs of six, so the name (no number comes after a name) was never
read. A word of digits after a word with Hangul (`latin_look_due`) is read again by the Latin model alone (a
third API, built on first use) and becomes the Latin letters it reads there, each sure (`latin_merged`). On the
generated labels it read every such word right (`Soo` 90-97, `Seo`, `Ha`, `Daniel`), and what it reads over the
Hangul is never letters it is sure of.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.names.hangul import is_syllable
from core.names.syllables import Symbol
from core.resources import TESSDATA_LANGS, tessdata_dir, tessdata_legacy_dir

SECOND_LOOK_CONFIDENCE = 80.0  # the Korean model's words that replace a Latin one are each at least this sure
SECOND_LOOK_OVERLAP = 0.6  # ... and none lies this much (of the narrower) within another word's columns
GUESSED = 60.0  # a Latin word read less sure than this is no better a reading than any syllables there
_LATIN = re.compile(r"[A-Za-z]")
LATIN_WORD = re.compile(r"^[A-Za-z]+(?:['-][A-Za-z]+)*$")  # a word of Latin letters (hyphens, apostrophes between)
_BRACKET = re.compile(r"[()\[\]{}]")
Box4 = tuple[int, int, int, int]


class OcrUnavailable(RuntimeError):
    """Text cannot be read here (library or language data missing); the message says what is missing."""


@dataclass(frozen=True)
class LineText:
    """What Tesseract read on one line, and how sure it was (0-100: mean over its words, and its least sure word)."""

    text: str
    confidence: float
    least: float = -1.0  # the least sure word's confidence (-1: not known)
    symbols: tuple[Symbol, ...] = ()  # each character and its box in the image read
    words: tuple[tuple[str, float], ...] = ()  # each word and Tesseract's confidence in it, in reading order
    guessed: bool = False  # a Latin word only guessed at became syllables the Korean model was unsure of


class LabelReader:
    """Reads one text line (Hangul and Latin, digits, brackets) from a binarised grey image."""

    def __init__(self, data_dir: str | Path | None = None, langs: tuple[str, ...] = TESSDATA_LANGS,
                 second_look: bool = True, latin_look: bool = True, legacy_dir: str | Path | None = "shipped") -> None:
        data_dir = Path(data_dir) if data_dir is not None else tessdata_dir()
        missing = [f"{lang}.traineddata" for lang in langs if not (data_dir / f"{lang}.traineddata").is_file()]
        if missing:
            raise OcrUnavailable(f"name reading is off: {', '.join(missing)} not found in {data_dir}")
        try:
            import tesserocr
        except ImportError as e:
            raise OcrUnavailable(f"name reading is off: tesserocr is not installed ({e})") from None
        try:
            self._api = tesserocr.PyTessBaseAPI(path=str(data_dir), lang="+".join(langs),
                                                psm=tesserocr.PSM.SINGLE_LINE)
        except RuntimeError as e:
            raise OcrUnavailable(f"name reading is off: Tesseract cannot load {data_dir}: {e}") from None
        self.version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else "?"
        self.calls = 0
        self.second_looks = 0
        self.latin_looks = 0
        self._data_dir = data_dir
        self._second_look = second_look and "kor" in langs and len(langs) > 1
        self._latin_look = latin_look and "eng" in langs and len(langs) > 1
        self._alone: dict[str, object] = {}  # a model alone (lang -> its API), built on first use
        self._legacy = None
        self._legacy_dir = tessdata_legacy_dir() if legacy_dir == "shipped" else (
            Path(legacy_dir) if legacy_dir is not None else None)  # None: no Latin check
        self.latin_checks = 0

    def read(self, line: np.ndarray) -> LineText:
        """The text of a grey uint8 image holding one line, dark text on white (Hangul words the Latin model took
        read again by the Korean model alone, a Latin word the Korean model took for digits by the Latin model
        alone: the module's docstring)."""
        from PIL import Image

        self.calls += 1
        image = Image.fromarray(np.ascontiguousarray(line))
        self._api.SetImage(image)
        text = self._api.GetUTF8Text().strip()
        if not text:
            return LineText("", 0.0, 0.0)
        words = _words(self._api)
        symbols = _symbols(self._api)
        looked = guessed = False
        if self._second_look and any(_second_look_due(w) for w, _, _ in words):
            self.second_looks += 1
            got = self._look("kor", image, words, symbols, korean_merged)
            if got is not None:
                guessed = any(new != old and c < SECOND_LOOK_CONFIDENCE
                              for (old, _, _), (new, c, _) in zip(words, got[0]))
                (words, symbols), looked = got, True
                text = _joined(words)
        if self._latin_look and any(latin_look_due(j, words) for j in range(len(words))):
            self.latin_looks += 1
            got = self._look("eng", image, words, symbols, latin_merged)
            if got is not None:
                # the line as read, but for the words replaced (re-joining its syllables would move its spaces)
                text = _replaced(text, words, got[0])
                (words, symbols), looked = got, True
        if looked:
            confidences = [c for _, c, _ in words]
            return LineText(text, sum(confidences) / len(confidences), min(confidences), symbols,
                            tuple((w, c) for w, c, _ in words), guessed)
        confidences = self._api.AllWordConfidences() or [0]
        return LineText(text, float(self._api.MeanTextConf()), float(min(confidences)), symbols,
                        tuple((w, c) for w, c, _ in words))

    def _look(self, lang: str, image, words: list[Word], symbols: tuple[Symbol, ...],
              merged_by: Callable[[list[Word], list[Word]], tuple[list[Word], list[Box4]]],
              ) -> tuple[list[Word], tuple[Symbol, ...]] | None:
        """The line's words and symbols with the words one model alone (`lang`) reads otherwise at their place
        replaced (`merged_by`: `korean_merged` or `latin_merged`); None when no word is."""
        import tesserocr

        api = self._alone.get(lang)
        if api is None:
            api = self._alone[lang] = tesserocr.PyTessBaseAPI(path=str(self._data_dir), lang=lang,
                                                              psm=tesserocr.PSM.SINGLE_LINE)
        self.calls += 1
        api.SetImage(image)
        api.Recognize()
        merged, replaced = merged_by(words, _words(api))
        if not replaced:
            return None
        kept = [s for s in symbols if not any(_overlap(s.box, b) >= 0.5 for b in replaced)]
        new = [s for s in _symbols(api) if any(_overlap(s.box, b) >= 0.5 for b in replaced)]
        return merged, tuple(sorted(kept + new, key=lambda s: s.box[0]))

    def latin_check(self, line: np.ndarray) -> tuple[tuple[str, float], ...]:
        """The words Tesseract's legacy engine (character shapes, not the LSTM) reads on the line, each with its
        confidence; () when its data is not there (the check is then off: unsure Latin stays unsure)."""
        import tesserocr
        from PIL import Image

        if self._legacy is None:
            if self._legacy_dir is None or not (self._legacy_dir / "eng.traineddata").is_file():
                return ()
            try:
                self._legacy = tesserocr.PyTessBaseAPI(path=str(self._legacy_dir), lang="eng",
                                                       psm=tesserocr.PSM.SINGLE_LINE, oem=tesserocr.OEM.TESSERACT_ONLY)
            except RuntimeError:
                self._legacy_dir = None
                return ()
        self.calls += 1
        self.latin_checks += 1
        self._legacy.SetImage(Image.fromarray(np.ascontiguousarray(line)))
        self._legacy.Recognize()
        return tuple((w, c) for w, c, _ in _words(self._legacy))

    def close(self) -> None:
        """Free Tesseract's memory."""
        api, self._api = self._api, None
        alone, self._alone = self._alone, {}
        legacy, self._legacy = self._legacy, None
        for one in [api, legacy, *alone.values()]:
            if one is not None:
                one.End()


Word = tuple[str, float, Box4]


def korean_merged(words: list[Word], korean: list[Word]) -> tuple[list[Word], list[Box4]]:
    """`words` (kor+eng's) with each word of Latin letters without Hangul or brackets (`_second_look_due`) replaced
    by the Korean model's words there when those are whole syllables, each sure (or at all where the Latin word was
    `GUESSED`: the namer takes unsure syllables only where the syllable network vouches for them), cover the
    word, and reach into no other word; and the boxes replaced."""
    return _merged(words, korean, lambda j, ws: _second_look_due(ws[j][0]), _all_syllables, "", over_unsure=True)


def latin_merged(words: list[Word], latin: list[Word]) -> tuple[list[Word], list[Box4]]:
    """`words` (kor+eng's) with each word of digits after Hangul (`latin_look_due`) replaced by the Latin model's
    words there when those are Latin letters (hyphens and apostrophes between), each sure, cover the word, and
    reach into no other word; and the boxes replaced."""
    return _merged(words, latin, latin_look_due, lambda w: bool(LATIN_WORD.match(w)), " ")


def latin_look_due(j: int, words: list[Word]) -> bool:
    """Whether the Latin model should look again at word `j`: digits and no letter, after a word with Hangul (with
    kor+eng, the Korean model takes a Latin given name after a Hangul one for digits: `허희보 500` for 허희보 Soo,
    `채욱남 560` for 채욱남 Seo, `추연승 13` for 추연승 Ha; a student number comes first, never after the name)."""
    word = words[j][0]
    return (j > 0 and any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word)
            and any(_has_hangul(w) for w, _, _ in words[:j]))


def _merged(words: list[Word], other: list[Word], due: Callable[[int, list[Word]], bool],
            accepted: Callable[[str], bool], joiner: str, over_unsure: bool = False) -> tuple[list[Word], list[Box4]]:
    """`words` with each word `due(j, words)` replaced by `other`'s words at its place (joined by `joiner`) when
    every one is `accepted` and sure (`SECOND_LOOK_CONFIDENCE`; with `over_unsure`, however unsure where the word
    replaced was a guess, below `GUESSED`), they cover the word and reach into no other word; and the boxes
    replaced."""
    merged, replaced = list(words), []
    for j, (_, conf, box) in enumerate(words):
        if not due(j, words):
            continue
        # every word the other model read where this one lies (a part beyond its end included: the first model's
        # box may hold only part of the name), none of them reaching into the line's other words
        there = [v for v in other if _overlap(box, v[2]) > 0]
        others = [b for i, (_, _, b) in enumerate(words) if i != j]
        # a word read as Latin letters only at random (below `GUESSED`) is replaced by any syllables read there; one
        # read unsure, but likelier (`NOH` at 76, `Woo-jin` beside it), only by sure ones (the Korean model reads
        # `NOH` as 띠야 at 6)
        floor = 0.0 if over_unsure and conf < GUESSED else SECOND_LOOK_CONFIDENCE
        if not there or not all(accepted(v[0]) and v[1] >= floor for v in there):
            continue
        if any(_overlap(v[2], b) >= SECOND_LOOK_OVERLAP for v in there for b in others):
            continue
        span = (min(v[2][0] for v in there), box[1], max(v[2][2] for v in there), box[3])
        slack = 0.25 * (box[3] - box[1])
        if span[0] > box[0] + slack or span[2] < box[2] - slack:
            continue  # what was read leaves part of the word unread: a name cut short is a wrong one
        merged[j] = (joiner.join(v[0] for v in there), min(v[1] for v in there), span)
        replaced.append(span)
    return merged, replaced


def _symbols(api) -> tuple[Symbol, ...]:
    import tesserocr

    out = []
    it = api.GetIterator()
    level = tesserocr.RIL.SYMBOL
    while it is not None:
        ch, box = it.GetUTF8Text(level), it.BoundingBox(level)
        if ch and box:
            out.append(Symbol(ch, tuple(box)))
        if not it.Next(level):
            break
    return tuple(out)


def _words(api) -> list[Word]:
    """Each word Tesseract read, its confidence and its box, in reading order."""
    import tesserocr

    out = []
    it = api.GetIterator()
    level = tesserocr.RIL.WORD
    while it is not None:
        try:
            word = it.GetUTF8Text(level)
        except RuntimeError:  # tesserocr raises on a word with no text
            word = ""
        box = it.BoundingBox(level)
        if word and box:
            out.append((word, float(it.Confidence(level)), tuple(box)))
        if not it.Next(level):
            break
    return out


def _second_look_due(word: str) -> bool:
    """Whether the Korean model should look again at a word: Latin letters, no Hangul, no bracket (a role: `(TA)`)."""
    return bool(_LATIN.search(word)) and not _has_hangul(word) and not _BRACKET.search(word)


def _has_hangul(word: str) -> bool:
    return any(is_syllable(ch) for ch in word)


def _all_syllables(word: str) -> bool:
    return bool(word) and all(is_syllable(ch) for ch in word)


def _overlap(a: Box4, b: Box4) -> float:
    """How much of the narrower of two boxes lies within the other's columns."""
    lo, hi = max(a[0], b[0]), min(a[2], b[2])
    return max(0, hi - lo) / max(1, min(a[2] - a[0], b[2] - b[0]))


def _replaced(text: str, before: list[Word], after: list[Word]) -> str:
    """`text` (the line of `before`) with each word that `after` has otherwise written as `after` has it, from the
    end of the line back (a word replaced is a later word's text)."""
    for (old, _, _), (new, _, _) in reversed(list(zip(before, after))):
        if new != old:
            i = text.rfind(old)
            text = text[:i] + new + text[i + len(old):] if i >= 0 else text
    return text


def _joined(words: list[Word]) -> str:
    """The words as a line: Tesseract gives Hangul syllables as words of their own; syllables closer than a third
    of the line's height are one word, as Tesseract's own text writes them."""
    parts: list[tuple[str, int]] = []
    for w, _, box in words:
        if parts and _all_syllables(w) and _all_syllables(parts[-1][0]) and box[0] - parts[-1][1] < 0.35 * (
                box[3] - box[1]):
            parts[-1] = (parts[-1][0] + w, box[2])
        else:
            parts.append((w, box[2]))
    return " ".join(p for p, _ in parts)


def create_reader() -> tuple[LabelReader | None, str | None]:
    """A reader with the shipped data, or (None, the one line saying why name reading is off)."""
    try:
        return LabelReader(), None
    except OcrUnavailable as e:
        return None, str(e)
