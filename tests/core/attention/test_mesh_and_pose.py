"""The face mesh and head pose on scikit-image's astronaut: tilts, mirrors, small faces, bad model files."""

from __future__ import annotations

import numpy as np
import pytest

from core.attention.mesh import MIN_FACE_PX, FaceMesh, MeshError
from core.attention.pose import head_pose
from core.attention.reader import load_reader
from core.attention.scenes import face_scene


@pytest.fixture(scope="module")
def mesh() -> FaceMesh:
    return FaceMesh()


def pose_of(mesh: FaceMesh, face: np.ndarray, tilt: float = 0.0, mirror: bool = False):
    canvas, box = face_scene(face, 170, tilt, mirror)
    m = mesh.run(canvas, box)
    assert m is not None, f"no mesh at tilt {tilt}, mirror {mirror}"
    return head_pose(m.points)


def test_points_lie_on_the_face(mesh, face_patch):
    canvas, box = face_scene(face_patch, 170)
    m = mesh.run(canvas, box)
    assert m is not None and m.points.shape == (468, 3) and m.presence > 0.9
    x, y, w, h = box
    inside = ((m.points[:, 0] > x - w * 0.3) & (m.points[:, 0] < x + w * 1.3)
              & (m.points[:, 1] > y - h * 0.5) & (m.points[:, 1] < y + h * 1.3))
    assert inside.mean() > 0.95


@pytest.mark.parametrize("tilt", [-25.0, -10.0, 10.0, 25.0])
def test_roll_follows_a_known_tilt(mesh, face_patch, tilt):
    upright = pose_of(mesh, face_patch)
    tilted = pose_of(mesh, face_patch, tilt)
    assert abs(tilted.roll - upright.roll - tilt) <= 4.0  # roll is positive clockwise, as the tilt
    assert abs(tilted.yaw - upright.yaw) <= 5.0  # tilting the picture does not turn the head


@pytest.mark.parametrize("tilt", [0.0, 15.0])
def test_a_mirrored_face_turns_and_tilts_the_other_way(mesh, face_patch, tilt):
    a = pose_of(mesh, face_patch, tilt)
    b = pose_of(mesh, face_patch, -tilt, mirror=True)  # the mirror image of the scene `a` was read from
    assert abs(a.roll + b.roll) <= 4.0 and abs(a.yaw + b.yaw) <= 4.0 and abs(a.pitch - b.pitch) <= 4.0


def test_a_face_turned_right_has_positive_yaw(mesh, face_patch):
    """Squeezing the picture's right half turns the face's apparent front toward the right."""
    import cv2

    h, w = face_patch.shape[:2]
    src = np.float32([[0, 0], [w, 0], [0, h], [w, h]])
    dst = np.float32([[0, 0], [w, h * 0.12], [0, h], [w, h * 0.88]])  # the right side farther away
    turned = cv2.warpPerspective(face_patch, cv2.getPerspectiveTransform(src, dst), (w, h),
                                 borderMode=cv2.BORDER_REPLICATE)
    assert pose_of(mesh, turned).yaw > pose_of(mesh, face_patch).yaw + 3.0


def test_a_face_under_the_minimum_gets_no_mesh(mesh, face_patch):
    canvas, box = face_scene(face_patch, 170)
    x, y, w, h = box
    assert mesh.run(canvas, (x, y, MIN_FACE_PX - 1, MIN_FACE_PX - 1)) is None


def test_no_mesh_on_a_blank_picture(mesh):
    blank = np.full((300, 300, 3), 128, np.uint8)
    assert mesh.run(blank, (100, 100, 100, 100)) is None


def test_missing_and_corrupt_model_files_are_one_line_naming_them(tmp_path):
    with pytest.raises(MeshError, match="not found"):
        FaceMesh(tmp_path / "none.tflite")
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"not a network" * 100)
    with pytest.raises(MeshError, match="bad.tflite"):
        FaceMesh(bad)
    reader, warning = load_reader(str(bad))
    assert reader is None and "bad.tflite" in warning and "\n" not in warning
