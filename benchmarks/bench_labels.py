"""Label benchmark: single tile labels in every style, font and height, cut and read as the namer does; no video.

`python -m benchmarks.bench_labels [--split tuning|held-out] [--n 40]`

Each case is one 1920x1080-gallery-sized tile (blurred random background, a face in the
middle) with a generated display name (benchmarks/name_gen.py) drawn in a style and font at a
height of 11-20 px, JPEG-compressed at quality 60-90. Per style and font: how many labels a
`TileNamer` names right, wrong, or leaves unnamed after `reads` read cycles of one still frame
(as it would in its first seconds), and OCR reads per label. Quick (~20 ms a read), for
measuring what a change to the cut, the reading or the confirmation adds before the video
benchmark (`bench_names`) is run.
"""

from __future__ import annotations

import argparse
import time
import zlib
from collections import defaultdict

import cv2
import numpy as np

from training.label_styles import TileLabels, available_fonts
from benchmarks.name_gen import class_names
from benchmarks.splits import HELD_OUT, TUNING
from core.names.ocr import LabelReader
from core.names.syllables import shipped_checker
from core.names.tile_names import TileNamer
from core.records import FaceResult

TILE = (3, 3, 378, 210)  # a 5x5 gallery's tile at 1920x1080


def case_frame(name: str, style: str, font: str, label_px: int, seed: int, labels=None) -> tuple[np.ndarray, tuple]:
    """A frame of one labelled tile with a face box in it (the face is a grey blob: only its box matters); `labels`
    (anything with `TileLabels`' `draw`) draws the name instead of the style and font's `TileLabels`."""
    rng = np.random.default_rng(seed)
    x, y, w, h = TILE
    img = np.full((h + 40, w + 40, 3), 24, np.uint8)
    bg = rng.integers(30, 230, (9, 16, 3), dtype=np.uint8)
    img[y : y + h, x : x + w] = cv2.GaussianBlur(cv2.resize(bg, (w, h), interpolation=cv2.INTER_CUBIC), (0, 0), 5)
    face = (x + w // 2 - 55, y + h // 2 - 65, 110, 110)
    fx, fy, fw, fh = face
    img[fy : fy + fh, fx : fx + fw] = rng.integers(90, 200)
    (labels or TileLabels(style, font, label_px)).draw(img, name, TILE)
    q = int(rng.integers(60, 91))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), face


def run_case(reader: LabelReader, name: str, style: str, font: str, label_px: int, seed: int,
             seconds: float = 3.0, hints: tuple[str, ...] = (), checker=None, labels=None) -> tuple[str, int]:
    """(the name the namer settled on, reads spent) over `seconds` of one still frame stepped at 10 frames/s;
    `hints`: the chat's authors; `labels`: as `case_frame`'s."""
    frame, face = case_frame(name, style, font, label_px, seed, labels)
    namer = TileNamer(reader, hints=hints, checker=checker)
    faces = [FaceResult(1, face, 0.9, np.full(7, 1 / 7))]
    t = 0.0
    while t < seconds:
        namer.step(frame, faces, t, 2)
        t += 0.1
    return namer.names.get(1, ""), namer.reads


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_labels", description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=("tuning", "held-out"), default="tuning")
    p.add_argument("--n", type=int, default=30, help="labels per style and font")
    p.add_argument("-v", action="store_true", help="print every wrong and unnamed label")
    p.add_argument("--chat-hints", action="store_true",
                   help="every label's name is also a chat author (as if every student wrote in the chat)")
    p.add_argument("--no-syllables", action="store_true",
                   help="Tesseract alone: without the syllable network's second opinion")
    args = p.parse_args(argv)
    split = TUNING if args.split == "tuning" else HELD_OUT
    fonts = [f for f in split.fonts if f in available_fonts()]
    reader = LabelReader()
    checker = None if args.no_syllables else shipped_checker()
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    t0 = time.perf_counter()
    for style in split.styles:
        for font in fonts:
            seed = split.seeds[0] * 1000 + zlib.crc32(f"{style}/{font}".encode()) % 997
            names = class_names(args.n, seed)
            rng = np.random.default_rng(seed)
            for k, name in enumerate(names):
                px = int(rng.integers(11, 21))
                got, reads = run_case(reader, name, style, font, px, seed + k,
                                      hints=tuple(names) if args.chat_hints else (), checker=checker)
                row = rows[(style, font)]
                row[0 if got == name else 1 if got else 2] += 1
                row[3] += reads
                if args.v and got != name:
                    print(f"  {style}/{font} {px}px: {name!r} -> {got!r}")
    print(f"split {args.split}: {args.n} labels per style and font, 11-20 px, JPEG 60-90, "
          f"{'every name a chat author' if args.chat_hints else 'no chat hints'}, "
          f"{'with the syllable network' if checker is not None else 'Tesseract alone'} "
          f"({time.perf_counter() - t0:.0f} s)")
    print("| style | font | right | wrong | unnamed | reads per label |")
    print("|---|---|---|---|---|---|")
    total = [0, 0, 0, 0]
    for (style, font), (right, wrong, unnamed, reads) in sorted(rows.items()):
        n = right + wrong + unnamed
        total = [a + b for a, b in zip(total, (right, wrong, unnamed, reads))]
        print(f"| {style} | {font} | {right}/{n} | {wrong} | {unnamed} | {reads / n:.1f} |")
    n = sum(total[:3])
    print(f"| all | | {total[0]}/{n} ({total[0] / n:.0%}) | {total[1]} | {total[2]} | {total[3] / n:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
