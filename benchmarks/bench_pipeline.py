"""Pipeline benchmark: per-stage latency, end-to-end frames/s with detection recall, classifier throughput.

`python -m benchmarks.bench_pipeline [--data PublicTest.npz | --video FILE] [--device cpu|cuda|auto]`

With `--data` (default: shared/data/fer2013/PublicTest.npz beside the checkout) it writes a synthetic 640x480
clip of real faces with known boxes (3000 frames, 80 faces; `--frames 300 --quick` for a quick
look) and reports recall against them; with `--video` it reports
recall against res10 run on every frame. Prints Markdown tables. `--profile` adds where a
frame's CPU milliseconds go (benchmarks/frame_profile.py); `--ab` adds a same-run row of the
finder without following or classification reuse (what it was before), for A/B ratios on a
busy machine.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks.shared_data import FER_TEST
from benchmarks.machine import load_average, machine_line
from benchmarks.frame_profile import breakdown_table, fer_python, fer_results, profile_run, run_fer
from benchmarks.synthetic_clip import DRIFT_SCENE_LEN, SCENE_LEN, count_faces, make_clip
from core.workflow.pipeline import one_thread_per_stage, run_pipeline
from core.recording.recorder import SessionRecorder
from core.records import FaceResult, FrameResult
from core.sources.frame_source import VideoFileSource
from core.vision.analyzer import FrameAnalyzer


def _hit(result: FrameResult, box: tuple[int, int, int, int] | None) -> FaceResult | None:
    if box is None:
        return None
    x, y, w, h = box
    return next((f for f in result.faces
                 if x <= f.box[0] + f.box[2] / 2 <= x + w and y <= f.box[1] + f.box[3] / 2 <= y + h), None)


def _found(result: FrameResult, box: tuple[int, int, int, int] | None) -> bool:
    return _hit(result, box) is not None


def stage_latency(video: Path, analyzer: FrameAnalyzer, out_csv: Path) -> dict[str, float]:
    """Mean milliseconds per frame of each stage, run one after another on one thread."""
    analyzer.reset()
    t = {"decode": 0.0, "detect": 0.0, "classify": 0.0, "write": 0.0}
    n = 0
    with VideoFileSource(video) as src, SessionRecorder(out_csv) as rec:
        while True:
            t0 = time.perf_counter()
            frame = src.read()
            t1 = time.perf_counter()
            if frame is None:
                break
            located = analyzer.locate(frame)
            t2 = time.perf_counter()
            result = analyzer.classify(located)
            t3 = time.perf_counter()
            rec.write_frame(result)
            t4 = time.perf_counter()
            for k, dt in zip(t, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                t[k] += dt
            n += 1
    return {k: 1000 * v / n for k, v in t.items()}


def end_to_end(video: Path, analyzer: FrameAnalyzer, out_csv: Path, threaded: bool,
               pin_threads: bool = True) -> tuple[float, list[FrameResult]]:
    """Frames/s of decode+detect+classify+write over the whole clip, and the results."""
    analyzer.reset()
    results: list[FrameResult] = []
    t0 = time.perf_counter()
    with VideoFileSource(video) as src, SessionRecorder(out_csv) as rec:
        def sink(r: FrameResult) -> None:
            rec.write_frame(r)
            results.append(r)
        run_pipeline(src, analyzer, sink, threaded=threaded, pin_threads=pin_threads)
    return len(results) / (time.perf_counter() - t0), results


def classifier_throughput(analyzer: FrameAnalyzer, reps: int = 200) -> dict[int, float]:
    """Faces per second at batch 1 and batch 32."""
    faces = np.random.default_rng(0).integers(0, 255, (32, 48, 48), dtype=np.uint8)
    out = {}
    for batch in (1, 32):
        x = faces[:batch]
        for _ in range(10):
            analyzer.classifier.predict(x)
        n = reps if batch == 1 else max(10, reps // 8)
        t0 = time.perf_counter()
        for _ in range(n):
            analyzer.classifier.predict(x)
        out[batch] = n * batch / (time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_pipeline", description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(FER_TEST), help="FER2013 .npz for the clip")
    p.add_argument("--video", help="benchmark this video instead of a synthetic clip")
    # Recall is decided face by face (res10 finds a face in nearly all of its frames or in few),
    # so the clip needs many faces: 3000 frames show 80; 300 (a quick look) show only 8.
    p.add_argument("--frames", type=int, default=3000, help=f"synthetic clip length ({SCENE_LEN} frames per face)")
    p.add_argument("--motion", choices=("drift", "jump"), default="drift",
                   help="drift: a webcam (sub-pixel sway, expressions every ~2 s, sensor noise); jump: the old clip")
    p.add_argument("--device", default="cpu")
    p.add_argument("--weights", help="emotion weights (default: shipped)")
    p.add_argument("--full-every", type=int, default=10)
    p.add_argument("--roi-input", type=int, default=128, help="network input side for region re-detection")
    p.add_argument("--quick", action="store_true", help="only the single-threaded finder row and the stage table")
    p.add_argument("--profile", action="store_true", help="also print where a frame's CPU ms go (cProfile)")
    p.add_argument("--one-thread", action="store_true",
                   help="OpenCV and PyTorch on one thread each (CPU ms that load does not inflate, for A/B)")
    p.add_argument("--fer-python", help="Python of a venv with fer==25.10.3 (default: $EMOSYNC_FER_PYTHON or "
                   "/work/fer-venv/bin/python); the peer runs on the same clip when it exists")
    p.add_argument("--ab", action="store_true",
                   help="add a finder row without following and without classification reuse (as before), same run")
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="emosync-bench-"))
    if args.video:
        video, truth = Path(args.video), None
    else:
        from training.fer_data import load_npz

        images, labels = load_npz(args.data)
        video = tmp / "clip.mp4"
        shown: list[int] = []
        truth = make_clip(images, video, n_frames=args.frames, shown=shown, motion=args.motion)
        true_labels = [int(labels[i]) if i >= 0 else -1 for i in shown]

    print(f"machine: {machine_line()}, torch {torch.__version__}, "
          f"device {args.device}; clip: {video.name}" + (f", {sum(b is not None for b in truth)} of {len(truth)} "
                                                         f"frames with a face ({count_faces(truth, DRIFT_SCENE_LEN if args.motion == 'drift' else SCENE_LEN)} "
                                                         f"scenes with a face), motion {args.motion}"
                                                         if truth else ""))
    print()
    finder = f"finder (full pass every {args.full_every})"
    before = f"before: regions, no reuse (full pass every {args.full_every})"
    configs = [("res10 every frame", 1, "no"), ("res10 every frame", 1, "3 stages, 1 thread each"),
               (finder, args.full_every, "no"), (finder, args.full_every, "3 stages, shared pools"),
               (finder, args.full_every, "3 stages, 1 thread each")]
    if args.quick:
        configs = [c for c in configs if c[0] == finder and c[2] == "no"]
    if args.ab:
        configs.insert(next(i for i, c in enumerate(configs) if c[0] == finder), (before, args.full_every, "no"))
    reference: list[FrameResult] | None = None
    rows = []
    for name, full_every, threading_mode in configs:
        old = name == before
        analyzer = FrameAnalyzer.create(args.device, args.weights, full_every=full_every, roi_input=args.roi_input,
                                        reuse_max_age_s=0.0 if old else 0.2, follow=not old)
        cpu0 = time.process_time()
        with one_thread_per_stage() if args.one_thread else contextlib.nullcontext():
            fps, results = end_to_end(video, analyzer, tmp / "t.csv", threading_mode != "no",
                                      pin_threads="1 thread" in threading_mode)
        cpu_ms = 1000 * (time.process_time() - cpu0) / max(1, len(results))
        accuracy = "–"
        if reference is None:
            reference = results
        if truth is not None:
            face_frames = [r for r, b in zip(results, truth) if b is not None]
            recall = sum(_found(r, b) for r, b in zip(results, truth)) / max(1, len(face_frames))
            false_frames = sum(bool(r.faces) for r, b in zip(results, truth) if b is None)
            hits = [(h, lab) for r, b, lab in zip(results, truth, true_labels) if (h := _hit(r, b)) is not None]
            accuracy = f"{sum(h.dominant == lab for h, lab in hits) / max(1, len(hits)):.3f}"
        else:
            ref_frames = [i for i, r in enumerate(reference) if r.faces]
            recall = sum(bool(results[i].faces) for i in ref_frames) / max(1, len(ref_frames))
            false_frames = sum(bool(r.faces) for r, ref in zip(results, reference) if not ref.faces)
        passes = f"{analyzer.finder.full_passes} full + {analyzer.finder.roi_passes} region"
        reuse = analyzer.reuse
        cnn = f"{reuse.classified / max(1, reuse.classified + reuse.reused):.0%}"
        rows.append((name, threading_mode, f"{fps:.1f}", f"{cpu_ms:.2f}", f"{recall:.3f}", str(false_frames), accuracy,
                     passes, str(analyzer.finder.followed), cnn))
    peer = fer_python(args.fer_python)
    if peer is None:
        print("(fer not run: no venv with it; see --fer-python)")
        print()
    else:
        fer = run_fer(peer, str(video))
        theirs = fer_results(fer)
        accuracy, recall, false_frames = "–", 0.0, 0
        if truth is not None:
            face_frames = sum(b is not None for b in truth)
            recall = sum(_found(r, b) for r, b in zip(theirs, truth)) / max(1, face_frames)
            false_frames = sum(bool(r.faces) for r, b in zip(theirs, truth) if b is None)
            hits = [(h, lab) for r, b, lab in zip(theirs, truth, true_labels) if (h := _hit(r, b)) is not None]
            accuracy = f"{sum(h.dominant == lab for h, lab in hits) / max(1, len(hits)):.3f}"
        rows.append(("fer 25.10.3 (Haar + mini-Xception), its own venv", "its own", f"{fer['frames'] / fer['seconds']:.1f}",
                     "–", f"{recall:.3f}", str(false_frames), accuracy, "Haar every frame", "0", "100%"))
    print("End to end (decode, detect, classify, write CSV), 640x480:")
    print()
    print("| detection | threads | frames/s | CPU ms per frame | recall | frames with a false face | frame accuracy "
          "| detector passes | faces followed by pixels | crops through the CNN |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    if peer is not None:
        ours = next(float(r[2]) for r in rows if r[0] == finder and r[1] == "no")
        print(f"EmoSync's finder (one thread of stages) / fer, same clip, same run: {ours / float(rows[-1][2]):.2f}x "
              f"(load average after fer: {load_average()})")
        print()
    if truth is None:
        print("(recall is against res10 run on every frame)")
        print()

    if args.profile:
        analyzer = FrameAnalyzer.create(args.device, args.weights, full_every=args.full_every, roi_input=args.roi_input)
        (fps, results), stages = profile_run(lambda: end_to_end(video, analyzer, tmp / "p.csv", threaded=False))
        print(f"Where a 640x480 frame's CPU milliseconds go ({finder}, one thread of stages, cProfile on "
              f"process CPU time, {len(results)} frames; profiled, so slower than above):")
        print()
        print(breakdown_table(stages, len(results)))
        print()

    analyzer = FrameAnalyzer.create(args.device, args.weights, full_every=args.full_every, roi_input=args.roi_input)
    lat = stage_latency(video, analyzer, tmp / "s.csv")
    print(f"Per-stage latency, one after another, finder with a full pass every {args.full_every} and "
          f"{args.roi_input}x{args.roi_input} region passes (ms per frame):")
    print()
    print("| decode | detect | classify | write | total |")
    print("|---|---|---|---|---|")
    print("| " + " | ".join(f"{v:.2f}" for v in lat.values()) + f" | {sum(lat.values()):.2f} |")
    print()
    full = FrameAnalyzer.create(args.device, args.weights, full_every=1)
    lat1 = stage_latency(video, full, tmp / "s.csv")
    print(f"(res10 on every frame: detect {lat1['detect']:.2f} ms per frame)")
    print()
    thr = classifier_throughput(analyzer)
    print(f"Classifier ({analyzer.classifier.model_name}, {analyzer.classifier.device.type}):")
    print()
    print("| batch | faces/s | ms per face |")
    print("|---|---|---|")
    for b, v in thr.items():
        print(f"| {b} | {v:.0f} | {1000 / v:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
