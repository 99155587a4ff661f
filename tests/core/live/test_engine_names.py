"""Names in the live engine: typed names over tile names, tile names read off the frames on their own thread."""

from __future__ import annotations

import json
import time

import numpy as np

from benchmarks.gallery_clip import PlateLabels
from core.live.engine import LiveEngine
from core.records import FaceResult, FrameResult
from tests.core.live.test_engine import MemorySpec, wait_for


def test_typed_names_always_win_over_tile_names_and_are_never_overwritten(factory) -> None:
    e = LiveEngine(factory)  # not started: no threads, the name worker's callback is called by hand
    e._tile_names_changed({1: "김민준", 2: "박지우"}, {1: "tile", 2: "participants"}, {"서유진 (조교)": 1.0})
    e.set_name(1, "민준 (앞줄)")
    assert e.names == {1: "민준 (앞줄)", 2: "박지우"}
    e._tile_names_changed({1: "김민준 (반장)", 2: "박지우"}, {1: "tile", 2: "participants"}, {})
    assert e.names[1] == "민준 (앞줄)"  # a tile rename does not touch a typed name
    assert e.name_sources() == {1: "typed", 2: "participants"}
    annotated = e._name_faces(FrameResult(0, 0.0, [FaceResult(1, (0, 0, 9, 9), 1.0, np.full(7, 1 / 7)),
                                                   FaceResult(2, (9, 0, 9, 9), 1.0, np.full(7, 1 / 7))]))
    assert [f.name for f in annotated.faces] == ["민준 (앞줄)", "박지우"]
    e.set_name(1, "")  # the typed name removed: the tile's name shows again
    assert e.names[1] == "김민준 (반장)" and e.name_sources()[1] == "tile"
    assert e._name_extras()["camera_off"] == ["서유진 (조교)"]


def test_a_face_is_named_from_its_label_in_the_window_and_its_sidecar(factory, synthetic_frames, tmp_path) -> None:
    frames, present = synthetic_frames
    plates = PlateLabels(16)
    labelled = []
    for f, p in zip(frames, present):
        if p:
            f = f.copy()
            plates.draw(f, "김민준", (0, 0, f.shape[1], f.shape[0]))  # one camera, its name at the bottom left
            labelled.append(f)
    e = LiveEngine(factory)
    e.start()
    try:
        wait_for(e.ready.is_set)
        session = e.start_session(tmp_path)
        # back and forth, as a student moves in their seat: one face id all along (a jump back would be a new face,
        # read only once before it vanished, never voted into a name)
        e.set_source(MemorySpec("file", "clip.avi", None, tuple(labelled + labelled[::-1]) * 3, fps=25.0))
        wait_for(lambda: "김민준" in e.names.values(), timeout=30)
        wait_for(lambda: e.latest() is not None and any(f.name == "김민준" for f in e.latest().faces), timeout=10)
        time.sleep(0.2)
        e.stop_session()
        sidecar = json.loads(session.sidecar_path.read_text(encoding="utf-8"))
        fid = next(k for k, v in e.names.items() if v == "김민준")
        assert sidecar["names"][str(fid)] == "김민준"
        assert sidecar["name_sources"][str(fid)] == "tile"
    finally:
        e.stop()
