"""Batch throughput: video seconds analysed per wall-clock second, in this process, in worker processes and on a local Ray.

    python -m benchmarks.bench_batch [--clips 8] [--seconds 30] [--modes seq,jobs1,jobs2,ray]

Generates the clips (640x480, 30 frames/s, MPEG-4: scikit-image's astronaut face drifting
for two thirds of each clip, then an empty scene), so it needs no data. Each mode runs
`main.py analyze FOLDER --out DIR --force --quiet` as a fresh process with the shipped
models, so start-up (imports, model loading, worker processes, Ray) counts. Ray's start-up
is measured apart: one photo with `--ray` against the same photo in this process.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = {
    "seq": ("sequential (`--jobs 0`, this process)", ["--jobs", "0"]),
    "jobs1": ("`--jobs 1` (one worker process)", ["--jobs", "1"]),
    "jobs2": ("`--jobs 2` (two worker processes)", ["--jobs", "2"]),
    "ray": ("`--ray` (local Ray, 1 CPU per actor)", ["--ray"]),
}
FPS = 30.0


def make_clips(folder: Path, n: int, seconds: float) -> float:
    """Write `n` clips of `seconds` each into `folder`; returns their total video seconds."""
    import cv2
    from skimage import data

    from core.sources.face_clip import iter_drifting_face, write_video

    face = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)[20:220, 140:310]
    frames = int(seconds * FPS)
    n_face = frames * 2 // 3
    for i in range(n):
        # back and forth across the frame, each clip starting elsewhere
        path = (lambda k, i=i: (40 + abs((k * 3 + 97 * i) % 800 - 400), 100 + 40 * (i % 4)))
        pairs = iter_drifting_face(face, n_face, frames - n_face, path=path)
        write_video(folder / f"clip{i}.mp4", (f for f, _ in pairs), FPS, fourcc="mp4v")
    return n * frames / FPS


def analyze(inputs: list[str], out: Path, extra: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of it and its children) of one `analyze` run (a fresh process); raises when it fails."""
    cmd = [sys.executable, str(ROOT / "main.py"), "analyze", *inputs, "--out", str(out), "--force", "--quiet",
           "--device", "cpu", *extra]
    t0, c0 = time.perf_counter(), _children_cpu()
    done = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return wall, cpu


def _children_cpu() -> float:
    # Ray's own daemons are not our children once detached, so Ray's CPU is under-counted
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Make the clips, time each mode, print the table."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_batch", description=__doc__.splitlines()[0])
    p.add_argument("--clips", type=int, default=8)
    p.add_argument("--seconds", type=float, default=30.0, help="length of each clip")
    p.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}")
    args = p.parse_args(argv)
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        p.error(f"unknown modes: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        tmp_path = Path(tmp)
        clips = tmp_path / "clips"
        clips.mkdir()
        video_s = make_clips(clips, args.clips, args.seconds)
        print(f"{args.clips} clips of {args.seconds:g} s ({video_s:g} s of video), {os.cpu_count()} CPUs", file=sys.stderr)
        rows = []
        for mode in modes:
            label, extra = MODES[mode]
            wall, cpu = analyze([str(clips)], tmp_path / f"out_{mode}", extra)
            print(f"{mode}: {wall:.1f} s, CPU {cpu:.1f} s", file=sys.stderr)
            rows.append((label, wall, cpu))
        startup = None
        if "ray" in modes:
            import cv2
            from skimage import data

            photo = tmp_path / "photo.jpg"
            cv2.imwrite(str(photo), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
            startup = (analyze([str(photo)], tmp_path / "ray1", ["--ray"])[0]
                       - analyze([str(photo)], tmp_path / "seq1", ["--jobs", "0"])[0])
    print(f"{args.clips} clips x {args.seconds:g} s = {video_s / 60:.1f} min of video, {os.cpu_count()} CPUs:\n")
    print("| mode | wall s | video s per wall s | CPU s per video s |")
    print("|---|---|---|---|")
    for label, wall, cpu in rows:
        print(f"| {label} | {wall:.1f} | {video_s / wall:.2f} | {cpu / video_s:.2f} |")
    if startup is not None:
        print(f"\nRay's start-up (one photo with `--ray` minus the same in this process): {startup:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
