"""Names benchmark: students named from their tiles' labels on generated 1920x1080 galleries.

`python -m benchmarks.bench_names [--data PublicTest.npz] [--frames 450] [--grids 5x5:21:120:14,7x7:45:80:12]`

Each grid is COLSxROWS:FACES:PX:LABEL (faces of PX pixels, labels LABEL pixels high). Every
tile carries its participant's display name as Zoom draws it (white NanumGothic on a dark
translucent plate at the bottom left; large in the middle when the camera is off): Hangul,
romanised, with a student number, with a role (`benchmarks.gallery_clip.KOREAN_NAMES`). The
clip is MPEG-4 compressed; two students turn their camera off for the middle third. Each grid
runs through `analyze`'s pipeline three times in one process: without name reading, with it,
and with it and the class's participants list. Per student on camera: named right (the name
their face carries at its last frame is theirs, exactly), wrong (another name), unnamed;
seconds from the face's first appearance to its right name (worst and median); camera-off
participants named right; analysed frames/s of each run and the cost of name reading as the
same-run ratio of frames/s (a loaded machine moves it) and the CPU time spent in name reading
over the CPU time of the rest of the run's frames (which load distorts much less).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.gallery_clip import KOREAN_NAMES, TrueFace, astronaut_faces, plan_gallery, write_gallery
from core.conference.name_track import NameTrack
from core.conference.ocr import LabelReader
from core.workflow.pipeline import run_pipeline
from core.recording.recorder import SessionRecorder
from core.records import FrameResult
from core.sources.frame_source import VideoFileSource
from core.vision.analyzer import FrameAnalyzer


def _inside(box: tuple[int, int, int, int], true: tuple[int, int, int, int]) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return true[0] <= cx <= true[0] + true[2] and true[1] <= cy <= true[1] + true[3]


def run(video: Path, analyzer: FrameAnalyzer, out_csv: Path, names: NameTrack | None
        ) -> tuple[float, float, float, list[FrameResult]]:
    """(frames/s, CPU s per frame, CPU s per frame in name reading, results) of `analyze`'s pipeline."""
    analyzer.reset()
    results: list[FrameResult] = []
    naming = [0.0]
    t0, c0 = time.perf_counter(), time.process_time()
    with VideoFileSource(video) as src, SessionRecorder(out_csv) as rec:
        def sink(r: FrameResult) -> None:
            if names is not None:
                n0 = time.process_time()
                r = names.apply(r)
                naming[0] += time.process_time() - n0
            rec.write_frame(r)
            results.append(r)
        run_pipeline(src, analyzer, sink, threaded=False, keep_image=names is not None)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = max(1, len(results))
    return len(results) / wall, cpu / n, naming[0] / n, results


def score(results: list[FrameResult], truth: list[list[TrueFace]], students: list, fps: float) -> dict:
    """Right / wrong / unnamed students on camera, seconds to the right name, and the worst cases."""
    first_seen: dict[int, float] = {}
    first_right: dict[int, float] = {}
    last_name: dict[int, str] = {}
    for result, faces in zip(results, truth):
        t = result.time_s
        for tf in faces:
            hit = next((f for f in result.faces if _inside(f.box, tf.box)), None)
            if hit is None:
                continue
            first_seen.setdefault(tf.student, t)
            last_name[tf.student] = hit.name
            if hit.name == students[tf.student].name:
                first_right.setdefault(tf.student, t)
    on_camera = [s for s in students if s.face_px]
    right = [s for s in on_camera if last_name.get(s.index) == s.name]
    wrong = [s for s in on_camera if last_name.get(s.index) and last_name[s.index] != s.name]
    delays = [first_right[s.index] - first_seen[s.index] for s in right if s.index in first_right]
    return {"students": len(on_camera), "right": len(right), "wrong": len(wrong),
            "unnamed": len(on_camera) - len(right) - len(wrong),
            "wrong_names": [(s.name, last_name[s.index]) for s in wrong],
            "unnamed_names": [s.name for s in on_camera if not last_name.get(s.index)],
            "delay_max": max(delays, default=float("nan")), "delay_median": float(np.median(delays)) if delays else
            float("nan")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_names", description=__doc__.splitlines()[0])
    p.add_argument("--data", default="../shared/data/fer2013/PublicTest.npz",
                   help="FER2013 .npz for the faces (scikit-image's astronaut when it is absent)")
    p.add_argument("--frames", type=int, default=450, help="clip length at 30 frames/s")
    p.add_argument("--grids", default="5x5:21:120:14,7x7:45:80:12", help="COLSxROWS:FACES:PX:LABEL, comma separated")
    p.add_argument("--device", default="cpu")
    args = p.parse_args(argv)

    if Path(args.data).is_file():
        from training.fer_data import load_npz

        images, labels = load_npz(args.data)
        faces_from = Path(args.data).name
    else:
        images = astronaut_faces()
        labels = np.zeros(len(images), np.int64)
        faces_from = "astronaut variants"
    tmp = Path(tempfile.mkdtemp(prefix="emosync-names-"))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; 1920x1080 MPEG-4 clips "
          f"of {args.frames} frames at 30 frames/s; faces: {faces_from}; device {args.device}")
    print()
    print("| gallery | names from | right | wrong | unnamed | camera-off named | s to name (median / worst) "
          "| analysed frames/s | cost: frames/s lost, name CPU / rest | OCR reads |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    reader = LabelReader()
    analyzer = FrameAnalyzer.create(args.device)
    for spec in args.grids.split(","):
        grid, n_faces, px, label_px = spec.split(":")
        cols, rows = (int(v) for v in grid.split("x"))
        names = KOREAN_NAMES[: cols * rows]
        students = plan_gallery(len(images), cols, rows, int(n_faces), args.frames, face_px=(int(px), int(px)),
                                away=2, names=names)
        video = tmp / f"gallery_{grid}.mp4"
        truth = write_gallery(video, students, images, labels, args.frames, label_style="plate",
                              label_px=int(label_px))
        off_all = sorted(s.name for s in students if not s.face_px)
        plain_fps, plain_cpu, _, _ = run(video, analyzer, tmp / "t.csv", None)
        print(f"| {grid}, {n_faces} faces of {px} px, labels {label_px} px | (not read) | | | | | "
              f"| {plain_fps:.1f} | | |", flush=True)
        for what, listed in (("tiles", ()), ("tiles + participants list", names)):
            track = NameTrack(reader, listed)
            reads0 = track.namer.reads
            fps, cpu, naming, results = run(video, analyzer, tmp / "t.csv", track)
            s = score(results, truth, students, fps)
            off = track.meta()["camera_off"]
            off_right = sum(n in off for n in off_all)
            cost_fps, cost_cpu = 1 - fps / plain_fps, naming / (cpu - naming)
            print(f"| {grid}, {n_faces} faces of {px} px, labels {label_px} px | {what} "
                  f"| {s['right']}/{s['students']} ({s['right'] / s['students']:.0%}) | {s['wrong']} | {s['unnamed']} "
                  f"| {off_right}/{len(off_all)} | {s['delay_median']:.1f} / {s['delay_max']:.1f} | {fps:.1f} "
                  f"| {cost_fps:+.1%}, {cost_cpu:+.1%} | {track.namer.reads - reads0} |", flush=True)
            for true, read in s["wrong_names"]:
                print(f"<!-- wrong: {true!r} read as {read!r} -->")
            for true in s["unnamed_names"]:
                print(f"<!-- unnamed: {true!r} -->")
            for true in sorted(set(off_all) - set(off)):
                print(f"<!-- camera off, not named: {true!r} (read: {sorted(set(off) - set(off_all))}) -->")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
