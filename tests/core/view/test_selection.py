import numpy as np

from core.records import FaceResult
from core.view.selection import Selection, most_present


def face(fid: int, size: int) -> FaceResult:
    return FaceResult(fid, (0, 0, size, size), 0.9, np.full(7, 1 / 7))


def test_the_largest_face_is_the_most_present():
    assert most_present([face(1, 40), face(2, 90), face(3, 60)]) == 2


def test_nothing_selected_picks_the_largest_face():
    s = Selection()
    assert s.follow({1: face(1, 40), 2: face(2, 90)}) and s.face_id == 2


def test_a_picked_face_stays_picked_while_it_is_in_view():
    s = Selection()
    assert s.pick(1) and not s.pick(1)
    assert not s.follow({1: face(1, 40), 2: face(2, 90)}) and s.face_id == 1


def test_when_the_selected_face_leaves_the_largest_other_is_picked():
    s = Selection()
    s.pick(1)
    assert s.follow({2: face(2, 50), 3: face(3, 70)}) and s.face_id == 3


def test_a_face_that_leaves_an_empty_picture_stays_selected():
    s = Selection()
    s.pick(4)
    assert not s.follow({}) and s.face_id == 4
    s.clear()
    assert s.face_id is None and not s.follow({})
