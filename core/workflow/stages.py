"""The workflow: an analyzer (frames → faces → emotions, attention with them) and the stages each result passes through.

A stage is anything with `apply(result) -> result`: names off the tiles (`NameTrack`), the
chat on its authors' faces (`ChatAttribution`), a recorder, a batch worker's rows, the window's
own steps. Stages run in the order given, on the thread that analyses, one frame at a time; a
stage that works beside the loop (the names, one frame behind) also has `finish()`, which `run`
calls after the last frame, however the run ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from core.records import Frame, FrameResult
from core.sources.frame_source import FrameSource

if TYPE_CHECKING:
    from core.recording.recorder import SessionRecorder
    from core.vision.analyzer import FrameAnalyzer


class Stage(Protocol):
    """One step after the analyzer: takes a frame's result, returns it (changed or not)."""

    def apply(self, result: FrameResult) -> FrameResult:
        """The result after this step."""


class Workflow:
    """An analyzer and its stages; `run` takes a whole source in frame order, `analyze` one frame (live)."""

    def __init__(self, analyzer: FrameAnalyzer, stages: Sequence[Stage] = (), keep_image: bool = False) -> None:
        self.analyzer, self.stages, self.keep_image = analyzer, list(stages), keep_image

    def step(self, result: FrameResult) -> FrameResult:
        """Pass one analysed frame through the stages."""
        for stage in self.stages:
            result = stage.apply(result)
        return result

    def analyze(self, frame: Frame) -> FrameResult:
        """Analyse one frame and pass it through the stages."""
        return self.step(self.analyzer.analyze(frame, self.keep_image))

    def run(self, source: FrameSource, every: int = 1, threaded: bool | None = None,
            stop: threading.Event | None = None) -> int:
        """Every `every`-th frame of `source` through the analyzer and the stages, in order; returns frames done.

        Decoding, detection and classification overlap on threads where that pays off (see pipeline.py).
        """
        from core.workflow.pipeline import run_pipeline

        try:
            n = run_pipeline(source, self.analyzer, self.step, every=every, threaded=threaded, stop=stop,
                             keep_image=self.keep_image)
        except BaseException:
            finish_stages(self.stages, quiet=True)  # their threads end; the run's own error is the one raised
            raise
        finish_stages(self.stages)
        return n


def finish_stages(stages: Sequence[object], quiet: bool = False) -> None:
    """Let every stage that works beside the frame loop (`finish()`: the names) end its work on the last frame;
    each is finished, then the first error any of them raised is raised (none with `quiet`)."""
    error: Exception | None = None
    for stage in stages:
        finish = getattr(stage, "finish", None)
        if finish is None:
            continue
        try:
            finish()
        except Exception as e:
            error = error or e
    if error is not None and not quiet:
        raise error


class Step:
    """A stage made of a function from a result to a result."""

    def __init__(self, step: Callable[[FrameResult], FrameResult]) -> None:
        self.step = step

    def apply(self, result: FrameResult) -> FrameResult:
        """The function's result."""
        return self.step(result)


class Call:
    """A stage that hands each result to a function (a sink) and passes it on unchanged."""

    def __init__(self, sink: Callable[[FrameResult], object]) -> None:
        self.sink = sink

    def apply(self, result: FrameResult) -> FrameResult:
        """Call the sink with the result."""
        self.sink(result)
        return result


class Record:
    """The recorder stage: each result's timeline rows to a `SessionRecorder`."""

    def __init__(self, recorder: SessionRecorder) -> None:
        self.recorder = recorder

    def apply(self, result: FrameResult) -> FrameResult:
        """Write the result's rows."""
        self.recorder.write_frame(result)
        return result


class Count:
    """Frames and frames with a face seen so far; `on_frame` is told of each (a progress bar)."""

    def __init__(self, on_frame: Callable[[], None] | None = None) -> None:
        self.frames = 0
        self.with_face = 0
        self.on_frame = on_frame

    def apply(self, result: FrameResult) -> FrameResult:
        """Count the frame."""
        self.frames += 1
        self.with_face += bool(result.faces)
        if self.on_frame is not None:
            self.on_frame()
        return result


class OffsetIds:
    """Face ids moved by `offset` (a chunk of a split video), so that chunks never share an id."""

    def __init__(self, offset: int) -> None:
        self.offset = offset

    def apply(self, result: FrameResult) -> FrameResult:
        """The result with every face id offset."""
        if not self.offset:
            return result
        return replace(result, faces=[replace(f, face_id=f.face_id + self.offset) for f in result.faces])
