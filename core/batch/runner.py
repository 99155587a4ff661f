"""One batch from start to end: skip what is done, plan jobs, run them on a backend, write each input's files and summary row.

Only this process writes files. A timeline goes to OUT.partial and is renamed to OUT once
whole, then its sidecar is written, so a file under a final name is always complete and a
re-run redoes anything that lacks either.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from core.batch.chunking import merge, plan_chunks
from core.batch.job_records import Emit, Event, Job, JobResult, Progress, Started
from core.batch.jobs import frame_count
from core.recording.sidecar import COMPLETE, input_facts, is_done, now_iso, short_note, short_video, write_sidecar
from core.batch.summary import SummaryRow, SummaryWriter
from core.recording.atomic_file import write_atomic
from core.recording.recorder import csv_writer
from core.recording.timeline import TIMELINE_COLUMNS
from core.sources.frame_source import SourceError
from core.workflow.options import AnalysisOptions


class Backend(Protocol):
    """Where jobs run (this process, worker processes, Ray actors)."""

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run the jobs, calling `emit` in this thread for each event; return when all are done or `stop` is set."""


class Listener:
    """What a batch tells its watcher (the command line's progress bars); every method may be left as is."""

    def planned(self, inputs: int, to_run: int, video_s: float) -> None:
        """Inputs found, how many will be analysed, and their video seconds."""

    def started(self, name: str, event: Started) -> None:
        """A job of input `name` began."""

    def progress(self, event: Progress, fps: float) -> None:
        """Frames analysed in a job since its last report (`fps` of its input, 0 for a photo)."""

    def job_done(self, result: JobResult) -> None:
        """A job (a whole input or one chunk) ended."""

    def input_done(self, row: SummaryRow) -> None:
        """An input ended: its summary row."""


@dataclass(frozen=True)
class Target:
    """One input and the timeline CSV it gets; `hints`: its chat's authors, names its tiles may spell."""

    path: Path
    out: Path
    hints: tuple[str, ...] = ()


@dataclass
class _Planned:
    target: Target
    facts: dict
    jobs: list[Job]
    frames: int | None
    fps: float
    results: list[JobResult] = field(default_factory=list)
    started_at: str = ""
    t0: float = 0.0


@dataclass
class BatchReport:
    """How a batch ended: its summary rows, and whether it was interrupted before every input ended."""

    rows: list[SummaryRow]
    interrupted: bool

    @property
    def failed(self) -> int:
        """How many inputs failed."""
        return sum(r.status == "failed" for r in self.rows)


def write_timeline(out: Path, body: bytes) -> None:
    """Header and rows to OUT.partial, synced, then renamed to OUT: never an incomplete file under OUT."""
    out.parent.mkdir(parents=True, exist_ok=True)
    head = io.StringIO()
    csv_writer(head).writerow(TIMELINE_COLUMNS)
    write_atomic(out, head.getvalue().encode("utf-8") + body)


def run_batch(targets: Sequence[Target], backend: Backend, options: AnalysisOptions, models: dict, *,
              summary_path: Path | None = None, force: bool = False, listener: Listener | None = None,
              stop: threading.Event | None = None) -> BatchReport:
    """Analyse every target not already done (all with `force`); returns the summary rows as written."""
    listener = listener or Listener()
    stop = stop or threading.Event()
    recorded = options.recorded()
    rows: list[SummaryRow] = []

    def finish(row: SummaryRow) -> None:
        rows.append(row)
        if summary is not None:
            summary.write(row)
        listener.input_done(row)

    plans: dict[int, _Planned] = {}
    settled: list[SummaryRow] = []  # skipped, or failed before any work
    for key, target in enumerate(targets):
        try:
            facts = input_facts(target.path)
            if not force and is_done(target.out, facts, models, recorded):
                settled.append(SummaryRow(str(target.path), "skipped"))
                continue
            frames, fps = frame_count(str(target.path))
        except (OSError, SourceError) as e:
            settled.append(SummaryRow(str(target.path), "failed", error=_one_line(e)))
            continue
        jobs = plan_chunks(key, str(target.path), frames, fps, options.split_minutes, target.hints)
        plans[key] = _Planned(target, facts, jobs, frames, fps)
    listener.planned(len(targets), len(plans) + sum(r.status == "failed" for r in settled),
                     sum(p.frames / p.fps for p in plans.values() if p.frames and p.fps > 0))
    if summary_path is not None:
        summary_path.parent.mkdir(parents=True, exist_ok=True)
    summary = SummaryWriter(summary_path) if summary_path is not None else None
    try:
        for row in settled:
            finish(row)

        def emit(event: Event) -> None:
            plan = plans[event.key]
            if isinstance(event, Started):
                if not plan.started_at:
                    plan.started_at, plan.t0 = now_iso(), time.perf_counter()
                listener.started(plan.target.path.name, event)
            elif isinstance(event, Progress):
                listener.progress(event, plan.fps)
            elif isinstance(event, JobResult):
                listener.job_done(event)
                if any(r.chunk == event.chunk for r in plan.results):
                    return  # a retried chunk whose first attempt came back after all: written once
                plan.results.append(event)
                if len(plan.results) == len(plan.jobs):
                    finish(_complete(plan, models, recorded))

        backend.run([job for p in plans.values() for job in p.jobs], emit, stop)
    finally:
        if summary is not None:
            summary.close()
    return BatchReport(rows, interrupted=len(rows) < len(targets))


def _complete(plan: _Planned, models: dict, recorded: dict) -> SummaryRow:
    merged = merge(plan.results)
    wall = time.perf_counter() - plan.t0 if plan.t0 else merged.wall_s
    row = SummaryRow(str(plan.target.path), "ok", merged.frames, merged.faces, merged.video_s, wall,
                     retried=merged.retried)
    if merged.error:
        return replace(row, status="failed", error=merged.error)
    short = short_video(merged.declared, merged.read)
    try:
        write_timeline(plan.target.out, merged.body)
        write_sidecar(plan.target.out, input=plan.facts, models=models, options=recorded, frames=merged.frames,
                      faces=merged.faces, started_at=plan.started_at or now_iso(), status=COMPLETE,
                      extra={**merged.names, **({"short_video": short} if short else {})} or None)
    except OSError as e:
        return replace(row, status="failed", error=f"cannot write {plan.target.out}: {e.strerror or e}")
    return replace(row, error=short_note(short)) if short else row


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
