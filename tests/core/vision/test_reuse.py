"""Reusing a still face's classification: never past a real change, never older than its limit."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from benchmarks.gallery_clip import plan_gallery, render_gallery
from core.records import Detection, Frame
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import EmotionClassifier
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder
from core.vision.preprocess import crop_face
from core.vision.reuse import ClassificationReuse
from core.vision.tracker import IoUTracker

ASTRONAUT_FACE_BOX = (168, 44, 116, 140)


@pytest.fixture(scope="module")
def classifier(tiny_weights) -> EmotionClassifier:
    return EmotionClassifier(tiny_weights, device="cpu")


@pytest.fixture(scope="module")
def expressions(astronaut_bgr: np.ndarray) -> np.ndarray:
    """Two 'expressions' of one student: the face and the face with its mouth region changed."""
    x, y, w, h = ASTRONAUT_FACE_BOX
    face = cv2.resize(cv2.cvtColor(astronaut_bgr[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY), (110, 110),
                      interpolation=cv2.INTER_AREA)
    other = face.copy()
    other[70:95, 30:80] = np.clip(other[70:95, 30:80].astype(int) - 60, 0, 255).astype(np.uint8)  # an open mouth
    return np.stack([face, other])


class _FixedFinder:
    """A finder stand-in that reports one box on every frame (the reuse, not detection, under test)."""

    def __init__(self, box: tuple[int, int, int, int]) -> None:
        self.box, self.cut = box, False

    def find(self, frame: np.ndarray) -> list[Detection]:
        return [Detection(self.box, 0.9)]

    def reset(self) -> None:
        pass


def test_still_crop_is_reused_then_reclassified_at_its_age_limit(classifier, expressions) -> None:
    frame = np.full((240, 320, 3), 90, np.uint8)
    frame[50:160, 100:210] = expressions[0][..., None]
    analyzer = FrameAnalyzer(_FixedFinder((100, 50, 110, 110)), classifier, IoUTracker(),
                             ClassificationReuse(max_age_s=0.2))
    fps = 30.0
    results = [analyzer.analyze(Frame(i, i / fps, frame)) for i in range(30)]
    ages = [r.faces[0].probs_age_s for r in results]
    assert ages[0] == 0.0 and max(ages) <= 0.2 + 1e-9
    assert sum(a == 0.0 for a in ages) in range(4, 7)  # reclassified about every 0.2 s, not every frame
    assert all(np.array_equal(r.faces[0].probs, results[0].faces[0].probs) for r in results)
    assert analyzer.reuse.reused > analyzer.reuse.classified


def test_a_changed_crop_is_classified_again_in_the_same_frame(classifier, expressions) -> None:
    frames = []
    for expr in (0, 0, 0, 1, 1):
        f = np.full((240, 320, 3), 90, np.uint8)
        f[50:160, 100:210] = expressions[expr][..., None]
        frames.append(f)
    analyzer = FrameAnalyzer(_FixedFinder((100, 50, 110, 110)), classifier, IoUTracker(),
                             ClassificationReuse(max_age_s=10.0))
    results = [analyzer.analyze(Frame(i, i / 30, f)) for i, f in enumerate(frames)]
    assert [r.faces[0].probs_age_s == 0.0 for r in results] == [True, False, False, True, False]
    expected = classifier.predict(crop_face(frames[3], (100, 50, 110, 110))[None])[0]
    np.testing.assert_allclose(results[3].faces[0].probs, expected, rtol=1e-5)


def test_no_reuse_classifies_every_crop(classifier, expressions) -> None:
    frame = np.full((240, 320, 3), 90, np.uint8)
    frame[50:160, 100:210] = expressions[0][..., None]
    analyzer = FrameAnalyzer(_FixedFinder((100, 50, 110, 110)), classifier, IoUTracker(),
                             ClassificationReuse(max_age_s=0.0))
    results = [analyzer.analyze(Frame(i, i / 30, frame)) for i in range(5)]
    assert all(r.faces[0].probs_age_s == 0.0 for r in results) and analyzer.reuse.reused == 0


def test_a_tile_whose_expression_changes_is_classified_anew_within_0_2_s(classifier, expressions) -> None:
    """Through the real gallery finder and tracker: every change of every tile is seen within 0.2 s."""
    fps, n = 30.0, 45
    students = plan_gallery(len(expressions), 3, 3, n_faces=4, n_frames=n, face_px=(110, 110), away=0, seed=5,
                            width=1280, height=720)
    changes = {s.index: 10 + 7 * k for k, s in enumerate(s for s in students if s.face_px)}
    students = [replace(s, schedule=[(0, 0), (changes[s.index], 1)]) if s.face_px else s for s in students]
    analyzer = FrameAnalyzer(FaceFinder(FaceDetector()), classifier, IoUTracker(), ClassificationReuse())
    fresh_at: dict[int, list[int]] = {i: [] for i in changes}  # frames where a student's crop went through the CNN
    for i, (image, truth) in enumerate(render_gallery(students, expressions, np.zeros(2, int), n,
                                                      width=1280, height=720)):
        result = analyzer.analyze(Frame(i, i / fps, image))
        for t in truth:
            for f in result.faces:
                cx, cy = f.box[0] + f.box[2] / 2, f.box[1] + f.box[3] / 2
                if t.box[0] <= cx <= t.box[0] + t.box[2] and t.box[1] <= cy <= t.box[1] + t.box[3]:
                    assert f.probs_age_s <= 0.2 + 1e-9
                    if f.probs_age_s == 0.0:
                        fresh_at[t.student].append(i)
    assert analyzer.reuse.reused > 0  # the still tiles were not classified every frame
    for student, frame in changes.items():
        assert any(frame <= k <= frame + int(0.2 * fps) for k in fresh_at[student]), (student, frame, fresh_at[student])


class _DriftingFinder:
    """A finder stand-in that boxes a drifting face where it is, to the pixel, with res10's jitter in size."""

    def __init__(self, boxes: list[tuple[int, int, int, int]]) -> None:
        self.boxes, self.cut, self.frame = boxes, False, 0

    def find(self, frame: np.ndarray) -> list[Detection]:
        box = self.boxes[self.frame]
        self.frame += 1
        return [Detection(box, 0.9)]

    def reset(self) -> None:
        self.frame = 0


def _drifting_frames(expressions: np.ndarray, n: int, change_at: int) -> tuple[list[np.ndarray], list]:
    """A face swaying a fraction of a pixel a frame under camera noise; its mouth opens at `change_at`."""
    from benchmarks.camera import SensorNoise, drift, paste_subpixel

    noise = SensorNoise(240, 320, sigma=(3.0, 3.0), seed=1)
    frames, boxes = [], []
    for t in range(n):
        frame = np.full((240, 320, 3), 90, np.uint8)
        dx, dy = drift(t, (10.0, 6.0), (150.0, 200.0), (0.0, 1.0))
        x, y, w, h = paste_subpixel(frame, expressions[int(t >= change_at)], 100 + dx, 60 + dy)
        jitter = (t * 7) % 5 - 2  # detector boxes vary by a few pixels from pass to pass
        boxes.append((x - jitter // 2, y - jitter // 2, w + jitter, h + jitter))
        frames.append(noise.apply(frame))
    return frames, boxes


def test_a_drifting_noisy_face_is_reused_after_alignment_but_a_new_expression_is_not(classifier, expressions) -> None:
    n, change_at = 40, 25
    frames, boxes = _drifting_frames(expressions, n, change_at)
    runs = {}
    for align in (0, 3):
        analyzer = FrameAnalyzer(_DriftingFinder(boxes), classifier, IoUTracker(),
                                 ClassificationReuse(max_age_s=10.0, align=align))
        runs[align] = [analyzer.analyze(Frame(i, i / 30, f)) for i, f in enumerate(frames)], analyzer.reuse
    in_place, aligned = runs[0][1], runs[3][1]
    # moving, noisy crops: compared in place, most go through the CNN; aligned and seen through the noise, few do
    assert in_place.classified > n // 2
    assert aligned.classified <= n // 4 and aligned.aligned > 0
    fresh = [i for i, r in enumerate(runs[3][0]) if r.faces[0].probs_age_s == 0.0]
    assert change_at in fresh  # the opened mouth is classified in the frame it appears
    expected = classifier.predict(crop_face(frames[change_at], boxes[change_at])[None])[0]
    np.testing.assert_allclose(runs[3][0][change_at].faces[0].probs, expected, rtol=1e-5)
