"""The analyzer's route for a frame: finder, tracker (with the gallery's tiles), crops."""

from __future__ import annotations

import numpy as np
import pytest

from core.records import Detection, Frame
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import EmotionClassifier
from core.vision.tracker import IoUTracker


@pytest.fixture(scope="module")
def classifier(tiny_weights) -> EmotionClassifier:
    return EmotionClassifier(tiny_weights, device="cpu")


class _ScriptedFinder:
    """A finder stand-in reporting the boxes it is given, frame by frame (the tracking under test)."""

    def __init__(self, boxes: list[list[tuple[int, int, int, int]]]) -> None:
        self.boxes, self.cut, self._n = boxes, False, 0

    def find(self, frame: np.ndarray) -> list[Detection]:
        self._n += 1
        return [Detection(b, 0.9) for b in self.boxes[self._n - 1]]

    def reset(self) -> None:
        pass


def _gallery_frame() -> np.ndarray:
    """A 3x3 gallery of 300x200 tiles between dark gaps."""
    frame = np.full((624, 924, 3), 24, np.uint8)
    for r in range(3):
        for c in range(3):
            x, y = 6 + c * 306, 6 + r * 206
            frame[y : y + 200, x : x + 300] = np.linspace(110, 170, 300, dtype=np.uint8)[None, :, None]
    return frame


def _ids(frame: np.ndarray, classifier: EmotionClassifier) -> list[list[int]]:
    # the middle tile's face boxed small, lost 0.7 s (past max_missed), back boxed twice as wide around it
    script = [[(440, 270, 45, 51)]] * 2 + [[]] * 20 + [[(418, 250, 89, 95)]]
    analyzer = FrameAnalyzer(_ScriptedFinder(script), classifier, IoUTracker(max_missed=15))
    return [analyzer.locate(Frame(i, i / 30, frame)).face_ids for i in range(len(script))]


def test_a_face_back_in_its_gallery_tile_keeps_its_id(classifier) -> None:
    ids = _ids(_gallery_frame(), classifier)
    assert ids[0] == ids[1] == ids[-1]


def test_without_a_gallery_the_boxes_alone_say_who_is_back(classifier) -> None:
    webcam = np.tile(np.linspace(90, 170, 924, dtype=np.uint8)[None, :, None], (624, 1, 3))
    ids = _ids(webcam, classifier)
    assert ids[0] == ids[1] and ids[-1] != ids[0]
