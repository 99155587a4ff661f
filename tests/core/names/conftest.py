"""Generated gallery frames with names drawn as conference tools draw them (NanumGothic), and a scripted OCR."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pytest

from benchmarks.gallery_clip import PlateLabels, astronaut_faces, tile_boxes
from core.names.ocr import LineText
from core.records import FaceResult

W, H = 1920, 1080


@dataclass
class Gallery:
    """One frame's layout: tiles, which hold a face (and its box), and each tile's label."""

    tiles: list
    names: list
    faces: dict  # tile index -> face box

    def frame(self, names: list | None = None, off: set | None = None, label_px: int = 14) -> np.ndarray:
        """The gallery as a BGR frame; `off` tiles have their camera off (name large in the middle)."""
        names = names or self.names
        off = off or set()
        rng = np.random.default_rng(3)
        img = np.full((H, W, 3), 24, np.uint8)
        plates = PlateLabels(label_px)
        face = astronaut_faces(1, 120)[0]
        for i, (x, y, w, h) in enumerate(self.tiles):
            if i in self.faces and i not in off:
                bg = rng.integers(60, 180, (9, 16, 3), dtype=np.uint8)
                img[y : y + h, x : x + w] = cv2.GaussianBlur(cv2.resize(bg, (w, h)), (0, 0), 5)
                fx, fy, fw, fh = self.faces[i]
                img[fy : fy + fh, fx : fx + fw] = cv2.resize(face, (fw, fh))[..., None]
            else:
                img[y : y + h, x : x + w] = 48
                if names[i]:
                    plates.draw(img, names[i], (x, y, w, h), large=True)
            if names[i]:
                plates.draw(img, names[i], (x, y, w, h))
        return img

    def results(self, off: set | None = None) -> list[FaceResult]:
        """The faces on camera as the analyzer would give them (face id = tile index + 1)."""
        off = off or set()
        return [FaceResult(i + 1, box, 0.9, np.full(7, 1 / 7)) for i, box in self.faces.items() if i not in off]


NAMES_5X5 = ["김민준", "Park Jiwoo", "20231457 강서준", "서유진 (조교)", "이연희"] + [""] * 20


@pytest.fixture
def gallery() -> Gallery:
    """A 5x5 gallery: five labelled tiles in the first row, four with a face, one with the camera off."""
    tiles = tile_boxes(5, 5, W, H)
    faces = {}
    for i in (0, 1, 2, 3):
        x, y, w, h = tiles[i]
        faces[i] = (x + (w - 120) // 2, y + (h - 120) // 2 - 10, 120, 120)
    return Gallery(tiles, list(NAMES_5X5), faces)


class ScriptedReader:
    """A stand-in for LabelReader that returns the given texts in turn (the last one thereafter)."""

    def __init__(self, texts: list[str], confidence: float = 90.0,
                 legacy: tuple[tuple[str, float], ...] = ()) -> None:
        self.texts, self.confidence, self.calls = list(texts), confidence, 0
        self.legacy = legacy  # what the legacy engine reads on every line (`latin_check`)

    def read(self, line: np.ndarray) -> LineText:
        self.calls += 1
        text = self.texts.pop(0) if len(self.texts) > 1 else self.texts[0]
        return LineText(text, self.confidence)

    def latin_check(self, line: np.ndarray) -> tuple[tuple[str, float], ...]:
        return self.legacy


class ConfidenceReader(ScriptedReader):
    """A ScriptedReader whose words have the confidence `confidence(word)` gives (Tesseract sure of some words of a
    line and not of others)."""

    def __init__(self, texts: list[str], confidence, legacy: tuple[tuple[str, float], ...] = ()) -> None:
        super().__init__(texts, legacy=legacy)
        self.confidence_of = confidence

    def read(self, line: np.ndarray) -> LineText:
        got = super().read(line)
        words = tuple((w, float(self.confidence_of(w))) for w in got.text.split())
        if not words:
            return got
        return LineText(got.text, sum(c for _, c in words) / len(words), min(c for _, c in words), words=words)


def named_alone(gallery: Gallery, reader, hints: list[str] = (), seconds: float = 3.0) -> dict:
    """The names a namer gives the gallery's first face alone (its tile's label read by `reader`) over `seconds`."""
    from core.names.tile_names import TileNamer

    face_only = Gallery(gallery.tiles, gallery.names, {0: gallery.faces[0]})
    namer = TileNamer(reader, hints=hints)
    image = face_only.frame()
    for k in range(int(round(seconds * 10))):
        namer.step(image, face_only.results(), k / 10)
    return namer.names

