"""Start-up benchmark: seconds from launch to the window shown and to the first result on screen.

    xvfb-run -a python -m benchmarks.bench_startup [--exe dist/EmoSync/EmoSync] [--runs 3]

Without --exe it launches `python main.py` from this checkout. Each run opens the window on a
generated face clip (`--source`) and reads the times the app writes when EMOSYNC_STARTUP_REPORT
names a file (gui/app.py). Needs a display (a real one, or Xvfb). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(cmd: list[str], video: Path, work: Path, timeout_s: float) -> tuple[float, float]:
    """Launch once; (seconds to window shown, seconds to first result)."""
    report = work / f"startup-{time.monotonic_ns()}.json"
    env = dict(os.environ, EMOSYNC_STARTUP_REPORT=str(report), XDG_CONFIG_HOME=str(work / "config"))
    t0 = time.time()
    proc = subprocess.Popen([*cmd, "--source", str(video)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not report.exists():
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace").strip().splitlines()
                raise SystemExit(f"error: the app exited ({proc.returncode}): {err[-1] if err else 'no output'}")
            if time.time() - t0 > timeout_s:
                raise SystemExit(f"error: no start-up report after {timeout_s:.0f} s")
            time.sleep(0.02)
        time.sleep(0.05)  # let the writer finish
        times = json.loads(report.read_text())
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if "window_shown" not in times or "first_result" not in times:
        raise SystemExit(f"error: incomplete start-up report: {times}")
    return times["window_shown"] - t0, times["first_result"] - t0


def main(argv: list[str] | None = None) -> int:
    """Run the launches and print the table."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_startup", description=__doc__.splitlines()[0])
    p.add_argument("--exe", help="a built EmoSync executable (default: python main.py)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--video", help="clip to open (default: a generated face clip)")
    p.add_argument("--timeout", type=float, default=180.0)
    args = p.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("error: no display: run under `xvfb-run -a`", file=sys.stderr)
        return 2
    cmd = [str(Path(args.exe).resolve())] if args.exe else [sys.executable, str(ROOT / "main.py")]
    with tempfile.TemporaryDirectory(prefix="emosync-startup-") as tmp:
        work = Path(tmp)
        if args.video:
            video = Path(args.video)
        else:
            from benchmarks.bench_gui import make_face_video

            video = make_face_video(work / "face.mp4", seconds=20.0)
        rows = [one_run(cmd, video, work, args.timeout) for _ in range(args.runs)]
    label = args.exe or "python main.py"
    print(f"Start-up of `{label}` ({args.runs} launches; the first may include a cold disk cache)\n")
    print("| launch | window shown (s) | first result (s) |")
    print("|---|---|---|")
    for i, (shown, first) in enumerate(rows, 1):
        print(f"| {i} | {shown:.2f} | {first:.2f} |")
    print(f"| median | {statistics.median(r[0] for r in rows):.2f} | {statistics.median(r[1] for r in rows):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
