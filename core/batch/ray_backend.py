"""Ray for a cluster: the same per-input work on actors that load the models once; results come back to the driver.

Actors only analyse and return rows; the driver alone writes files, so losing a node loses
no finished file and a job retried after its actor died is still written once. Ray is an
optional dependency (requirements-ray.txt), imported only here and only when asked for.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType

from core.batch.job_records import Emit, Job, JobResult, Started
from core.batch.jobs import Retries, Worker
from core.workflow.options import AnalysisOptions
from core.resources import app_root

MAX_RETRIES = 2  # a job whose actor died (its node lost, a crash) goes to another actor this many times
POLL_S = 0.2
INSTALL_HINT = "Ray is not installed: pip install -r requirements-ray.txt"


class RayUnavailable(RuntimeError):
    """Ray is missing or the cluster cannot be reached; the message says what to do."""


class _Actor:
    """A Ray actor around one Worker: the models load once, in the actor's process."""

    def __init__(self, options: AnalysisOptions, threads: int) -> None:
        import cv2
        import torch

        # Ray gives an actor its CPUs as a count, not as cores: without this torch and OpenCV
        # would each spread over the whole node, under every actor at once.
        cv2.setNumThreads(threads)
        torch.set_num_threads(threads)
        self.worker = Worker(options, threaded=False)

    def ready(self) -> bool:
        """Answers once the models are loaded."""
        return True

    def run(self, job: Job) -> JobResult:
        """Analyse one job and return its rows."""
        return self.worker.run(job)


def import_ray() -> ModuleType:
    """The ray module, or RayUnavailable saying how to install it."""
    try:
        import ray
    except ImportError:
        raise RayUnavailable(INSTALL_HINT) from None
    return ray


class RayPool:
    """Jobs on Ray actors (`cpus`/`gpus` each), as many as the cluster holds; joins `address`, or starts a local Ray."""

    def __init__(self, options: AnalysisOptions, address: str | None = None, cpus: float = 1.0, gpus: float = 0.0,
                 local_cpus: int | None = None, actors: int | None = None) -> None:
        self.options, self.address, self.cpus, self.gpus = options, address, cpus, gpus
        self.local_cpus, self.wanted = local_cpus, actors
        self._ray = import_ray()
        self._owns_ray = False
        self._actors: list[object] = []
        self._alive: set[object] = set()  # actors that answered ready()
        self._coming: dict[object, object] = {}  # ready() reference -> actor, until it answers

    def __enter__(self) -> RayPool:
        ray = self._ray
        if not ray.is_initialized():
            # workers import this checkout's packages; on a cluster it must sit at the same path on every node
            job_config = ray.job_config.JobConfig(code_search_path=[str(app_root())])
            try:
                if self.address:
                    ray.init(address=self.address, job_config=job_config, log_to_driver=False, logging_level="error")
                else:
                    ray.init(num_cpus=self.local_cpus, include_dashboard=False, job_config=job_config,
                             log_to_driver=False, logging_level="error")
            except (ConnectionError, RuntimeError, ValueError) as e:
                raise RayUnavailable(f"cannot start or reach Ray{' at ' + self.address if self.address else ''}: "
                                     f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
            self._owns_ray = True
        self._actor_class = ray.remote(num_cpus=self.cpus, num_gpus=self.gpus, max_restarts=0)(_Actor)
        return self

    def actor_count(self, jobs: int) -> int:
        """How many actors to start: what the cluster's CPUs (and GPUs) hold, at most one per job, at least one."""
        if self.wanted:
            return max(1, min(self.wanted, jobs))
        resources = self._ray.cluster_resources()
        n = int(resources.get("CPU", 1) // self.cpus) if self.cpus else jobs
        if self.gpus:
            n = min(n, int(resources.get("GPU", 0) // self.gpus))
        return max(1, min(n, jobs))

    def _new_actor(self) -> object:
        actor = self._actor_class.remote(self.options, max(1, int(self.cpus)))
        self._actors.append(actor)
        self._coming[actor.ready.remote()] = actor
        return actor

    def run(self, jobs: Sequence[Job], emit: Emit, stop: threading.Event) -> None:
        """Run every job on the actors, emitting events here as results come; returns early once `stop` is set."""
        ray = self._ray
        pending = deque(jobs)
        retries = Retries(MAX_RETRIES)
        while len(self._actors) < self.actor_count(len(jobs)):
            self._new_actor()
        idle = list(self._actors)
        inflight: dict[object, tuple[object, Job]] = {}

        def lost(actor: object, job: Job | None, why: str) -> None:
            self._drop(actor)
            if actor in idle:
                idle.remove(actor)
            if job is not None:
                retries.requeue(job, pending, emit, f"Ray worker lost: {why}")
            if not self._actors:  # the survivors take the work; a new actor only when none is left
                idle.append(self._new_actor())

        while (pending or inflight) and not stop.is_set():
            idle.sort(key=lambda a: a not in self._alive)  # actors known to be up first
            while idle and pending:
                actor, job = idle.pop(0), pending.popleft()
                inflight[actor.run.remote(job)] = (actor, job)
                emit(Started(job.key, job.chunk, None))
            # An actor whose node died while it was being created is created again elsewhere and
            # may wait for a CPU forever: once an actor that is up has nothing to do, its job moves.
            if not pending and any(a in self._alive for a in idle):
                stuck = next((r for r, (a, _) in inflight.items() if a not in self._alive), None)
                if stuck is not None:
                    actor, job = inflight.pop(stuck)
                    lost(actor, job, "its actor never started")
                    continue
            ready, _ = ray.wait([*inflight, *self._coming], num_returns=1, timeout=POLL_S)
            for ref in ready:
                if ref in self._coming:
                    actor = self._coming.pop(ref)
                    try:
                        ray.get(ref)
                        self._alive.add(actor)
                    except ray.exceptions.RayError:
                        pass  # its job, if any, fails too and is handled there
                    continue
                actor, job = inflight.pop(ref)
                try:
                    result = ray.get(ref)
                except ray.exceptions.RayError as e:
                    lost(actor, job, _first_line(e))
                    continue
                idle.append(actor)
                emit(replace(result, retried=retries.of(job)))

    def _drop(self, actor: object) -> None:
        if actor not in self._actors:
            return
        self._actors.remove(actor)
        self._alive.discard(actor)
        for ref in [r for r, a in self._coming.items() if a is actor]:
            del self._coming[ref]
        try:
            self._ray.kill(actor)
        except Exception:  # already gone with its node
            pass

    def __exit__(self, *exc: object) -> None:
        for actor in list(self._actors):
            self._drop(actor)
        if self._owns_ray:
            self._ray.shutdown()


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
