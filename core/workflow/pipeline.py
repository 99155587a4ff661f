"""Runs a source through the analyzer with decoding, detection and classification overlapped.

Three stages on three threads joined by small bounded queues: reading and decoding, then
detection/tracking/cropping, then classification on the caller's thread. Every frame is
analysed in order (this is for files and benchmarks; live sources use a latest-frame-wins
slot instead, see core.live.latest_slot).
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable, Iterator

import cv2
import torch

from core.records import Frame, FrameResult
from core.sources.frame_source import FrameSource
from core.vision.analyzer import FrameAnalyzer, LocatedFrame

_END = object()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def _put(q: queue.Queue, item: object, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            q.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _stage(produce: Iterator[object], q: queue.Queue, stop: threading.Event) -> None:
    try:
        for item in produce:
            if not _put(q, item, stop):
                return
        _put(q, _END, stop)
    except BaseException as e:  # handed to the consumer, which re-raises it
        _put(q, _Failure(e), stop)


def _drain(q: queue.Queue, stop: threading.Event) -> Iterator[object]:
    while True:
        try:
            item = q.get(timeout=0.1)
        except queue.Empty:
            if stop.is_set():
                return
            continue
        if item is _END:
            return
        if isinstance(item, _Failure):
            raise item.error
        yield item


@contextlib.contextmanager
def one_thread_per_stage() -> Iterator[None]:
    """Give OpenCV and PyTorch one thread each while the stages run side by side.

    With their default pools both would spread over every core at once; on a small CPU the
    oversubscription costs more than the overlap gains.
    """
    cv_threads, torch_threads = cv2.getNumThreads(), torch.get_num_threads()
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(cv_threads)
        torch.set_num_threads(torch_threads)


def stages_pay_off() -> bool:
    """Whether overlapping the stages on threads beats running them in turn with full thread pools.

    Measured on a 2-core CPU (benchmarks/bench_pipeline.py): in turn was faster there, since
    detection dominates and loses more by giving up its second core than overlap gains.
    """
    return (os.cpu_count() or 1) > 2


def run_pipeline(
    source: FrameSource,
    analyzer: FrameAnalyzer,
    on_result: Callable[[FrameResult], None],
    every: int = 1,
    threaded: bool | None = None,
    stop: threading.Event | None = None,
    pin_threads: bool = True,
    keep_image: bool = False,
) -> int:
    """Analyse every `every`-th frame of `source`, calling `on_result` in frame order; returns frames analysed.

    `threaded=None` overlaps the stages only where that pays off (more than two cores).
    Setting `stop` (or a KeyboardInterrupt in the caller) ends the run after the frame in hand;
    worker threads are always joined before returning, and `stop` is left as it was (set means the
    caller asked for the end, not that the source ran out). `keep_image` leaves each frame's pixels
    on its result (for reading names off the screen; the caller drops them).
    """
    stop = stop or threading.Event()
    if threaded is None:
        threaded = stages_pay_off()

    def frames() -> Iterator[Frame]:
        for frame in source:
            if stop.is_set():
                return
            if frame.index % every == 0:
                yield frame

    if not threaded:
        n = 0
        for frame in frames():
            on_result(analyzer.analyze(frame, keep_image))
            n += 1
        return n

    halt = threading.Event()  # the stage threads' own end, so the caller's `stop` keeps its meaning
    q_frames: queue.Queue = queue.Queue(maxsize=4)
    q_located: queue.Queue = queue.Queue(maxsize=4)
    located_iter = (analyzer.locate(f) for f in _drain(q_frames, halt))  # type: ignore[arg-type]
    threads = [
        threading.Thread(target=_stage, args=(frames(), q_frames, halt), name="emosync-decode", daemon=True),
        threading.Thread(target=_stage, args=(located_iter, q_located, halt), name="emosync-detect", daemon=True),
    ]
    n = 0
    with one_thread_per_stage() if pin_threads else contextlib.nullcontext():
        for t in threads:
            t.start()
        try:
            for located in _drain(q_located, halt):
                if stop.is_set():
                    break
                assert isinstance(located, LocatedFrame)
                on_result(analyzer.classify(located, keep_image))
                n += 1
        finally:
            halt.set()
            for t in threads:
                t.join(timeout=5.0)
    return n
