"""Attention signals: roll error on known tilts, mirror consistency, share of faces with a mesh, cost per face, galleries.

    python -m benchmarks.bench_attention [--faces 3589] [--gallery-frames 90] [--grids 5x5:21:120,7x7:45:80]

Faces: FER2013 PublicTest (48x48 grey, scaled to 160 px on a canvas, core/attention/scenes.py)
upright, tilted clockwise by known angles (the picture rotated, so the true change of roll is the
angle) and mirrored. Roll error is |roll(tilted) - roll(upright) - tilt|; mirror consistency is
|yaw(upright) + yaw(mirrored)| and the same for roll (a mirrored face turns and tilts the other
way). The box given to the mesh is the scene's detector-like box, so the mesh is measured, not
the detector. Then scikit-image's astronaut (a real, sharp face) the same way. Cost is process
CPU time with OpenCV on one thread (as the pipeline runs it), which load from other programs
distorts far less than wall time. Galleries: generated conference clips (benchmarks/gallery_clip.py)
analysed with and without attention; frames/s from process CPU time; readings per student per
second of video (what `analyze` gives) and per second of analysis (what a live source gets:
readings per frame x analysed frames/s). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np

from benchmarks.shared_data import FER_TEST
from core.attention.eyes import eye_openness, mouth_opening
from core.attention.mesh import FaceMesh, landmark_roi
from core.attention.pose import head_pose
from core.attention.reader import AttentionReader
from core.attention.scenes import face_scene

TILTS = (-30.0, -15.0, 15.0, 30.0)
CLIP_FPS = 30.0  # the generated galleries' frame rate


def measure(mesh: FaceMesh, face: np.ndarray, side: int, tilt: float = 0.0, mirror: bool = False):
    """(yaw, pitch, roll) of one generated scene, or None without a mesh."""
    canvas, box = face_scene(face, side, tilt, mirror)
    m = mesh.run(canvas, box)
    p = head_pose(m.points) if m is not None else None
    return None if p is None else (p.yaw, p.pitch, p.roll)


def accuracy(mesh: FaceMesh, faces: list[np.ndarray], side: int) -> dict[str, float]:
    """Mesh share, median roll error per tilt and overall, median mirror differences."""
    found, total = 0, 0
    roll_err: dict[float, list[float]] = defaultdict(list)
    yaw_mir, roll_mir = [], []
    for face in faces:
        up = measure(mesh, face, side)
        mir = measure(mesh, face, side, mirror=True)
        tilted = {t: measure(mesh, face, side, t) for t in TILTS}
        results = [up, mir, *tilted.values()]
        found += sum(r is not None for r in results)
        total += len(results)
        if up is None:
            continue
        for t, r in tilted.items():
            if r is not None:
                roll_err[t].append(abs(r[2] - up[2] - t))
        if mir is not None:
            yaw_mir.append(abs(up[0] + mir[0]))
            roll_mir.append(abs(up[2] + mir[2]))
    every = [e for errs in roll_err.values() for e in errs]
    out = {"mesh": found / total, "roll": float(np.median(every)), "yaw_mirror": float(np.median(yaw_mir)),
           "roll_mirror": float(np.median(roll_mir)), "n": len(faces)}
    out.update({f"roll{t:+.0f}": float(np.median(v)) for t, v in roll_err.items()})
    return out


def cost(mesh: FaceMesh, face: np.ndarray, reps: int) -> tuple[float, float]:
    """CPU ms per face: a new face (two passes) and a followed one (one pass), each with pose and eyes."""
    canvas, box = face_scene(face, 160)
    first = mesh.run(canvas, box)

    def once(prior):
        m = mesh.run(canvas, box, prior)
        head_pose(m.points), eye_openness(m.points), mouth_opening(m.points)

    out = []
    for prior in (None, landmark_roi(first.points)):  # followed: the square from the last reading, as the reader does
        once(prior)
        t0 = time.process_time()
        for _ in range(reps):
            once(prior)
        out.append((time.process_time() - t0) / reps * 1000)
    return out[0], out[1]


class _CountingReader(AttentionReader):
    """An AttentionReader that logs when each face was read."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.log: dict[int, list[float]] = defaultdict(list)

    def read(self, image, box, t, face):  # noqa: ANN001, ANN201
        self.log[id(face)].append(t)
        return super().read(image, box, t, face)

    def rates(self) -> list[float]:
        """Readings a second of each face read at least twice, between its first and last reading."""
        return [(len(ts) - 1) / (ts[-1] - ts[0]) for ts in self.log.values() if len(ts) > 1 and ts[-1] > ts[0]]


def gallery(images: np.ndarray, labels: np.ndarray, grids: str, frames: int) -> list[str]:
    """Rows: analysed frames/s (CPU) with and without attention, and readings per student per second."""
    from core.workflow.pipeline import run_pipeline
    from core.sources.frame_source import VideoFileSource
    from core.vision.analyzer import FrameAnalyzer

    from benchmarks.gallery_clip import plan_gallery, write_gallery

    tmp = Path(tempfile.mkdtemp(prefix="emosync-attention-"))
    base = FrameAnalyzer.create("cpu")
    rows = []
    for spec in grids.split(","):
        grid, n_faces, px = spec.split(":")
        cols, nrows = (int(v) for v in grid.split("x"))
        students = plan_gallery(len(images), cols, nrows, int(n_faces), frames, face_px=(int(px), int(px)))
        video = tmp / f"gallery_{grid}.mp4"
        write_gallery(video, students, images, labels, frames)
        fps: dict[str, list[float]] = defaultdict(list)
        for attention in (False, True, False):  # without twice, around: warm-up and drift do not favour either
            analyzer = base.fresh()
            if attention:
                analyzer.attention = reader = _CountingReader(FaceMesh(), clock=time.process_time)
            results = []
            t0 = time.process_time()
            with VideoFileSource(video) as src:
                run_pipeline(src, analyzer, results.append, threaded=False)
            fps[attention].append(len(results) / (time.process_time() - t0))
            if attention:
                measured = sum(f.attention is not None and f.attention.measured for r in results for f in r.faces)
                shown = sum(len(r.faces) for r in results)
        hz = reader.rates()  # per second of video
        without, with_ = float(np.mean(fps[False])), fps[True][0]
        live = [h / CLIP_FPS * with_ for h in hz]  # per second of analysis, as a live source gets them
        rows.append(f"| {grid}, {n_faces} faces of {px} px | {without:.2f} | {with_:.2f} "
                    f"| {with_ / without:.0%} | {np.median(hz):.1f} / {min(hz):.1f} | {np.median(live):.1f} / {min(live):.1f} "
                    f"| {measured / max(shown, 1):.0%} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_attention", description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(FER_TEST), help="FER2013 .npz for the faces")
    p.add_argument("--faces", type=int, default=3589, help="how many PublicTest faces")
    p.add_argument("--reps", type=int, default=50, help="timed repetitions for the cost rows")
    p.add_argument("--grids", default="5x5:21:120,7x7:45:80", help="COLSxROWS:FACES:PX galleries ('' to skip)")
    p.add_argument("--gallery-frames", type=int, default=90, help="gallery clip length at 30 frames/s")
    args = p.parse_args(argv)
    cv2.setNumThreads(1)

    from skimage import data

    from training.fer_data import load_npz

    images, labels = load_npz(args.data)
    mesh = FaceMesh()
    astronaut = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)[20:220, 140:310]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; OpenCV {cv2.__version__} "
          "on one thread")
    print()
    print("| faces | n | with a mesh | median roll error | " + " | ".join(f"at {t:+.0f}°" for t in TILTS)
          + " | mirrored yaw, median \\|sum\\| | mirrored roll, median \\|sum\\| |")
    print("|---|---|---|---|" + "---|" * len(TILTS) + "---|---|")
    for name, faces, side in (("FER2013 PublicTest, 48 px scaled to 160", list(images[: args.faces]), 160),
                              ("scikit-image astronaut, 170 px", [astronaut], 170)):
        a = accuracy(mesh, faces, side)
        print(f"| {name} | {a['n']} | {a['mesh']:.1%} | {a['roll']:.1f}° | "
              + " | ".join(f"{a[f'roll{t:+.0f}']:.1f}°" for t in TILTS)
              + f" | {a['yaw_mirror']:.1f}° | {a['roll_mirror']:.1f}° |", flush=True)
    up = measure(mesh, astronaut, 170)
    print()
    print(f"astronaut upright: yaw {up[0]:+.1f}°, pitch {up[1]:+.1f}°, roll {up[2]:+.1f}°; "
          + ", ".join(f"tilted {t:+.0f}°: roll {measure(mesh, astronaut, 170, t)[2]:+.1f}°" for t in TILTS))
    print()
    new, followed = cost(mesh, images[0], args.reps)
    print("| CPU time per face (one thread) | ms |")
    print("|---|---|")
    print(f"| new face (two or more aligned passes) + pose + eyes | {new:.2f} |")
    print(f"| followed face, every frame (one pass) + pose + eyes | {followed:.2f} |")
    if args.grids:
        print()
        print("| gallery | frames/s without | frames/s with attention | ratio | readings per student per video s "
              "(median / min) | per s of analysis (median / min) | face rows with values |")
        print("|---|---|---|---|---|---|---|")
        for row in gallery(images, labels, args.grids, args.gallery_frames):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
