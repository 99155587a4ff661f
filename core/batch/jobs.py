"""The per-input work that local workers and Ray actors share: the worker that runs the workflow on a job, and retries.

Jobs and their events are records of their own (job_records.py); the names are handed on here for their users.
"""

from __future__ import annotations

import io
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

from core.batch.chunking import FACE_ID_STRIDE, FrameRange
from core.batch.job_records import Emit, Event, Job, JobResult, Progress, Started
from core.recording.recorder import csv_writer
from core.recording.timeline import frame_rows
from core.sources.files import open_file
from core.sources.frame_source import SourceError
from core.workflow.options import AnalysisOptions
from core.workflow.stages import Call, Count, OffsetIds, Workflow

if TYPE_CHECKING:
    from core.vision.analyzer import FrameAnalyzer

PROGRESS_EVERY_S = 0.5
__all__ = ["AnalysisOptions", "Emit", "Event", "Job", "JobResult", "Progress", "Retries", "Started", "Worker",
           "frame_count"]


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
    """Loads the models (and the label reader) once, then runs the workflow on jobs one after another.

    `threaded` is run_pipeline's choice of overlapping the stages on threads; workers that run
    side by side pass False, as their parallelism is across inputs.
    """

    def __init__(self, options: AnalysisOptions, threaded: bool | None = None) -> None:
        from core.workflow.analysis import load_analyzer
        from core.workflow.naming import open_reader

        self.options, self.threaded = options, threaded
        self.loaded = load_analyzer(options, _warn)
        self.reader = open_reader(options, _warn)

    def fresh_analyzer(self) -> FrameAnalyzer:
        """An analyzer in the state of a new run on the loaded networks: a timeline must not depend on the inputs before it."""
        return self.loaded.fresh()

    def run(self, job: Job, emit: Emit | None = None, stop: threading.Event | None = None) -> JobResult:
        """Analyse one job; a file that cannot be read or fails mid-way gives a result with an error, never an exception."""
        from core.workflow.naming import name_track

        t0 = time.perf_counter()
        emit = emit or (lambda event: None)
        try:
            source = open_file(job.path)
        except SourceError as e:
            return JobResult(job.key, job.chunk, error=str(e), wall_s=time.perf_counter() - t0)
        buf = io.StringIO()
        writer = csv_writer(buf)
        names = name_track(self.options, self.reader)  # a fresh one per job, as a single run starts with
        if names is not None and job.hints:  # as a single run with --chat does
            names.namer.set_hints(job.hints)
        reported = [0, time.monotonic()]

        def progress() -> None:
            if time.monotonic() - reported[1] >= PROGRESS_EVERY_S:
                emit(Progress(job.key, job.chunk, count.frames - reported[0]))
                reported[:] = [count.frames, time.monotonic()]

        count = Count(progress)
        # ids offset before naming, so the names kept for the sidecar are those of the rows
        stages = [OffsetIds(job.chunk * FACE_ID_STRIDE), *([names] if names is not None else []),
                  Call(lambda result: writer.writerows(frame_rows(result))), count]
        workflow = Workflow(self.fresh_analyzer(), stages, keep_image=names is not None)
        with source:
            frames = FrameRange(source, job.start_frame, job.stop_frame)
            emit(Started(job.key, job.chunk, frames.frame_count))
            try:
                workflow.run(frames, every=self.options.every, threaded=self.threaded, stop=stop)
            except Exception as e:
                return JobResult(job.key, job.chunk, error=f"analysis failed at frame {frames.next_index}: {e}",
                                 wall_s=time.perf_counter() - t0)
        emit(Progress(job.key, job.chunk, count.frames - reported[0]))
        video_s = frames.frames_read / source.fps if source.fps > 0 else 0.0
        stopped = stop is not None and stop.is_set()
        return JobResult(job.key, job.chunk, buf.getvalue().encode("utf-8"), count.frames, count.with_face,
                         video_s, time.perf_counter() - t0, names=names.meta() if names is not None else {},
                         declared=0 if stopped else frames.frame_count or 0, read=frames.frames_read)


def _warn(text: str) -> None:
    import sys

    print(f"warning: {text}", file=sys.stderr)
