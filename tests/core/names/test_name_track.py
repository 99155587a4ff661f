from __future__ import annotations

import threading

import pytest

from core.names.name_track import NameTrack
from core.names.ocr import LabelReader
from core.names.tile_names import TileNamer
from core.records import FrameResult
from tests.core.names.conftest import ScriptedReader


def _reading_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("emosync-names")]


def test_each_frame_carries_the_names_read_up_to_the_frame_before(gallery) -> None:
    track = NameTrack(LabelReader(), syllables=False)
    inline = TileNamer(LabelReader())  # the same reading, in-line, one frame behind
    image = gallery.frame()
    named_on = []
    for k in range(25):
        faces = gallery.results()
        out = track.apply(FrameResult(k, k * 0.1, faces, image))
        assert out.image is None  # no pixels downstream
        assert {f.face_id: f.name for f in out.faces if f.name} == inline.names
        named_on.append(len(inline.names))
        inline.step(image, faces, k * 0.1, track.max_reads)
    track.finish()
    assert track.namer.names == inline.names == {1: "김민준", 2: "Park Jiwoo", 3: "20231457 강서준",
                                                 4: "서유진 (조교)"}
    assert named_on[0] == 0 and named_on[-1] == 4


def test_the_reading_thread_ends_with_finish_and_the_last_frames_reading_counts(gallery) -> None:
    image = gallery.frame()
    inline = TileNamer(LabelReader())
    last = next(k for k in range(40) if inline.step(image, gallery.results(), k * 0.1, 2))  # names first change here
    track = NameTrack(LabelReader(), syllables=False)
    for k in range(last + 1):
        out = track.apply(FrameResult(k, k * 0.1, gallery.results(), image))
    assert not any(f.name for f in out.faces)  # the frame itself carries the names before its own reading
    assert _reading_threads()
    meta = track.meta()  # waits for the last frame's reading
    track.finish()
    assert not _reading_threads()
    assert meta["names"] == {str(k): v for k, v in inline.names.items()} != {}
    track.finish()  # twice is harmless


class _FailingReader(ScriptedReader):
    def read(self, line):
        raise RuntimeError("tesseract fell over")


def test_a_reading_that_fails_is_raised_on_the_next_frame_or_at_finish(gallery) -> None:
    track = NameTrack(_FailingReader([""]), syllables=False)
    image = gallery.frame()
    t, raised = 0.0, None
    for k in range(10):  # a label is due once its face has settled
        try:
            track.apply(FrameResult(k, t, gallery.results(), image))
        except RuntimeError as e:
            raised = e
            break
        t += 0.1
    if raised is None:
        with pytest.raises(RuntimeError, match="fell over"):
            track.finish()
    else:
        assert "fell over" in str(raised)
    track.finish()
    assert not _reading_threads()
