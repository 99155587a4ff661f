"""The per-input work that local workers and Ray actors share: options, jobs, results, and the worker that runs them."""

from __future__ import annotations

import io
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from core.batch.chunking import FACE_ID_STRIDE, FrameRange
from core.recording.recorder import csv_writer
from core.recording.timeline import frame_rows
from core.records import FrameResult
from core.sources.files import open_file
from core.sources.frame_source import SourceError

if TYPE_CHECKING:
    from core.vision.analyzer import FrameAnalyzer

PROGRESS_EVERY_S = 0.5


@dataclass(frozen=True)
class AnalysisOptions:
    """How to analyse (crosses to worker processes and Ray actors)."""

    device: str = "auto"
    weights: str | None = None
    every: int = 1
    smooth: float = 0.0
    full_every: int = 10
    split_minutes: float | None = None
    views: str | None = None  # test-time views of each face (None: what the weights ship with)
    attention: bool = False  # attention signals (head pose, eyes) per face

    def recorded(self) -> dict[str, object]:
        """The options that shape the rows, as sidecars record them (a change means the input is redone)."""
        return {k: v for k, v in asdict(self).items() if k not in ("device", "weights")}


@dataclass(frozen=True)
class Job:
    """A whole input (chunk 0 of 1), or its source frames [start_frame, stop_frame) as chunk `chunk` of `chunks`."""

    key: int
    path: str
    chunk: int = 0
    chunks: int = 1
    start_frame: int = 0
    stop_frame: int | None = None


@dataclass(frozen=True)
class Started:
    """A worker took a job; `frames` is how many source frames it covers, when known."""

    key: int
    chunk: int
    frames: int | None


@dataclass(frozen=True)
class Progress:
    """Frames a worker analysed since its last report on this job."""

    key: int
    chunk: int
    frames: int


@dataclass(frozen=True)
class JobResult:
    """What a job gives back: its timeline rows as CSV bytes (no header) and counts, or a one-line error."""

    key: int
    chunk: int
    body: bytes = b""
    frames: int = 0
    faces: int = 0
    video_s: float = 0.0
    wall_s: float = 0.0
    error: str = ""
    retried: int = 0
    declared: int = 0  # source frames the container declares for this job's range (0: unknown, or stopped)
    read: int = 0  # source frames actually decoded in it

    @property
    def ok(self) -> bool:
        """Whether the job finished without an error."""
        return not self.error


Event = Started | Progress | JobResult
Emit = Callable[[Event], None]


class Retries:
    """How often each job was retried after its worker was lost; it goes back to the queue up to `limit` times."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._counts: dict[tuple[int, int], int] = {}

    def of(self, job: Job) -> int:
        """Retries of this job so far."""
        return self._counts.get((job.key, job.chunk), 0)

    def requeue(self, job: Job, pending: deque[Job], emit: Emit, error: str) -> None:
        """Put a lost job first in line again, or, past the limit, report it failed with `error`."""
        tries = self.of(job)
        if tries < self.limit:
            self._counts[(job.key, job.chunk)] = tries + 1
            pending.appendleft(job)
        else:
            emit(JobResult(job.key, job.chunk, retried=tries, error=error))


def frame_count(path: str) -> tuple[int | None, float]:
    """(frames, frames per second) of an input, by opening it; SourceError when it cannot be read."""
    with open_file(path) as source:
        return source.frame_count, source.fps


class Worker:
    """Loads the models once, then analyses jobs one after another.

    `threaded` is run_pipeline's choice of overlapping the stages on threads; workers that run
    side by side pass False, as their parallelism is across inputs.
    """

    def __init__(self, options: AnalysisOptions, threaded: bool | None = None) -> None:
        from core.vision.analyzer import FrameAnalyzer

        self.options, self.threaded = options, threaded
        self.loaded = FrameAnalyzer.create(options.device, options.weights, options.smooth, options.full_every,
                                           views=options.views)
        if options.attention:
            import sys

            from core.attention.reader import load_reader

            self.loaded.attention, warning = load_reader()
            if warning:
                print(f"warning: {warning}", file=sys.stderr)

    def fresh_analyzer(self) -> FrameAnalyzer:
        """An analyzer in the state of a new run on the loaded networks: a timeline must not depend on the inputs before it."""
        return self.loaded.fresh()

    def run(self, job: Job, emit: Emit | None = None, stop: threading.Event | None = None) -> JobResult:
        """Analyse one job; a file that cannot be read or fails mid-way gives a result with an error, never an exception."""
        from core.live.pipeline import run_pipeline

        t0 = time.perf_counter()
        emit = emit or (lambda event: None)
        try:
            source = open_file(job.path)
        except SourceError as e:
            return JobResult(job.key, job.chunk, error=str(e), wall_s=time.perf_counter() - t0)
        analyzer = self.fresh_analyzer()
        offset = job.chunk * FACE_ID_STRIDE
        buf = io.StringIO()
        writer = csv_writer(buf)
        counts = {"frames": 0, "faces": 0, "reported": 0}
        last = [time.monotonic()]

        def on_result(result: FrameResult) -> None:
            if offset:
                result = replace(result, faces=[replace(f, face_id=f.face_id + offset) for f in result.faces])
            writer.writerows(frame_rows(result))
            counts["frames"] += 1
            counts["faces"] += bool(result.faces)
            if time.monotonic() - last[0] >= PROGRESS_EVERY_S:
                emit(Progress(job.key, job.chunk, counts["frames"] - counts["reported"]))
                counts["reported"], last[0] = counts["frames"], time.monotonic()

        with source:
            frames = FrameRange(source, job.start_frame, job.stop_frame)
            emit(Started(job.key, job.chunk, frames.frame_count))
            try:
                run_pipeline(frames, analyzer, on_result, every=self.options.every, threaded=self.threaded,
                             stop=stop)
            except Exception as e:
                return JobResult(job.key, job.chunk, error=f"analysis failed at frame {frames.next_index}: {e}",
                                 wall_s=time.perf_counter() - t0)
        emit(Progress(job.key, job.chunk, counts["frames"] - counts["reported"]))
        video_s = frames.frames_read / source.fps if source.fps > 0 else 0.0
        stopped = stop is not None and stop.is_set()
        return JobResult(job.key, job.chunk, buf.getvalue().encode("utf-8"), counts["frames"], counts["faces"],
                         video_s, time.perf_counter() - t0, declared=0 if stopped else frames.frame_count or 0,
                         read=frames.frames_read)
