"""The attention reader: every face gets values, a gallery is staggered within a time budget, oldest first."""

from __future__ import annotations

import numpy as np
import pytest

from core.attention.mesh import FaceMesh, Roi
from core.attention.reader import EMPTY, AttentionReader
from core.attention.scenes import face_scene
from core.records import FaceResult, Frame


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class CostlyMesh:
    """Stands in for FaceMesh: the astronaut's real mesh, 10 ms of the test clock per face."""

    def __init__(self, mesh, clock: Clock) -> None:
        self.mesh, self.clock, self.boxes = mesh, clock, []

    def run(self, image, box, prior: Roi | None = None):
        self.clock.now += 0.010
        self.boxes.append(box)
        return self.mesh


@pytest.fixture(scope="module")
def astronaut_mesh(face_patch):
    canvas, box = face_scene(face_patch, 170)
    return canvas, box, FaceMesh().run(canvas, box)


def faces(n: int) -> list[FaceResult]:
    return [FaceResult(i + 1, (10 * i, 0, 80, 80), 0.9, np.full(7, 1 / 7)) for i in range(n)]


def test_a_single_face_gets_values_every_frame(face_patch, astronaut_mesh):
    canvas, box, _ = astronaut_mesh
    reader = AttentionReader(FaceMesh())
    face = FaceResult(1, box, 0.9, np.full(7, 1 / 7))
    for i in range(5):
        (out,) = reader.apply(Frame(i, i / 25, canvas), [face])
        a = out.attention
        assert a is not None and a.measured and abs(a.yaw) < 15 and abs(a.roll - 3) < 4
        assert 0.15 < a.eye_openness < 0.5 and a.eyes_closed is False and a.looking_away is False


def test_a_small_face_gets_empty_values(astronaut_mesh):
    canvas, _, _ = astronaut_mesh
    reader = AttentionReader(FaceMesh())
    (out,) = reader.apply(Frame(0, 0.0, canvas), [FaceResult(1, (100, 100, 30, 30), 0.9, np.full(7, 1 / 7))])
    assert out.attention == EMPTY and not out.attention.measured


def test_a_gallery_is_staggered_oldest_first_within_the_budget(astronaut_mesh):
    canvas, _, mesh = astronaut_mesh
    clock = Clock()
    fake = CostlyMesh(mesh, clock)
    reader = AttentionReader(fake, cost_share=0.2, max_age_s=1.0, clock=clock)
    gallery = faces(10)
    read_per_frame, last_read = [], {f.face_id: None for f in gallery}
    for i in range(30):
        clock.now += 0.100  # detection and classification of the frame
        before = len(fake.boxes)
        out = reader.apply(Frame(i, i / 10, canvas), gallery)
        read = fake.boxes[before:]
        read_per_frame.append(len(read))
        for box in read:
            last_read[box[0] // 10 + 1] = i
        assert all(f.attention.measured for f in out)  # carried between readings, never empty here
    assert read_per_frame[0] == 10  # every face at once on the first frame
    steady = read_per_frame[5:]
    assert max(steady) <= 3 and min(steady) >= 1  # 20% of a ~110 ms period at 10 ms a face
    assert all(29 - v <= 10 for v in last_read.values())  # oldest first: nobody is left behind


def test_a_face_not_read_for_too_long_gets_empty_values(astronaut_mesh):
    canvas, _, mesh = astronaut_mesh
    clock = Clock()
    reader = AttentionReader(CostlyMesh(mesh, clock), cost_share=0.01, max_age_s=0.3, clock=clock)
    gallery = faces(10)
    empties = 0
    for i in range(20):
        clock.now += 0.100
        out = reader.apply(Frame(i, i / 10, canvas), gallery)
        empties += sum(not f.attention.measured for f in out)
    assert empties > 0  # one face a frame for ten faces: readings are older than 0.3 s, so shown empty
