"""Names benchmark: students named from their tiles on generated galleries of every label style and font, split
into what tuning saw and what it never did.

`python -m benchmarks.bench_names [--split tuning|held-out|both] [--frames 240] [--data PublicTest.npz]`

Galleries (`benchmarks/splits.py`): Zoom (dark plate), Teams (shadowed text, no plate) and Meet
(text on a band darkened towards the tile's foot) labels in NanumGothic, Noto Sans CJK KR,
UnDotum and NanumBarunGothic, 11-20 px high, 5x5 and 7x7, 1080p and 720p, MPEG-4 with or
without a JPEG pass first; display names drawn by seed from `benchmarks/name_gen.py` (Hangul of
1-4 syllables with and without a space, a student number, a bracketed role, Latin with hyphens,
mixed scripts); faces drift, change expression, two students turn the camera off for the middle
third. Tuning sees Zoom and Teams, NanumGothic and Noto, seeds < 100; held out: the Meet style,
UnDotum and NanumBarunGothic, seeds >= 100 (a font or style missing here skips its gallery, said
so). No participants list.

Per gallery, `analyze`'s pipeline runs in one process without name reading, with it, and without
it again (the machine's speed drifts by several percent over minutes: the cost is the run with
names against the mean of the two around it; `--plain none` skips both), and prints: students
on camera named right (exactly their name on their face at its last frame), wrong, unnamed;
phantom participants (camera-off names that are no camera-off student's: a misread, an on-camera
student counted twice, or one the face finder never boxed, whose tile reads as a camera-off one;
each phantom line says which) and whether names outnumber tiles;
face ids on screen in the last second against students on camera then; chat messages (bench_chat's
generator, EmoSync CSV) of on-camera students on their author's face, and on a wrong one; the
frames/s of both runs and the cost of name reading as the same-run ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_chat import attribute, plan_chat, write_formats
from benchmarks.gallery_clip import TrueFace, plan_gallery, write_gallery
from training.label_styles import TileLabels, available_fonts
from benchmarks.name_gen import class_names
from benchmarks.shared_data import FER_TEST, faces_or_astronaut
from benchmarks.splits import HELD_OUT_GALLERIES, TUNING_GALLERIES, GallerySpec
from core.names.name_track import NameTrack
from core.names.ocr import LabelReader
from core.workflow.stages import Call, Record, Workflow
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
    t0, c0 = time.perf_counter(), time.process_time()
    with VideoFileSource(video) as src, SessionRecorder(out_csv) as rec:
        stages = [*([names] if names is not None else []), Record(rec), Call(results.append)]
        Workflow(analyzer, stages, keep_image=names is not None).run(src, threaded=False)  # `analyze`'s route
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = max(1, len(results))
    return len(results) / wall, cpu / n, (names.cpu_s if names is not None else 0.0) / n, results


def score(results: list[FrameResult], truth: list[list[TrueFace]], students: list, fps: float) -> dict:
    """Right / wrong / unnamed students on camera, seconds to the right name, and the worst cases."""
    first_seen: dict[int, float] = {}
    ids: dict[int, set[int]] = {}
    first_right: dict[int, float] = {}
    last_name: dict[int, str] = {}
    last_id: dict[int, int] = {}
    for result, faces in zip(results, truth):
        t = result.time_s
        for tf in faces:
            hit = next((f for f in result.faces if _inside(f.box, tf.box)), None)
            if hit is None:
                continue
            first_seen.setdefault(tf.student, t)
            ids.setdefault(tf.student, set()).add(hit.face_id)
            last_name[tf.student] = hit.name
            last_id[tf.student] = hit.face_id
            if hit.name == students[tf.student].name:
                first_right.setdefault(tf.student, t)
    on_camera = [s for s in students if s.face_px]
    right = [s for s in on_camera if last_name.get(s.index) == s.name]
    wrong = [s for s in on_camera if last_name.get(s.index) and last_name[s.index] != s.name]
    delays = [first_right[s.index] - first_seen[s.index] for s in right if s.index in first_right]
    return {"students": len(on_camera), "right": len(right), "wrong": len(wrong),
            "unnamed": len(on_camera) - len(right) - len(wrong),
            "wrong_names": [(s.name, last_name[s.index], last_id.get(s.index)) for s in wrong],
            "unnamed_names": [(s.name, last_id.get(s.index)) for s in on_camera if not last_name.get(s.index)],
            "never_boxed": [s.name for s in on_camera if s.index not in first_seen],
            "split": sum(len(v) > 1 for v in ids.values()),
            "delay_max": max(delays, default=float("nan")), "delay_median": float(np.median(delays)) if delays else
            float("nan")}


def ids_at_end(results: list[FrameResult], fps: float) -> int:
    """Face ids on screen in the clip's last second."""
    last = results[-int(fps):]
    return len({f.face_id for r in last for f in r.faces})


def chat_score(results: list[FrameResult], students: list, duration: float, seed: int, tmp: Path) -> tuple[int, int, int]:
    """(on-camera students' messages on their author's face, on a wrong face, on-camera messages) for the
    class's chat (bench_chat's generator, EmoSync CSV), attributed by the names the faces carry."""
    import zlib

    chat = plan_chat(students, duration, 60, seed)
    files = {"csv": write_formats(tmp, chat)["EmoSync CSV"]}

    def predict(texts):
        return np.stack([np.random.default_rng(zlib.crc32(t.encode())).dirichlet(np.ones(7)) for t in texts])

    (_, _, _, right, wrong, total, _, _), = attribute(results, files, chat, students, None, predict)
    return right, wrong, total


def spec_gallery(spec: GallerySpec, images, labels, frames: int, tmp: Path, motion: str = "bob"
                 ) -> tuple[Path, list, list[list[TrueFace]]]:
    """One gallery of the split as a clip (its names, label style and font, size, JPEG pass, seed), faces moving
    by `motion` (drift: new expressions every 1.5-2.5 s); (video, students, truth)."""
    names = class_names(spec.cols * spec.rows, spec.seed)
    change_s = (1.5, 2.5) if motion == "drift" else (2.0, 5.0)
    students = plan_gallery(len(images), spec.cols, spec.rows, spec.faces, frames,
                            face_px=(spec.face_px, spec.face_px), change_s=change_s, away=2, seed=spec.seed,
                            width=spec.width, height=spec.height, names=tuple(names))
    video = tmp / f"gallery_{spec.seed}.mp4"
    truth = write_gallery(video, students, images, labels, frames, seed=spec.seed, width=spec.width,
                          height=spec.height, labeller=TileLabels(spec.style, spec.font, spec.label_px),
                          drift_px=max(4, spec.face_px // 8), jpeg_quality=spec.jpeg, motion=motion)
    return video, students, truth


def run_gallery(spec: GallerySpec, images, labels, frames: int, analyzer, reader, tmp: Path, plain: bool = True,
                chat_hints: bool = False, syllables: bool = True) -> dict:
    """Everything one gallery's row shows."""
    video, students, truth = spec_gallery(spec, images, labels, frames, tmp)
    plain_before = run(video, analyzer, tmp / "t.csv", None)[0] if plain else float("nan")
    hints = [a for _, a, _, _ in plan_chat(students, frames / 30.0, 60, spec.seed)] if chat_hints else []  # every author
    track = NameTrack(reader, hints=hints, syllables=syllables)
    looks = reader.second_looks
    fps, cpu, naming, results = run(video, analyzer, tmp / "t.csv", track)
    plain_after = run(video, analyzer, tmp / "t.csv", None)[0] if plain else float("nan")
    plain_fps = (plain_before + plain_after) / 2
    s = score(results, truth, students, fps)
    off_all = {s_.name for s_ in students if not s_.face_px}
    away = {s_.name for s_ in students if s_.off}
    meta = track.meta()
    off = meta["camera_off"]
    on_camera = {s_.name for s_ in students if s_.face_px}
    phantoms = [(n, "an on-camera student the face finder never boxed" if n in s["never_boxed"] else
                 "an on-camera student counted twice" if n in on_camera else "no student's name")
                for n in off if n not in off_all and n not in away]
    on_names = set(meta["names"].values())
    chat_right, chat_wrong, chat_total = chat_score(results, students, frames / 30.0, spec.seed, tmp)
    end_students = sum(1 for s_ in students if s_.face_px and not (s_.off and s_.off[0] <= frames - 1 < s_.off[1]))
    return {**s, "plain_fps": plain_fps, "plain_runs": (plain_before, plain_after), "fps": fps,
            "cost": 1 - fps / plain_fps, "cpu_share": naming / (cpu - naming),
            "phantoms": phantoms, "off_right": sum(n in off for n in off_all), "off_all": len(off_all),
            "outnumber": len(on_names) + len(off) > spec.cols * spec.rows,
            "ids_end": ids_at_end(results, 30.0), "students_end": end_students,
            "chat": (chat_right, chat_wrong, chat_total), "reads": track.namer.reads,
            "second_looks": reader.second_looks - looks,
            "readings": {fid: track.namer.readings(fid) for *_, fid in s["unnamed_names"] + s["wrong_names"]
                         if fid is not None}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_names", description=__doc__.splitlines()[0])
    p.add_argument("--data", default=None,
                   help=f"FER2013 .npz for the faces (default {FER_TEST}, or scikit-image's astronaut when that is absent)")
    p.add_argument("--frames", type=int, default=240, help="clip length at 30 frames/s")
    p.add_argument("--split", choices=("tuning", "held-out", "both"), default="tuning",
                   help="tuning galleries while changing the reader; held-out once, at the end")
    p.add_argument("--only", type=int, default=0, help="run only the N-th gallery of the split (1-based)")
    p.add_argument("--plain", choices=("all", "5x5", "none"), default="all",
                   help="which galleries also run without name reading, for the frames/s ratio (5x5: a loaded machine)")
    p.add_argument("--chat-hints", action="store_true",
                   help="give the namer the chat's authors (as `analyze --chat` does); without it, the tiles alone")
    p.add_argument("--no-syllables", action="store_true",
                   help="Tesseract alone: without the syllable network's second opinion (core.names.syllables)")
    p.add_argument("--why", action="store_true", help="print the last readings kept for each unnamed student")
    p.add_argument("--device", default="cpu")
    args = p.parse_args(argv)

    if args.data is not None and not Path(args.data).is_file():
        p.error(f"no such file: {args.data}")  # a given path that is absent is a mistake, never the astronaut
    images, labels, faces_from = faces_or_astronaut(Path(args.data) if args.data is not None else FER_TEST)
    tmp = Path(tempfile.mkdtemp(prefix="emosync-names-"))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average {load} at "
          f"start; clips of {args.frames} frames at 30 frames/s; faces: {faces_from}; no participants list; "
          f"{'the chat authors as hints' if args.chat_hints else 'no chat hints (tiles alone)'}; "
          f"{'Tesseract alone' if args.no_syllables else 'with the syllable network'}")
    print()
    print("| split | gallery | right | wrong | unnamed | phantom participants | ids at end / students "
          "| chat on right author and face | wrong face | frames/s without (before, after) / with names | cost: frames/s lost, name CPU / rest "
          "| OCR reads (+ the Korean model's second looks) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    reader = LabelReader()
    analyzer = FrameAnalyzer.create(args.device)
    splits = {"tuning": [("tuning", TUNING_GALLERIES)], "held-out": [("held-out", HELD_OUT_GALLERIES)],
              "both": [("tuning", TUNING_GALLERIES), ("held-out", HELD_OUT_GALLERIES)]}[args.split]
    fonts = available_fonts()
    for split, galleries in splits:
        for k, spec in enumerate(galleries, 1):
            if args.only and k != args.only:
                continue
            if spec.font not in fonts:
                print(f"| {split} | {spec.label()} | skipped: font {spec.font} not installed | | | | | | | | | |")
                continue
            r = run_gallery(spec, images, labels, args.frames, analyzer, reader, tmp,
                            plain=args.plain == "all" or args.plain == "5x5" and spec.cols * spec.rows <= 25, chat_hints=args.chat_hints,
                            syllables=not args.no_syllables)
            cr, cw, ct = r["chat"]
            print(f"| {split} | {spec.label()} | {r['right']}/{r['students']} ({r['right'] / r['students']:.0%}) "
                  f"| {r['wrong']} | {r['unnamed']} | {len(r['phantoms'])}{' (names > tiles)' if r['outnumber'] else ''} "
                  f"| {r['ids_end']} / {r['students_end']} ({r['split']} split) | {cr}/{ct} ({cr / max(ct, 1):.0%}) | {cw} "
                  f"| {r['plain_fps']:.1f} ({r['plain_runs'][0]:.1f}, {r['plain_runs'][1]:.1f}) / {r['fps']:.1f} "
                  f"| {r['cost']:+.1%}, CPU {r['cpu_share']:.1%} "
                  f"| {r['reads']} (+{r['second_looks']}) |", flush=True)
            def why(face_id: int | None) -> str:
                read = " ".join(f"{t or '-'}/{k}" for t, k in r["readings"].get(face_id, []))
                return f", last readings (text/input): {read}" if args.why else ""

            for true, name, face_id in r["wrong_names"]:
                print(f"<!-- wrong: {true!r} read as {name!r}{why(face_id)} -->")
            for true, face_id in r["unnamed_names"]:
                print(f"<!-- unnamed: {true!r}{why(face_id)} -->")
            for name, kind in r["phantoms"]:
                print(f"<!-- phantom: {name!r} ({kind}) -->")
    with open("/proc/loadavg") as f:
        print(f"\nload average at the end: {' '.join(f.read().split()[:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
