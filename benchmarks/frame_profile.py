"""Where a frame's milliseconds go: a cProfile run of the pipeline, its time sorted into stages.

The profiler's clock is the process's CPU time (`time.process_time`, every thread of the
process together), and OpenCV and PyTorch run on one thread each while it runs: their thread
pools spin while they wait for a descheduled sibling, which on a machine loaded by other jobs
shows up as CPU time of their own. So the figures are the work a frame takes, one core's
worth, and change much less with load than wall time would. Each stage is the cumulative time of the functions that do it (the finder minus
its detector passes is "following", the analyzer's `locate` minus finding and tracking is
"crops", and so on); what no stage claims is Python overhead: the pipeline's loop, result
records, and the profiler itself, which slows every Python call (the frames/s of a profiled
run are therefore lower than those of the benchmark's table).
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# (file, function) of each function a stage is made of
_READ = ("core/sources/frame_source.py", "read")
_DETECT = ("core/vision/detector.py", "detect")
_FIND = ("core/vision/finder.py", "find")
_TRACK = ("core/vision/tracker.py", "update")
_LOCATE = ("core/vision/analyzer.py", "locate")
_PREDICT = ("core/vision/classifier.py", "predict")
_CLASSIFY = ("core/vision/analyzer.py", "classify")
_CSV = ("core/recording/recorder.py", "write_frame")

STAGES: list[tuple[str, list[tuple[int, tuple[str, str]]]]] = [
    ("decode", [(1, _READ)]),
    ("detection (res10 passes)", [(1, _DETECT)]),
    ("following (template match, scene cuts, scheduling)", [(1, _FIND), (-1, _DETECT)]),
    ("tracking (ids)", [(1, _TRACK)]),
    ("crops", [(1, _LOCATE), (-1, _FIND), (-1, _TRACK)]),
    ("classification (CNN)", [(1, _PREDICT)]),
    ("classification (reuse check, smoothing, records)", [(1, _CLASSIFY), (-1, _PREDICT)]),
    ("CSV", [(1, _CSV)]),
]


def _cumulative(stats: pstats.Stats, where: tuple[str, str]) -> float:
    """Seconds spent in (and under) every function named `where[1]` in a file ending with `where[0]`."""
    total = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if name == where[1] and filename.replace("\\", "/").endswith(where[0]):
            total += ct
    return total


def profile_run(fn: Callable[[], T]) -> tuple[T, dict[str, float]]:
    """Run `fn` under cProfile on process CPU time; return its result and CPU seconds per stage."""
    from core.workflow.pipeline import one_thread_per_stage

    prof = cProfile.Profile(time.process_time)
    with one_thread_per_stage():
        t0 = time.process_time()
        result = prof.runcall(fn)
        total = time.process_time() - t0
    stats = pstats.Stats(prof)
    stages = {name: max(0.0, sum(sign * _cumulative(stats, where) for sign, where in parts))
              for name, parts in STAGES}
    stages["Python overhead (loop, records, profiler)"] = max(0.0, total - sum(stages.values()))
    stages["total"] = total
    return result, stages


def breakdown_table(stages: dict[str, float], frames: int) -> str:
    """A Markdown table of CPU ms per frame and share of the total, stage by stage."""
    total = stages["total"]
    lines = ["| stage | CPU ms per frame | share |", "|---|---|---|"]
    for name, seconds in stages.items():
        ms = 1000 * seconds / max(1, frames)
        share = "100%" if name == "total" else f"{100 * seconds / max(total, 1e-9):.0f}%"
        lines.append(f"| {name} | {ms:.2f} | {share} |")
    return "\n".join(lines)


def fer_python(option: str | None) -> str | None:
    """The Python of the venv that has fer (option, else $EMOSYNC_FER_PYTHON, else /work/fer-venv), if it exists."""
    import os
    from pathlib import Path

    for candidate in (option, os.environ.get("EMOSYNC_FER_PYTHON"), "/work/fer-venv/bin/python"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def run_fer(python: str, video: str) -> dict:
    """fer on every frame of `video`, in a subprocess of its own venv (benchmarks/fer_peer.py)."""
    import json
    import subprocess
    from pathlib import Path

    script = Path(__file__).with_name("fer_peer.py")
    out = subprocess.run([python, str(script), str(video)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
