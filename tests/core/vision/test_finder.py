import cv2
import numpy as np

from core.vision.boxes import iou
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder


def test_finds_the_face_in_every_frame_with_few_full_passes(synthetic_frames):
    frames, present = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=6)
    full = FaceDetector()
    for frame, has_face in zip(frames, present):
        found = finder.find(frame)
        assert bool(found) == has_face
        if has_face:
            ref = full.detect(frame)[0]
            assert iou(found[0].box, ref.box) > 0.6
    assert finder.full_passes < len(frames) / 2
    assert finder.followed > 0  # between full passes the face is followed by its pixels


def test_without_following_regions_are_re_detected(synthetic_frames):
    frames, present = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=6, follow=False)
    for frame, has_face in zip(frames, present):
        assert bool(finder.find(frame)) == has_face
    assert finder.roi_passes > 0 and finder.followed == 0


def test_a_followed_face_is_confirmed_by_the_detector_every_max_hold_frames(synthetic_frames):
    frames, present = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=100, max_hold=4)
    n = present.index(False)
    for frame in frames[:n]:
        assert finder.find(frame)
    # one full pass, then runs of 4 followed frames, each ended by a region pass
    assert finder.full_passes == 1
    assert finder.roi_passes >= (n - 1) // 5
    assert finder.followed >= (n - 1) - finder.roi_passes - 1


def test_a_face_covered_by_a_flat_patch_is_dropped_not_followed(synthetic_frames):
    frames, present = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=100)
    for frame in frames[:3]:
        finder.find(frame)
    box = finder.find(frames[3])[0].box
    covered = frames[4].copy()
    x, y, w, h = box
    covered[max(0, y - 40) : y + h + 40, max(0, x - 40) : x + w + 40] = 90  # a hand, a camera shutter
    assert finder.find(covered) == []


def test_a_cut_to_an_empty_scene_drops_the_face_at_once(synthetic_frames):
    frames, present = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=100)
    first_empty = present.index(False)
    for frame in frames[:first_empty]:
        finder.find(frame)
    assert finder.find(frames[first_empty]) == []


def test_full_every_one_is_plain_detection(synthetic_frames):
    frames, _ = synthetic_frames
    finder = FaceFinder(FaceDetector(), full_every=1)
    for frame in frames[:5]:
        finder.find(frame)
    assert finder.full_passes == 5


def test_still_empty_scene_skips_most_full_passes(synthetic_frames):
    frames, present = synthetic_frames
    empty = frames[present.index(False)]
    finder = FaceFinder(FaceDetector(), idle_every=3)
    for _ in range(12):
        assert finder.find(empty) == []
    assert finder.full_passes == 4


def test_face_entering_a_still_scene_is_found_at_once(synthetic_frames):
    frames, present = synthetic_frames
    empty = frames[present.index(False)].copy()
    entering = empty.copy()
    patch = frames[0][120:320, 120:290]
    entering[120:320, 120:290] = patch
    finder = FaceFinder(FaceDetector(), idle_every=10)
    for _ in range(3):
        finder.find(empty)
    assert len(finder.find(entering)) == 1


def test_a_second_face_in_a_still_scene_is_found_though_full_passes_are_put_off(face_patch):
    rng = np.random.default_rng(0)
    background = cv2.GaussianBlur(rng.integers(40, 200, (480, 640, 3), dtype=np.uint8), (0, 0), 8)
    ph, pw = face_patch.shape[:2]
    one = background.copy()
    one[40 : 40 + ph, 20 : 20 + pw] = face_patch
    two = one.copy()
    two[200 : 200 + ph, 400 : 400 + pw] = face_patch[:, ::-1]
    finder = FaceFinder(FaceDetector(), full_every=5)
    counts = [len(finder.find(one)) for _ in range(30)]
    assert counts == [1] * 30
    assert finder.skipped_full > 0 and finder.full_passes < 6  # nothing changed: the periodic passes were put off
    found = [len(finder.find(two)) for _ in range(6)]
    assert found[-1] == 2 and found.index(2) <= 5  # within one full_every of its arrival
