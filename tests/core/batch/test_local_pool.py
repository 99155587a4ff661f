"""Worker processes: results stream back, and a job whose process dies is retried once, then failed."""

import os
import shutil
import signal
import threading

from core.batch.job_records import Job, JobResult, Started
from core.workflow.options import AnalysisOptions
from core.batch.local_pool import LocalPool, default_jobs, threads_per_worker


def test_default_is_a_worker_per_core_within_jobs_and_memory():
    assert default_jobs(1, cpus=16, memory_gib=64) == 0  # one job: in this process
    assert default_jobs(8, cpus=2, memory_gib=64) == 2 and default_jobs(3, cpus=16, memory_gib=64) == 3
    assert default_jobs(8, cpus=16, memory_gib=4.5) == 4 and default_jobs(8, cpus=16, memory_gib=0.2) == 1
    assert threads_per_worker(2, cpus=2) == 1 and threads_per_worker(1, cpus=2) == 2 and threads_per_worker(8, 4) == 1


def test_a_killed_worker_s_job_is_retried_and_the_pool_goes_on(tmp_path, synthetic_video, tiny_weights):
    paths = [shutil.copy(synthetic_video, tmp_path / f"{n}.avi") for n in "ab"]
    jobs = [Job(i, str(p)) for i, p in enumerate(paths)]
    results: list[JobResult] = []
    with LocalPool(AnalysisOptions(device="cpu", weights=str(tiny_weights)), processes=1) as pool:
        killed = []

        def emit(event):
            if isinstance(event, Started) and event.key == 0 and not killed:
                (proc, _), = pool._procs.values()
                os.kill(proc.pid, signal.SIGKILL)
                killed.append(proc.pid)
            elif isinstance(event, JobResult):
                results.append(event)

        pool.run(jobs, emit, threading.Event())
    assert killed
    assert [(r.key, r.ok, r.retried, r.frames) for r in sorted(results, key=lambda r: r.key)] == [
        (0, True, 1, 30), (1, True, 0, 30)]


def test_retries_requeue_a_lost_job_until_the_limit():
    from collections import deque

    from core.batch.jobs import Job, Retries

    retries, pending, emitted = Retries(limit=1), deque(), []
    job = Job(key=3, path="a.mp4", chunk=1, chunks=2)
    retries.requeue(job, pending, emitted.append, "lost")
    assert list(pending) == [job] and retries.of(job) == 1 and not emitted
    pending.clear()
    retries.requeue(job, pending, emitted.append, "lost again")
    assert not pending and emitted[0].error == "lost again" and emitted[0].retried == 1
