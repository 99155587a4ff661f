"""Box geometry: which boxes can hold a whole face."""

from __future__ import annotations

import pytest

from core.vision.boxes import face_shaped, iou, overlap_of_smaller


@pytest.mark.parametrize("box", [(0, 0, 80, 80), (0, 0, 61, 73), (0, 0, 69, 89), (0, 0, 56, 49)])
def test_res10_boxes_on_whole_faces_are_face_shaped(box):
    assert face_shaped(box)


@pytest.mark.parametrize("box", [(0, 0, 34, 86), (0, 0, 35, 89), (0, 0, 37, 75), (0, 0, 80, 40)])
def test_boxes_on_a_half_of_a_face_are_not(box):
    assert not face_shaped(box)


def test_overlap_of_smaller_and_iou_of_a_box_inside_another():
    outer, inner = (0, 0, 100, 100), (10, 10, 50, 50)
    assert overlap_of_smaller(outer, inner) == 1.0
    assert iou(outer, inner) == pytest.approx(0.25)
    assert overlap_of_smaller(outer, (200, 0, 10, 10)) == 0.0
