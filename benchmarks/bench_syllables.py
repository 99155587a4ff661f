"""Syllable benchmark: the syllable network's second opinion on Tesseract's readings of single labels.

`python -m benchmarks.bench_syllables [--split tuning|held-out] [--n 40] [--weights F]`

The labels are `bench_labels`' (same names, styles, fonts, heights and JPEG), each read once
from every one of the namer's `READ_INPUTS`. Of each reading Tesseract was sure of and that is a
plausible name with Hangul in it (what the namer votes with), the network reads each syllable
where Tesseract's symbols place it (`SyllableChecker.opinion`). Printed per style and font:
how often Tesseract's and the network's syllables are right, and at each confidence threshold
how many readings the network would veto (it reads a syllable otherwise and is that sure):
right readings lost, wrong readings stopped, and wrong readings it spells right. Then the other
way round, per confidence threshold: how many readings the network *vouches for* (it reads every
syllable as Tesseract did, each at least that sure), right and wrong, among the readings
Tesseract was sure of and among those it was not (mean word confidence >= `--unsure-floor` but
below the namer's floors), the latter apart when every word Tesseract was unsure of is Hangul (all
the network can check).
"""

from __future__ import annotations

import argparse
import time
import zlib
from collections import defaultdict

import cv2
import numpy as np

from benchmarks.bench_labels import case_frame
from training.label_styles import available_fonts
from benchmarks.name_gen import class_names
from benchmarks.splits import HELD_OUT, TUNING
from core.names.labels import READ_INPUTS, face_label, read_input, whiteness
from core.vision.gallery_tiles import find_tile
from core.names.names import clean_reading, plausible_name
from core.names.ocr import LabelReader
from core.names.hangul import is_syllable
from core.names.syllables import SyllableChecker
from core.names.tile_names import MIN_CONFIDENCE, MIN_WORD_CONFIDENCE

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_syllables", description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=("tuning", "held-out"), default="tuning")
    p.add_argument("--n", type=int, default=40, help="labels per style and font")
    p.add_argument("--weights", default=None, help="the network's weights (default: the shipped ones)")
    p.add_argument("--unsure-floor", type=float, default=40.0,
                   help="mean word confidence from which an unsure reading is counted in the vouching table")
    p.add_argument("-v", action="store_true", help="print every wrong reading and what the network read")
    args = p.parse_args(argv)
    split = TUNING if args.split == "tuning" else HELD_OUT
    fonts = [f for f in split.fonts if f in available_fonts()]
    reader = LabelReader()
    checker = SyllableChecker(args.weights)
    # per (style, font): readings, right readings, syllables, Tesseract right, network right,
    # then per threshold: right readings vetoed, wrong readings vetoed, wrong readings spelled right
    rows: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(5 + 3 * len(THRESHOLDS), int))
    # per kind of reading: readings, right; per threshold: right vouched, wrong vouched
    vouch: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(2 + 2 * len(THRESHOLDS), int))
    t0, net_s, net_calls = time.perf_counter(), 0.0, 0
    for style in split.styles:
        for font in fonts:
            seed = split.seeds[0] * 1000 + zlib.crc32(f"{style}/{font}".encode()) % 997
            names = class_names(args.n, seed)
            rng = np.random.default_rng(seed)
            for k, name in enumerate(names):
                px = int(rng.integers(11, 21))
                frame, face = case_frame(name, style, font, px, seed + k)
                gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
                cut = face_label(gray, face, find_tile(gray, face))
                if cut is None or cut.grey is None:
                    continue
                x, y, w, h = cut.box
                colour = frame[y : y + h, x : x + w]
                white = whiteness(colour)
                for i in range(len(READ_INPUTS)):
                    ink = read_input(i, cut.grey, colour)
                    got = reader.read(ink)
                    if got.confidence < args.unsure_floor:
                        continue
                    sure = got.confidence >= MIN_CONFIDENCE and got.least >= MIN_WORD_CONFIDENCE
                    text = clean_reading(got.text)
                    if not plausible_name(text) or not any(is_syllable(c) for c in text):
                        continue
                    s = time.perf_counter()
                    opinion = checker.opinion(got.text.strip(), got.symbols, ink, white)
                    net_s += time.perf_counter() - s
                    net_calls += 1
                    ours = [c for c in text if is_syllable(c)]
                    truth = [c for c in name if is_syllable(c)]
                    if opinion is None or len(opinion) != len(ours):
                        continue
                    right = text == name
                    agree = [r.syllable for r in opinion] == ours
                    least = min(r.confidence for r in opinion)
                    low = [w for w, c in got.words if c < MIN_WORD_CONFIDENCE]
                    kind = "sure" if sure else (
                        "unsure, its unsure words Hangul" if low and all(all(is_syllable(c) for c in w) for w in low)
                        else "unsure, other")
                    for key in (kind,):
                        v = vouch[key]
                        v[0] += 1
                        v[1] += right
                        for j, th in enumerate(THRESHOLDS):
                            v[2 + 2 * j + (not right)] += agree and least >= th
                    if args.v and not sure and agree and not right:
                        print(f"  vouched wrong: {style}/{font} {px}px input {i}: {name!r} read {text!r} "
                              f"({got.confidence:.0f}/{got.least:.0f}), network least {least:.2f}")
                    if not sure:
                        continue
                    row = rows[(style, font)]
                    row[0] += 1
                    row[1] += right
                    if len(truth) == len(ours):
                        row[2] += len(ours)
                        row[3] += sum(a == b for a, b in zip(ours, truth))
                        row[4] += sum(r.syllable == b for r, b in zip(opinion, truth))
                    for j, th in enumerate(THRESHOLDS):
                        veto = any(r.syllable != a and r.confidence >= th for r, a in zip(opinion, ours))
                        if right:
                            row[5 + 3 * j] += veto
                        else:
                            row[6 + 3 * j] += veto
                            row[7 + 3 * j] += veto and [r.syllable for r in opinion] == truth
                    if args.v and not right:
                        print(f"  {style}/{font} {px}px input {i}: {name!r} read {text!r}, network "
                              f"{' '.join(f'{r.syllable}:{r.confidence:.2f}' for r in opinion)}")
    print(f"split {args.split}: {args.n} labels per style and font, each read from {len(READ_INPUTS)} inputs; "
          f"network {1000 * net_s / max(1, net_calls):.1f} ms a reading ({time.perf_counter() - t0:.0f} s)")
    print("| style | font | readings (right) | syllables right: Tesseract, network | "
          + " | ".join(f"veto >= {th}: right lost, wrong stopped (spelled right)" for th in THRESHOLDS) + " |")
    print("|---|---|---|---|" + "---|" * len(THRESHOLDS))
    total = np.zeros(5 + 3 * len(THRESHOLDS), int)
    for key, row in [*sorted(rows.items()), (("all", ""), None)]:
        if row is None:
            row = total
        else:
            total = total + row
        n, r = row[0], row[1]
        cells = [f"{row[5 + 3 * j]}/{r}, {row[6 + 3 * j]}/{n - r} ({row[7 + 3 * j]})" for j in range(len(THRESHOLDS))]
        print(f"| {key[0]} | {key[1]} | {n} ({r}) | {row[3]}/{row[2]}, {row[4]}/{row[2]} | " + " | ".join(cells) + " |")
    print()
    print("| Tesseract's reading | readings (right) | "
          + " | ".join(f"vouched >= {th}: right, wrong" for th in THRESHOLDS) + " |")
    print("|---|---|" + "---|" * len(THRESHOLDS))
    for kind, v in sorted(vouch.items(), key=lambda kv: (kv[0] != "sure", kv[0])):
        cells = [f"{v[2 + 2 * j]}/{v[1]}, {v[3 + 2 * j]}/{v[0] - v[1]}" for j in range(len(THRESHOLDS))]
        print(f"| {kind} | {v[0]} ({v[1]}) | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
