"""Gallery benchmark: a generated 1920x1080 conference gallery through `analyze`'s pipeline.

`python -m benchmarks.bench_gallery [--data PublicTest.npz] [--frames 450] [--grids 5x5:21:120,7x7:45:80]
[--held-out 1,2]`

Each grid is COLSxROWS:FACES:PX (faces of PX pixels; the other tiles have the camera off and
show a name). Faces change expression out of step, bob a little, and one student turns the
camera off for the middle third. Reports recall (student-frames with a reported box whose
centre lies in the true face), false faces (reported boxes on no face: camera-off tiles, name
labels, backgrounds), frame accuracy (found faces whose dominant emotion is the image's label),
analysed frames/s, updates per student per second, and face ids per student (1 is ideal).
Prints a Markdown table; the first row of each grid is the single-face finder (a 300x300 pass
over the whole frame, regions between), which `analyze` used on every frame size before.
`--held-out I,J` adds the names benchmark's held-out galleries (benchmarks/splits.py: Meet labels,
UnDotum and NanumBarunGothic, 720p, JPEG passes, seeds from 101) with the same motion; fer runs
on every clip in the same run, one after the other, when its venv exists. `--profile` adds, per grid, where a frame's CPU milliseconds go (benchmarks/frame_profile.py).
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.bench_pipeline import end_to_end
from benchmarks.frame_profile import breakdown_table, fer_python, fer_results, profile_run, run_fer
from benchmarks.machine import load_average, machine_line
from benchmarks.shared_data import FER_TEST
from benchmarks.gallery_clip import TrueFace, plan_gallery, write_gallery
from benchmarks.splits import HELD_OUT_GALLERIES, GallerySpec
from core.workflow.pipeline import one_thread_per_stage
from core.records import FrameResult
from core.vision.analyzer import FrameAnalyzer
from core.vision.finder import FaceFinder


def _inside(box: tuple[int, int, int, int], true: tuple[int, int, int, int]) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return true[0] <= cx <= true[0] + true[2] and true[1] <= cy <= true[1] + true[3]


def score(results: list[FrameResult], truth: list[list[TrueFace]]) -> dict[str, float]:
    """Recall, false faces, frame accuracy and face ids per student of one run."""
    found = right = total = false = 0
    ids: dict[int, set[int]] = defaultdict(set)
    for result, faces in zip(results, truth):
        total += len(faces)
        for tf in faces:
            hit = next((f for f in result.faces if _inside(f.box, tf.box)), None)
            if hit is not None:
                found += 1
                right += hit.dominant == tf.label
                ids[tf.student].add(hit.face_id)
        false += sum(not any(_inside(f.box, tf.box) for tf in faces) for f in result.faces)
    counts = [len(v) for v in ids.values()] or [0]
    return {"recall": found / max(1, total), "false": false, "accuracy": right / max(1, found),
            "found": found, "ids_mean": float(np.mean(counts)), "ids_max": max(counts)}


def held_out_clip(spec: GallerySpec, images: np.ndarray, labels: np.ndarray, frames: int, motion: str, tmp: Path
                  ) -> tuple[Path | None, list[list[TrueFace]]]:
    """One of the names benchmark's galleries as bench_names makes it (names, labels, size, JPEG, seed), faces
    moving by `motion`; (None, []) when its font is not installed here."""
    from benchmarks.bench_names import spec_gallery
    from training.label_styles import available_fonts

    if spec.font not in available_fonts():
        return None, []
    video, _students, truth = spec_gallery(spec, images, labels, frames, tmp, motion)
    return video, truth


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_gallery", description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(FER_TEST), help="FER2013 .npz for the faces")
    p.add_argument("--frames", type=int, default=450, help="clip length at 30 frames/s")
    p.add_argument("--grids", default="5x5:21:120,7x7:45:80", help="COLSxROWS:FACES:PX, comma separated ('' for none)")
    p.add_argument("--held-out", metavar="I,J", default="",
                   help="also the names benchmark's held-out galleries I, J, … (1-based, benchmarks/splits.py): their "
                        "styles, fonts, label sizes, frame sizes, JPEG passes and seeds, with this --motion")
    p.add_argument("--device", default="cpu")
    p.add_argument("--motion", choices=("drift", "bob"), default="drift",
                   help="drift: sub-pixel sway, expressions every 1.5-2.5 s, per-tile sensor noise; bob: the old clip")
    p.add_argument("--fer-python", help="Python of a venv with fer==25.10.3 (default: $EMOSYNC_FER_PYTHON or "
                   "/work/fer-venv/bin/python); the peer runs on the same clips when it exists")
    p.add_argument("--no-baseline", action="store_true", help="skip the single-face finder rows")
    p.add_argument("--profile", action="store_true", help="also print where a frame's CPU ms go (cProfile)")
    p.add_argument("--one-thread", action="store_true",
                   help="OpenCV and PyTorch on one thread each (CPU ms that load does not inflate, for A/B)")
    p.add_argument("--ab", action="store_true",
                   help="add a gallery-finder row without classification reuse (as before), and one with coverage skipping")
    p.add_argument("--before30", action="store_true",
                   help="add only the row as before issue #30 (every face matched every frame, reuse in place), same run")
    p.add_argument("--before-looks", action="store_true",
                   help="add the row as before weak coverage candidates and the second region look (same run)")
    args = p.parse_args(argv)

    from training.fer_data import load_npz

    images, labels = load_npz(args.data)
    tmp = Path(tempfile.mkdtemp(prefix="emosync-gallery-"))
    print(f"machine: {machine_line()}; 1920x1080 clips (held-out ones: their own size) of {args.frames} frames at "
          f"30 frames/s, motion {args.motion}; device {args.device}")
    print()
    print("| gallery | detection | recall | false faces | frame accuracy | analysed frames/s | CPU ms per frame "
          "| updates per student per s | ids per student (mean / max) | coverage passes run / skipped "
          "| crops through the CNN | load average after the row |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    profiles: list[tuple[str, int, dict[str, float]]] = []
    hour_min: dict[str, float] = {}
    ratios: dict[str, float] = {}
    unchanged: list[str] = []
    clips = []  # (row label, short name, faces, video, truth)
    for spec in args.grids.split(",") if args.grids else []:
        grid, n_faces, px = spec.split(":")
        cols, rows = (int(v) for v in grid.split("x"))
        change_s = (1.5, 2.5) if args.motion == "drift" else (2.0, 5.0)
        students = plan_gallery(len(images), cols, rows, int(n_faces), args.frames, face_px=(int(px), int(px)),
                                change_s=change_s)
        video = tmp / f"gallery_{grid}.mp4"
        truth = write_gallery(video, students, images, labels, args.frames, motion=args.motion)
        clips.append((f"{grid}, {n_faces} faces of {px} px", grid, int(n_faces), video, truth))
    for k in (int(v) for v in args.held_out.split(",")) if args.held_out else ():
        spec = HELD_OUT_GALLERIES[k - 1]
        video, truth = held_out_clip(spec, images, labels, args.frames, args.motion, tmp)
        if video is None:
            print(f"| held-out {k}: {spec.label()} | skipped: font {spec.font} not installed | | | | | | | | | |")
            continue
        clips.append((f"held-out {k}: {spec.label()}, faces of {spec.face_px} px", f"held-out {k} "
                      f"({spec.cols}x{spec.rows}, {spec.height}p, {spec.style}, {spec.font})", spec.faces, video, truth))
    for row, grid, n_faces, video, truth in clips:
        configs = [("before: single-face finder", dict(large_side=10**9, follow=False), 0.0, 0),
                   ("gallery finder", {}, 0.2, 3)]
        if args.no_baseline:
            configs = configs[1:]
        if args.ab:
            configs.insert(len(configs) - 1, ("before: gallery finder, no skipping, no reuse", dict(follow=False), 0.0, 0))
        if args.ab or args.before30:
            configs.insert(len(configs) - 1, ("before #30: every face matched every frame, reuse in place only",
                                                      dict(still_tiles=False), 0.2, 0))
        if args.ab or args.before_looks:
            configs.insert(len(configs) - 1, ("before: confident coverage only, one region look",
                                              dict(second_looks=False), 0.2, 3))
        if args.ab:
            configs.append(("gallery finder + coverage skipping (opt-in)", dict(skip_coverage=True), 0.2, 3))
        for name, finder_args, reuse_age, align in configs:
            analyzer = FrameAnalyzer.create(args.device, reuse_max_age_s=reuse_age)
            analyzer.reuse.align = align
            analyzer.finder = FaceFinder(analyzer.finder.detector, **finder_args)
            cpu0 = time.process_time()
            with one_thread_per_stage() if args.one_thread else contextlib.nullcontext():
                fps, results = end_to_end(video, analyzer, tmp / "t.csv", threaded=False)
            cpu_ms = 1000 * (time.process_time() - cpu0) / max(1, len(results))
            s = score(results, truth)
            seconds = len(results) / fps
            updates = s["found"] / seconds / n_faces
            g = analyzer.finder.gallery
            cover = f"{g.full_passes} / {g.skipped_passes}" if g is not None else "–"
            if g is not None:
                unchanged.append(f"{grid}, {name}: {g.unchanged} face-frames on unchanged tiles, "
                                 f"{analyzer.reuse.aligned} crops reused after alignment")
            reuse = analyzer.reuse
            cnn = f"{reuse.classified / max(1, reuse.classified + reuse.reused):.0%}"
            print(f"| {row} | {name} | {s['recall']:.3f} | {s['false']} "
                  f"| {s['accuracy']:.3f} | {fps:.1f} | {cpu_ms:.1f} | {updates:.1f} "
                  f"| {s['ids_mean']:.2f} / {s['ids_max']} | {cover} | {cnn} | {load_average()} |", flush=True)
            hour_min[f"{grid}, {n_faces} faces ({name})"] = 108_000 / fps / 60
            ours = fps
        peer = fer_python(args.fer_python)
        if peer is not None:
            fer = run_fer(peer, str(video))
            s = score(fer_results(fer), truth)
            fer_fps = fer["frames"] / fer["seconds"]
            print(f"| {row} | fer 25.10.3 (Haar + mini-Xception TFLite), its own venv "
                  f"| {s['recall']:.3f} | {s['false']} | {s['accuracy']:.3f} | {fer_fps:.1f} | – | – | – | – | 100% "
                  f"| {load_average()} |", flush=True)
            ratios[grid] = ours / fer_fps
        if args.profile:
            analyzer = FrameAnalyzer.create(args.device)
            (_, results), stages = profile_run(lambda: end_to_end(video, analyzer, tmp / "p.csv", threaded=False))
            profiles.append((f"{grid}, {n_faces} faces", len(results), stages))
    print()
    for line in unchanged:
        print(f"* {line}")
    print()
    for grid, ratio in ratios.items():
        print(f"{grid}: EmoSync's gallery finder / fer, same clip, same run: {ratio:.2f}x")
    print()
    print("A 1-hour recording (108,000 frames at 30 frames/s), extrapolated from these rates (the first frame's "
          "whole coverage is spread over 1 hour instead of a few seconds, so this is if anything pessimistic):")
    print()
    for name, minutes in hour_min.items():
        print(f"* {name}: {minutes:.0f} min")
    for name, frames, stages in profiles:
        print()
        print(f"Where a 1920x1080 frame's CPU milliseconds go ({name}, gallery finder, cProfile on process CPU "
              f"time, {frames} frames; profiled, so slower than above):")
        print()
        print(breakdown_table(stages, frames))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
