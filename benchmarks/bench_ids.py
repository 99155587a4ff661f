"""Students split under two face ids over longer clips: `analyze`'s pipeline on generated galleries, no names.

One id per student to the last frame is one of #29's goals, and no id on two students (a tracker too ready to
give a face its old id merges them, which splits alone do not show); `bench_names` counts splits on its
galleries over a class's first seconds, this runs many more galleries for longer. Tuning side: `TUNING_SIDE_GALLERIES`
(the tuning styles and fonts, seeds below 100), each split printed with when it happened and the boxes
involved (what a fix is made from). Held-out (`--split held-out`): the held-out galleries of `bench_names`,
counts only, so nobody tunes on their details.

The clips are `bench_names`' (faces bob a few pixels and wander up to an eighth of their size from their seat,
change expression every 2-5 s, students step away and come back; JPEG and MPEG-4 as the gallery says).
The pipeline works in video time, so counts do not depend on the machine's speed: several runs may go
side by side.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import bench_names
from benchmarks.gallery_clip import TrueFace
from benchmarks.splits import HELD_OUT_GALLERIES, TUNING_SIDE_GALLERIES, GallerySpec
from benchmarks.shared_data import FER_TEST
from core.records import FrameResult

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class IdChange:
    """A student seen under another face id than in the frame before they were last seen."""

    frame: int
    face_id: int
    box: Box  # the box the new id came with
    true_box: Box  # where the student's face was drawn
    before: tuple[int, int, Box] | None  # (frame, id, box) of the last sighting before it


def id_changes(results: list[FrameResult], truth: list[list[TrueFace]]) -> dict[int, list[IdChange]]:
    """Each split student's id changes (the first sighting included), by student; students under one id are left out.

    A face is the student's when its box's centre lies in the drawn face (`bench_names`' rule)."""
    seen: dict[int, list[IdChange]] = {}
    last: dict[int, tuple[int, int, Box]] = {}
    ids: dict[int, set[int]] = {}
    for n, (result, faces) in enumerate(zip(results, truth)):
        for tf in faces:
            hit = next((f for f in result.faces if bench_names._inside(f.box, tf.box)), None)
            if hit is None:
                continue
            before = last.get(tf.student)
            if before is None or before[1] != hit.face_id:
                seen.setdefault(tf.student, []).append(IdChange(n, hit.face_id, hit.box, tf.box, before))
            ids.setdefault(tf.student, set()).add(hit.face_id)
            last[tf.student] = (n, hit.face_id, hit.box)
    return {s: changes for s, changes in seen.items() if len(ids[s]) > 1}


def merged_ids(results: list[FrameResult], truth: list[list[TrueFace]]) -> dict[int, set[int]]:
    """Face ids seen on more than one student (a tracker that took someone else for a face come back), with
    the students each was seen on."""
    students: dict[int, set[int]] = {}
    for result, faces in zip(results, truth):
        for tf in faces:
            hit = next((f for f in result.faces if bench_names._inside(f.box, tf.box)), None)
            if hit is not None:
                students.setdefault(hit.face_id, set()).add(tf.student)
    return {fid: seen for fid, seen in students.items() if len(seen) > 1}


def run_gallery(spec: GallerySpec, images, labels, frames: int, analyzer, tmp: Path
                ) -> tuple[list, dict[int, list[IdChange]], dict[int, set[int]]]:
    """(students, split students' id changes, ids on two students or more) of one gallery clip of `frames` frames."""
    video, students, truth = bench_names.spec_gallery(spec, images, labels, frames, tmp)
    *_, results = bench_names.run(video, analyzer, tmp / "t.csv", None)
    return students, id_changes(results, truth), merged_ids(results, truth)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_ids", description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(FER_TEST),
                   help="FER2013 .npz for the faces (PublicTest: never trained on)")
    p.add_argument("--frames", type=int, default=1800, help="clip length at 30 frames/s")
    p.add_argument("--split", choices=("tuning", "held-out"), default="tuning")
    p.add_argument("--seeds", default="", help="comma-separated seeds of the split's galleries (default: all)")
    p.add_argument("--device", default="cpu")
    args = p.parse_args(argv)
    from core.vision.analyzer import FrameAnalyzer
    from training.fer_data import load_npz

    galleries = TUNING_SIDE_GALLERIES if args.split == "tuning" else HELD_OUT_GALLERIES
    if args.seeds:
        wanted = {int(s) for s in args.seeds.split(",")}
        galleries = tuple(g for g in galleries if g.seed in wanted)
    if not galleries:
        print("error: no gallery of that split has those seeds", file=sys.stderr)
        return 2
    try:
        images, labels = load_npz(args.data)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    analyzer = FrameAnalyzer.create(args.device)
    print(f"{len(galleries)} {args.split} galleries, {args.frames / 30:.0f} s each, bench_names' clips, no names\n")
    print("| split | gallery | students on camera | split students | ids on two students |")
    print("|---|---|---|---|---|", flush=True)
    total = merged_total = 0
    started = time.perf_counter()
    for spec in galleries:
        with tempfile.TemporaryDirectory() as tmp:
            students, changes, merged = run_gallery(spec, images, labels, args.frames, analyzer, Path(tmp))
        total += len(changes)
        merged_total += len(merged)
        on_camera = sum(1 for s in students if s.face_px)
        print(f"| {args.split} | {spec.label()} | {on_camera} | {len(changes)} | {len(merged)} |", flush=True)
        if args.split == "tuning":
            for s, seq in changes.items():
                print(f"<!-- {students[s].name}: "
                      + "; ".join(f"frame {c.frame} id {c.face_id} box {c.box} (drawn {c.true_box}, before: "
                                  f"{c.before})" for c in seq) + " -->", flush=True)
            for fid, seen in merged.items():
                print(f"<!-- id {fid} on " + ", ".join(students[s].name for s in sorted(seen)) + " -->", flush=True)
    print(f"\n{total} split, {merged_total} ids on two students, in {len(galleries)} galleries "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
