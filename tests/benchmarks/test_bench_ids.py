"""Which students the id benchmark counts as split, and what it says about each."""

from __future__ import annotations

import numpy as np

from benchmarks.bench_ids import id_changes, main, merged_ids
from benchmarks.gallery_clip import TrueFace
from core.records import FaceResult, FrameResult


def _frame(n: int, faces: list[tuple[int, tuple[int, int, int, int]]]) -> FrameResult:
    return FrameResult(n, n / 30, [FaceResult(fid, box, 0.9, np.full(7, 1 / 7)) for fid, box in faces])


def test_a_student_seen_under_two_ids_is_split_and_one_under_one_id_is_not():
    a, b = (100, 100, 80, 80), (300, 100, 80, 80)
    truth = [[TrueFace(0, a, 3), TrueFace(1, b, 4)]] * 4
    results = [_frame(0, [(1, a), (2, b)]), _frame(1, [(1, a)]),  # student 1 not boxed in frame 1
               _frame(2, [(1, a), (5, (310, 110, 40, 60))]), _frame(3, [(1, a), (2, b)])]
    changes = id_changes(results, truth)
    assert list(changes) == [1]
    assert [(c.frame, c.face_id) for c in changes[1]] == [(0, 2), (2, 5), (3, 2)]
    assert changes[1][1].before == (0, 2, b) and changes[1][1].box == (310, 110, 40, 60)


def test_a_face_whose_centre_lies_outside_the_drawn_face_is_not_that_student():
    a = (100, 100, 80, 80)
    truth = [[TrueFace(0, a, 3)]] * 2
    results = [_frame(0, [(1, a)]), _frame(1, [(2, (200, 100, 80, 80))])]
    assert id_changes(results, truth) == {}


def test_seeds_no_gallery_has_are_a_one_line_error(capsys):
    assert main(["--seeds", "999"]) == 2
    assert capsys.readouterr().err.strip() == "error: no gallery of that split has those seeds"


def test_an_id_seen_on_two_students_is_merged():
    a, b = (100, 100, 80, 80), (300, 100, 80, 80)
    truth = [[TrueFace(0, a, 3), TrueFace(1, b, 4)]] * 2
    results = [_frame(0, [(1, a), (2, b)]), _frame(1, [(1, b)])]
    assert merged_ids(results, truth) == {1: {0, 1}}
    assert merged_ids(results[:1], truth[:1]) == {}
