"""Local workers: jobs in this process, or in N worker processes (spawn) that load the models once and stream results back."""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait

from core.batch.job_records import Emit, Job, JobResult
from core.batch.jobs import Retries, Worker
from core.workflow.options import AnalysisOptions

MAX_RETRIES = 1  # a job whose worker process died is tried once more before it counts as failed
POLL_S = 0.2
WORKER_GIB = 1.0  # a worker's resident memory with the shipped models, rounded up


class WorkerStartError(RuntimeError):
    """A worker could not load the models; no job can run."""


def default_jobs(jobs: int, cpus: int | None = None, memory_gib: float | None = None) -> int:
    """Worker processes that analyse `jobs` jobs fastest here; 0 means in this process.

    Measured (benchmarks/bench_batch.py, README): on 2 cores two one-thread worker processes
    analysed more than twice as much video per second as this process with two threads, and spent
    less than half the CPU: OpenCV's and torch's thread pools scale poorly on these small
    networks, separate inputs perfectly. So one worker per core, but never more workers than
    jobs nor more than the free memory holds (about 1 GiB each with the shipped models); a
    single job runs here, since a worker process would only add its start-up.
    """
    if jobs <= 1:
        return 0
    cpus = cpus or os.cpu_count() or 1
    if memory_gib is None:
        memory_gib = _free_memory_gib()
    return max(1, min(jobs, cpus, int(memory_gib / WORKER_GIB)))


def _free_memory_gib() -> float:
    # MemAvailable counts the page cache the kernel would give back; "free" memory does not
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = next(int(line.split()[1]) for line in f if line.startswith("MemAvailable:"))
        return kib / 2**20
    except (OSError, StopIteration, ValueError):  # not Linux: no cap
        return float("inf")


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


def _worker_main(worker_id: int, options: AnalysisOptions, threads: int, conn) -> None:
    """A worker process: load the models once, then analyse each job sent until None comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone decides how a Ctrl-C ends the batch
    import cv2
    import torch

    cv2.setNumThreads(threads)
    torch.set_num_threads(threads)
    try:
        worker = Worker(options, threaded=False)
    except Exception as e:
        conn.send(WorkerStartError(str(e)))
        return
    while (job := conn.recv()) is not None:
        conn.send(worker.run(job, conn.send))


class LocalPool:
    """N spawned worker processes, each fed one job at a time; a job whose process dies is retried, then failed.

    Each worker talks to the parent over its own pipe: a process killed in the middle of a
    message then breaks only its own pipe, where a shared queue's lock would stay taken.
    """

    def __init__(self, options: AnalysisOptions, processes: int) -> None:
        self.options = options
        self.processes = max(1, processes)
        self.threads = threads_per_worker(self.processes)
        self._ctx = mp.get_context("spawn")
        self._procs: dict[int, tuple[mp.process.BaseProcess, Connection]] = {}
        self._next_id = 0

    def _start_worker(self) -> int:
        wid, self._next_id = self._next_id, self._next_id + 1
        mine, theirs = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_main, name=f"emosync-worker-{wid}", daemon=True,
                                 args=(wid, self.options, self.threads, theirs))
        proc.start()
        theirs.close()
        self._procs[wid] = (proc, mine)
        return wid

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run every job on the workers, emitting their events here as they come; returns early once `stop` is set."""
        pending = deque(jobs)
        retries = Retries(MAX_RETRIES)
        busy: dict[int, Job] = {}
        while len(self._procs) < min(self.processes, len(pending)):
            self._start_worker()
        while (pending or busy) and not stop.is_set():
            for wid, (_, conn) in self._procs.items():
                if wid not in busy and pending:
                    busy[wid] = pending.popleft()
                    conn.send(busy[wid])
            by_conn = {conn: wid for wid, (_, conn) in self._procs.items()}
            for conn in wait(list(by_conn), timeout=POLL_S):
                wid = by_conn[conn]
                try:
                    event = conn.recv()
                except (EOFError, OSError, pickle.UnpicklingError):
                    self._lost(wid, busy, pending, retries, emit)
                    continue
                if isinstance(event, WorkerStartError):
                    raise event
                if isinstance(event, JobResult):
                    job = busy.pop(wid)
                    emit(replace(event, retried=retries.of(job)))
                else:
                    emit(event)

    def _lost(self, wid: int, busy: dict[int, Job], pending: deque, retries: Retries, emit: Emit) -> None:
        """A worker's pipe broke: its process died. Retry its job once on a new worker, else report it failed."""
        proc, conn = self._procs.pop(wid)
        conn.close()
        proc.join(timeout=5.0)
        job = busy.pop(wid, None)
        if job is not None:
            retries.requeue(job, pending, emit, f"worker process died (exit status {proc.exitcode})")
        if pending:
            self._start_worker()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for _, conn in self._procs.values():
            try:
                conn.send(None)
            except OSError:
                pass
        for proc, conn in self._procs.values():
            proc.join(timeout=2.0)
            if proc.is_alive():  # still busy with a job after a stop: its result is not wanted
                proc.terminate()
                proc.join(timeout=5.0)
            conn.close()
        self._procs.clear()


class LocalWorkers:
    """This process (`processes=0`) or worker processes; with `processes=None`, as many as `default_jobs` picks for the jobs at hand."""

    def __init__(self, options: AnalysisOptions, processes: int | None = None) -> None:
        self.options, self.processes = options, processes
        self._inner: InProcess | LocalPool | None = None

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run every job where chosen, emitting events here; returns early once `stop` is set."""
        n = default_jobs(len(jobs)) if self.processes is None else self.processes
        self._inner = InProcess(self.options) if n == 0 else LocalPool(self.options, n)
        self._inner.run(jobs, emit, stop)

    def __enter__(self) -> LocalWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._inner is not None:
            self._inner.__exit__(*exc)
            self._inner = None
