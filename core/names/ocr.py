"""One line of printed text read from pixels: Tesseract (through tesserocr) with the shipped kor+eng data.

Cost: a name label upscaled to ~60 px high is 3-20 ms of one core (libtesseract 5.5's LSTM over
one line, tessdata_fast); loading the two language files is ~0.2 s and ~40 MB, once. Tesseract's
API object is not thread-safe, so a `LabelReader` is used by one thread at a time (the name
worker in the window, the frame loop in `analyze`).

Design: the caller cuts and binarises the line (core.names.labels); this module only runs
page-segmentation mode 7 (a single text line) and returns the text with Tesseract's mean word
confidence, so that a read of noise can be told from a name. A missing data file or library is
an `OcrUnavailable` with one line saying which, raised when the reader is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.names.syllables import Symbol
from core.resources import TESSDATA_LANGS, tessdata_dir


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


class LabelReader:
    """Reads one text line (Hangul and Latin, digits, brackets) from a binarised grey image."""

    def __init__(self, data_dir: str | Path | None = None, langs: tuple[str, ...] = TESSDATA_LANGS) -> None:
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

    def read(self, line: np.ndarray) -> LineText:
        """The text of a grey uint8 image holding one line, dark text on white."""
        from PIL import Image

        self.calls += 1
        self._api.SetImage(Image.fromarray(np.ascontiguousarray(line)))
        text = self._api.GetUTF8Text().strip()
        if not text:
            return LineText("", 0.0, 0.0)
        confidences = self._api.AllWordConfidences() or [0]
        return LineText(text, float(self._api.MeanTextConf()), float(min(confidences)), self._symbols(),
                        self._words())

    def _symbols(self) -> tuple[Symbol, ...]:
        import tesserocr

        out = []
        it = self._api.GetIterator()
        level = tesserocr.RIL.SYMBOL
        while it is not None:
            ch, box = it.GetUTF8Text(level), it.BoundingBox(level)
            if ch and box:
                out.append(Symbol(ch, tuple(box)))
            if not it.Next(level):
                break
        return tuple(out)

    def _words(self) -> tuple[tuple[str, float], ...]:
        import tesserocr

        out = []
        it = self._api.GetIterator()
        level = tesserocr.RIL.WORD
        while it is not None:
            word = it.GetUTF8Text(level)
            if word:
                out.append((word, float(it.Confidence(level))))
            if not it.Next(level):
                break
        return tuple(out)

    def close(self) -> None:
        """Free Tesseract's memory."""
        api, self._api = self._api, None
        if api is not None:
            api.End()


def create_reader() -> tuple[LabelReader | None, str | None]:
    """A reader with the shipped data, or (None, the one line saying why name reading is off)."""
    try:
        return LabelReader(), None
    except OcrUnavailable as e:
        return None, str(e)
