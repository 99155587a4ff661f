import threading

import numpy as np
import pytest

from core.workflow.pipeline import run_pipeline
from core.sources.frame_source import ArraySource
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import EmotionClassifier
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder
from core.vision.tracker import IoUTracker


@pytest.fixture()
def analyzer(tiny_weights):
    return FrameAnalyzer(FaceFinder(FaceDetector()), EmotionClassifier(tiny_weights, device="cpu"), IoUTracker())


def collect(analyzer, frames, **kw):
    out = []
    run_pipeline(ArraySource(frames, fps=25), analyzer, out.append, **kw)
    return out


def test_threaded_equals_sequential(analyzer, synthetic_frames):
    frames, present = synthetic_frames
    threaded = collect(analyzer, frames)
    analyzer.reset()
    plain = collect(analyzer, frames, threaded=False)
    assert [r.index for r in threaded] == list(range(len(frames)))
    assert [bool(r.faces) for r in threaded] == present
    for a, b in zip(threaded, plain):
        assert [f.box for f in a.faces] == [f.box for f in b.faces]
        for fa, fb in zip(a.faces, b.faces):
            assert np.allclose(fa.probs, fb.probs, atol=1e-5)
    ids = {f.face_id for r in threaded for f in r.faces}
    assert len(ids) == 1  # one person, one identity


def test_every_n_skips_frames(analyzer, synthetic_frames):
    frames, _ = synthetic_frames
    assert [r.index for r in collect(analyzer, frames, every=3)] == list(range(0, len(frames), 3))


def test_errors_in_a_stage_reach_the_caller_and_threads_end(analyzer, synthetic_frames):
    frames, _ = synthetic_frames

    def broken(frame):
        raise RuntimeError("detector exploded")

    analyzer.locate = broken
    with pytest.raises(RuntimeError, match="exploded"):
        collect(analyzer, frames)
    assert not [t for t in threading.enumerate() if t.name.startswith("emosync-")]


def test_stop_event_ends_the_run_early(analyzer, synthetic_frames):
    frames, _ = synthetic_frames
    stop = threading.Event()
    seen = []

    def on_result(r):
        seen.append(r)
        if len(seen) == 3:
            stop.set()

    run_pipeline(ArraySource(frames), analyzer, on_result, stop=stop)
    assert 3 <= len(seen) < len(frames)
