"""Local workers: jobs in this process, or in N worker processes (spawn) that load the models once and stream results back."""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import replace

from core.batch.jobs import AnalysisOptions, Emit, Job, JobResult, Progress, Started, Worker

MAX_RETRIES = 1  # a job whose worker process died is tried once more before it counts as failed
POLL_S = 0.2


class WorkerStartError(RuntimeError):
    """A worker could not load the models; no job can run."""


def default_jobs(cpus: int | None = None) -> int:
    """Worker processes that analyse fastest here; 0 means in this process.

    Measured (benchmarks/bench_batch.py, README): on 2 cores one process using both cores for
    OpenCV and torch beats two processes of one thread each, and a worker process only adds
    its start-up, so small machines analyse in this process. Above that, one process per two
    cores keeps each detector pass on two threads.
    """
    cpus = cpus or os.cpu_count() or 1
    return 0 if cpus <= 2 else cpus // 2


def threads_per_worker(processes: int, cpus: int | None = None) -> int:
    """OpenCV and torch threads for each of `processes` workers, so that together they fill the cores once."""
    return max(1, (cpus or os.cpu_count() or 1) // max(1, processes))


class InProcess:
    """Runs the jobs one after another in this process (the models load once, on the first job)."""

    def __init__(self, options: AnalysisOptions) -> None:
        self.options = options
        self._worker: Worker | None = None

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run every job, emitting Started, Progress and JobResult events; returns early once `stop` is set."""
        for job in jobs:
            if stop.is_set():
                return
            if self._worker is None:
                try:
                    self._worker = Worker(self.options)
                except Exception as e:
                    raise WorkerStartError(str(e)) from None
            result = self._worker.run(job, emit, stop)
            if stop.is_set():
                return
            emit(result)

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self._worker = None


def _worker_main(worker_id: int, options: AnalysisOptions, threads: int, inbox, outbox) -> None:
    """A worker process: load the models once, then analyse each job sent until None comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone decides how a Ctrl-C ends the batch
    import cv2
    import torch

    cv2.setNumThreads(threads)
    torch.set_num_threads(threads)
    try:
        worker = Worker(options)
    except Exception as e:
        outbox.put((worker_id, WorkerStartError(str(e))))
        return
    while (job := inbox.recv()) is not None:
        result = worker.run(job, lambda event: outbox.put((worker_id, event)))
        outbox.put((worker_id, result))


class LocalPool:
    """N spawned worker processes, each fed one job at a time; a job whose process dies is retried, then failed."""

    def __init__(self, options: AnalysisOptions, processes: int) -> None:
        self.options = options
        self.processes = max(1, processes)
        self.threads = threads_per_worker(self.processes)
        self._ctx = mp.get_context("spawn")
        self._outbox = self._ctx.Queue()
        self._procs: dict[int, tuple[mp.process.BaseProcess, object]] = {}
        self._next_id = 0

    def _start_worker(self) -> int:
        wid, self._next_id = self._next_id, self._next_id + 1
        recv, send = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_worker_main, name=f"emosync-worker-{wid}", daemon=True,
                                 args=(wid, self.options, self.threads, recv, self._outbox))
        proc.start()
        recv.close()
        self._procs[wid] = (proc, send)
        return wid

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run every job on the workers, emitting their events here as they come; returns early once `stop` is set."""
        pending = deque(jobs)
        retries: dict[tuple[int, int], int] = {}
        busy: dict[int, Job] = {}
        while len(self._procs) < min(self.processes, len(pending)):
            self._start_worker()

        def handle(wid: int, event: object) -> None:
            if isinstance(event, WorkerStartError):
                raise event
            if isinstance(event, JobResult):
                job = busy.pop(wid)
                emit(replace(event, retried=retries.get((job.key, job.chunk), 0)))
            elif isinstance(event, (Started, Progress)):
                emit(event)

        while (pending or busy) and not stop.is_set():
            for wid, (_, send) in self._procs.items():
                if wid not in busy and pending:
                    busy[wid] = pending.popleft()
                    send.send(busy[wid])
            try:
                handle(*self._outbox.get(timeout=POLL_S))
                continue
            except queue.Empty:
                pass
            for wid, (proc, send) in list(self._procs.items()):
                if proc.is_alive():
                    continue
                while True:  # what it sent before dying still counts
                    try:
                        handle(*self._outbox.get_nowait())
                    except queue.Empty:
                        break
                send.close()
                del self._procs[wid]
                job = busy.pop(wid, None)
                if job is not None:
                    tries = retries.get((job.key, job.chunk), 0)
                    if tries < MAX_RETRIES:
                        retries[(job.key, job.chunk)] = tries + 1
                        pending.appendleft(job)
                    else:
                        emit(JobResult(job.key, job.chunk, retried=tries,
                                       error=f"worker process died (exit status {proc.exitcode})"))
                if pending:
                    self._start_worker()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc, send in self._procs.values():
            try:
                send.send(None)
            except OSError:
                pass
        for proc, send in self._procs.values():
            proc.join(timeout=2.0)
            if proc.is_alive():  # still busy with a job after a stop: its result is not wanted
                proc.terminate()
                proc.join(timeout=5.0)
            send.close()
        self._procs.clear()
        self._outbox.close()
        self._outbox.join_thread()
