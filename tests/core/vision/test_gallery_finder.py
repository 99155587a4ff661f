"""The gallery finder on generated galleries of the astronaut's face (no data set needed)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from benchmarks.gallery_clip import plan_gallery, render_gallery
from core.records import Frame
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import EmotionClassifier
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder
from core.vision.gallery_finder import GalleryFinder, coverage_passes
from core.vision.tracker import IoUTracker

ASTRONAUT_FACE_BOX = (168, 44, 116, 140)  # res10's box on the photo (179, 58, 93, 119) with some context


@pytest.fixture(scope="module")
def expressions(astronaut_bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two 'expressions' of one student as grey squares: the face and its mirror image."""
    x, y, w, h = ASTRONAUT_FACE_BOX
    face = cv2.cvtColor(astronaut_bgr[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY)
    face = cv2.resize(face, (120, 120), interpolation=cv2.INTER_AREA)
    return np.stack([face, face[:, ::-1]]), np.array([3, 3])


def _inside(box, true) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return true[0] <= cx <= true[0] + true[2] and true[1] <= cy <= true[1] + true[3]


def test_coverage_tiles_span_the_frame_and_overlap_by_a_face() -> None:
    passes = coverage_passes(1920, 1080, min_face=60, net_face=36, net_input=300, overlap=160)
    assert passes[0] == (0, 0, 1920, 1080)
    tiles = passes[1:]
    side = tiles[0][2]
    assert side == 500 and all(t[2] == t[3] == side for t in tiles)
    covered = np.zeros((1080, 1920), bool)
    for x, y, w, h in tiles:
        covered[y : y + h, x : x + w] = True
    assert covered.all()
    xs = sorted({t[0] for t in tiles})
    assert all(b - a <= side - 160 for a, b in zip(xs, xs[1:]))  # any 160 px face lies whole in a tile


def test_tiles_find_small_faces_a_single_300_pass_misses(expressions) -> None:
    images, labels = expressions
    students = plan_gallery(len(images), 5, 5, n_faces=16, n_frames=1, face_px=(90, 90), away=0, seed=3)
    frame, truth = next(render_gallery(students, images, labels, 1))
    detector = FaceDetector()
    single = detector.detect(frame)
    found = GalleryFinder(detector).find(frame)
    assert sum(any(_inside(d.box, t.box) for d in single) for t in truth) < len(truth) // 2
    assert all(any(_inside(d.box, t.box) for d in found) for t in truth)
    assert all(any(_inside(d.box, t.box) for t in truth) for d in found)  # none on name tiles or labels


def test_face_finder_hands_large_frames_to_the_gallery_finder(expressions) -> None:
    images, labels = expressions
    students = plan_gallery(len(images), 4, 4, n_faces=12, n_frames=1, face_px=(90, 90), away=0, seed=1)
    frame, truth = next(render_gallery(students, images, labels, 1))
    finder = FaceFinder(FaceDetector())
    assert len(finder.find(frame)) == len(truth) and finder.cut
    small = cv2.resize(frame, (640, 360))
    finder.find(small)  # a frame under `large_side` takes the single-face path again
    assert finder.full_passes >= 1


def test_ids_survive_an_expression_change_and_ten_seconds_away(expressions, tiny_weights) -> None:
    images, labels = expressions
    fps, n = 5.0, 90
    students = plan_gallery(len(images), 3, 3, n_faces=6, n_frames=n, face_px=(100, 100), away=0, seed=2,
                            width=1280, height=720)
    # every student switches expression at frame 20; one of them is away for 10 s from frame 30
    students = [replace(s, schedule=[(0, 0), (20, 1)]) if s.face_px else s for s in students]
    away = next(s.index for s in students if s.face_px)
    students = [replace(s, off=(30, 30 + int(10 * fps))) if s.index == away else s for s in students]
    analyzer = FrameAnalyzer(FaceFinder(FaceDetector()), EmotionClassifier(tiny_weights, device="cpu"), IoUTracker())
    ids_of: dict[int, set[int]] = {}
    seen_away = []
    for i, (image, truth) in enumerate(render_gallery(students, images, labels, n, width=1280, height=720)):
        result = analyzer.analyze(Frame(i, i / fps, image))
        for t in truth:
            hit = [f.face_id for f in result.faces if _inside(f.box, t.box)]
            ids_of.setdefault(t.student, set()).update(hit)
            if t.student == away:
                seen_away.append(i)
        assert len(result.faces) <= len(truth)  # nothing reported on a camera-off tile
    assert len(ids_of) == 6
    assert all(len(ids) == 1 for ids in ids_of.values()), ids_of
    assert max(seen_away) > 30 + 10 * fps  # the away student was back, and found, under the same id
    all_ids = [next(iter(v)) for v in ids_of.values()]
    assert len(set(all_ids)) == len(all_ids)


def test_fresh_analyzer_starts_ids_and_schedule_again(factory, synthetic_frames) -> None:
    frames, _ = synthetic_frames
    analyzer = factory("cpu")
    first = [analyzer.analyze(Frame(i, i / 25, f)) for i, f in enumerate(frames)]
    again = analyzer.fresh()
    assert again.classifier is analyzer.classifier and again.finder.detector is analyzer.finder.detector
    second = [again.analyze(Frame(i, i / 25, f)) for i, f in enumerate(frames)]
    assert [[(x.face_id, x.box) for x in r.faces] for r in first] == [[(x.face_id, x.box) for x in r.faces]
                                                                       for r in second]


def test_faces_drifting_under_camera_noise_are_followed_and_still_tiles_skip_the_match(expressions) -> None:
    """Sub-pixel sway and sensor noise (benchmarks/camera.py): every face found every frame, the box on
    the face; tiles whose look did not change are reported without a template match, and only they."""
    n = 24
    students = plan_gallery(len(expressions[0]), 3, 2, n_faces=4, n_frames=n, face_px=(110, 110), away=0, seed=2,
                            width=1280, height=720)
    frames = list(render_gallery(students, *expressions, n, width=1280, height=720, motion="drift"))
    found = {}
    for still_face in (1.0, -1.0):
        finder = GalleryFinder(FaceDetector(), still_face=still_face)
        hits = 0
        for image, truth in frames:
            faces = finder.find(image)
            hits += sum(any(_inside(f.box, t.box) for f in faces) for t in truth)
            assert len(faces) <= len(truth)  # nothing but the faces
        found[still_face] = (hits, finder.unchanged)
    total = sum(len(t) for _, t in frames)
    assert found[1.0][0] >= total - 4 and found[-1.0][0] >= total - 4  # at most a frame's worth missed
    assert found[1.0][1] > 0 and found[-1.0][1] == 0


class _ScaleShyDetector:
    """One face whose score depends only on the input size it is seen at, as res10's does on FER faces."""

    threshold = 0.5
    redetect = FaceDetector.redetect

    def __init__(self, scores: dict[int, float], box=(600, 400, 80, 80)) -> None:
        self.scores, self.box, self.sides = scores, box, []

    def warm_up(self, size) -> None:
        pass

    def detect(self, frame, roi=None, input_size=None, min_score=None):
        from core.records import Detection

        self.sides.append(input_size[0])
        x, y, w, h = roi if roi is not None else (0, 0, frame.shape[1], frame.shape[0])
        cx, cy = self.box[0] + self.box[2] / 2, self.box[1] + self.box[3] / 2
        score = self.scores.get(input_size[0], 0.0)
        inside = x <= cx < x + w and y <= cy < y + h
        return [Detection(self.box, score)] if inside and score >= (min_score or self.threshold) else []


def test_a_face_coverage_scores_low_is_followed_once_a_closer_look_confirms_it() -> None:
    frame = np.zeros((1080, 1920, 3), np.uint8)
    shy = _ScaleShyDetector({300: 0.3, 128: 0.2, 160: 0.9})
    found = GalleryFinder(shy).find(frame)
    assert [d.box for d in found] == [shy.box]
    assert shy.sides.count(128) >= 1 and shy.sides.count(160) == 1  # the second look only after the first missed


def test_a_weak_candidate_no_look_confirms_is_not_a_face() -> None:
    frame = np.zeros((1080, 1920, 3), np.uint8)
    shy = _ScaleShyDetector({300: 0.3, 128: 0.2, 160: 0.4})
    finder = GalleryFinder(shy)
    assert finder.find(frame) == [] and finder.find(frame) == []


def test_as_before_coverage_keeps_only_confident_detections() -> None:
    frame = np.zeros((1080, 1920, 3), np.uint8)
    shy = _ScaleShyDetector({300: 0.3, 128: 0.9, 160: 0.9})
    assert GalleryFinder(shy, candidate_score=1.0).find(frame) == []
    assert [d.box for d in GalleryFinder(shy).find(frame)] == [shy.box]


def test_two_sides_of_one_face_are_reported_as_one_box() -> None:
    from core.records import Detection
    from core.vision.gallery_finder import one_box_per_face, sides_of_one_face

    # res10's boxes on the left and right thirds of one 80 px face (a tuning-side 7x7 gallery, seed 32)
    left, right = (653, 658, 24, 54), (706, 661, 26, 59)
    assert sides_of_one_face(left, right)
    (joined,) = one_box_per_face([Detection(left, 0.6), Detection(right, 0.8)])
    assert joined.box == (653, 658, 79, 62) and joined.score == 0.8


@pytest.mark.parametrize("a, b", [
    ((100, 100, 60, 60), (175, 100, 60, 60)),  # two faces side by side, 15 px apart
    ((100, 100, 47, 78), (170, 100, 47, 78)),  # two narrow whole faces, 23 px apart
    ((100, 100, 26, 59), (100, 180, 26, 59)),  # one above the other
    ((100, 100, 26, 30), (140, 100, 26, 59)),  # one half the other's height
    ((100, 100, 100, 100), (160, 100, 100, 100)),  # two faces overlapping by 40%, side by side (a webcam)
    ((100, 100, 100, 100), (100, 160, 100, 100)),  # ... one above the other
])
def test_faces_side_by_side_stay_apart(a, b) -> None:
    from core.records import Detection
    from core.vision.gallery_finder import one_box_per_face

    assert len(one_box_per_face([Detection(a, 0.9), Detection(b, 0.9)])) == 2


@pytest.mark.parametrize("confirmed_now, boxes", [
    (False, [(1295, 919, 82, 119)]),  # a followed box slid off its face: the detection is that face, refreshed
    (True, [(1322, 961, 95, 120), (1295, 919, 82, 119)]),  # a face just confirmed there: the detection is another
])
def test_a_detection_on_a_face_whose_followed_box_slid_off_it_is_that_face(confirmed_now, boxes) -> None:
    from core.records import Detection
    from core.vision.gallery_finder import _Known

    frame = np.zeros((1080, 1920, 3), np.uint8)
    gray = frame[..., 0]
    found = (1295, 919, 82, 119)  # res10's box on a 120 px face (drift 5x5, bench_gallery) ...
    finder = GalleryFinder(_ScaleShyDetector({128: 0.9, 160: 0.9, 300: 0.9}, box=found))
    finder._frame = 207
    slid = (1322, 961, 95, 120)  # ... whose followed box had slid to its lower right and below: 0.43 of it shared
    finder._known = [_Known(slid, 0.9, finder._template(gray, slid), 207 if confirmed_now else 160)]
    finder._absorb(frame, [Detection(found, 0.9)], gray, {})
    assert sorted(k.box for k in finder._known) == sorted(boxes)


def test_two_overlapping_parts_of_one_face_are_reported_as_one_box() -> None:
    from core.records import Detection
    from core.vision.gallery_finder import one_box_per_face, parts_of_one_face

    # res10 on an 80 px face's right half and its upper left at once (a tuning-side 7x7, seed 62, at 41 s)
    right, upper_left = (680, 807, 40, 67), (654, 803, 44, 48)
    assert parts_of_one_face(right, upper_left)
    (joined,) = one_box_per_face([Detection(right, 0.7), Detection(upper_left, 0.6)])
    assert joined.box == (654, 803, 66, 71) and joined.score == 0.7


def test_a_half_and_a_quarter_of_one_face_sharing_a_third_of_the_smaller_are_one_box() -> None:
    from core.records import Detection
    from core.vision.gallery_finder import one_box_per_face

    # res10 on an 80 px face's right half and its lower left at once (a tuning-side 7x7, seed 81, frame 85):
    # 0.32 of the smaller shared, and the two split one student over 60 s
    right, lower_left = (682, 801, 34, 86), (644, 805, 56, 49)
    (joined,) = one_box_per_face([Detection(right, 0.8), Detection(lower_left, 0.6)])
    assert joined.box == (644, 801, 72, 86)


@pytest.mark.parametrize("a, b", [
    ((600, 800, 80, 90), (676, 800, 80, 90)),  # two faces side by side touching: a sliver shared, twice as wide
    ((600, 800, 60, 60), (640, 845, 60, 60)),  # overlapping at a corner: 0.08 of either shared
])
def test_boxes_of_two_faces_are_not_joined(a, b) -> None:
    from core.records import Detection
    from core.vision.gallery_finder import one_box_per_face, parts_of_one_face

    assert not parts_of_one_face(a, b)
    assert len(one_box_per_face([Detection(a, 0.9), Detection(b, 0.9)])) == 2


def test_the_all_pairs_pass_finds_the_pairs_one_at_a_time_would() -> None:
    from core.records import Detection
    from core.vision.gallery_finder import _any_joined, parts_of_one_face

    rng = np.random.default_rng(7)
    for _ in range(300):
        boxes = [tuple(int(v) for v in (*rng.integers(0, 200, 2), *rng.integers(10, 90, 2))) for _ in range(4)]
        one_by_one = any(parts_of_one_face(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        assert _any_joined([Detection(b, 0.9) for b in boxes]) == one_by_one
