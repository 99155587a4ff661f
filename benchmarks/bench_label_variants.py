"""Label variants neither split has: single labels drawn in variations of the conference styles, read as `bench_labels` reads.

`python -m benchmarks.bench_label_variants [--n 40] [--font nanum] [--variants pill,icon-after,...]`

A probe of how the namer does on label styles nobody tuned for, not a split: each variant changes
one thing real tools change (a rounded pill, an icon beside the name, a bar across the tile's foot,
where the label sits, a lighter plate, an outline instead of a shadow). Names come from `name_gen`
by a seed of their own (500 000 and up: in neither split), 11-20 px, JPEG 60-90, one tile per label
stepped for 3 s (`bench_labels.run_case`), tiles alone. Round seven of docs/names.md looked at the
icon-after and bar variants to mend them; the others it only measured.
"""

from __future__ import annotations

import argparse
import time
import zlib

import cv2
import numpy as np

from benchmarks.bench_labels import run_case
from benchmarks.name_gen import class_names
from core.names.ocr import LabelReader
from core.names.syllables import shipped_checker
from training.label_styles import TileLabels, draw_microphone

VARIANTS = {
    "zoom": "Zoom's plate, as in the splits",
    "pill": "a rounded dark pill with padding",
    "icon-before": "a muted-microphone icon before the name, on the plate",
    "icon-after": "a muted-microphone icon after the name, on the plate",
    "solid-bar": "a solid dark bar across the tile's foot, no icon",
    "centred": "the plate centred at the tile's foot",
    "inset": "the plate inset 12 px from the corner",
    "light-plate": "a lighter plate (the picture 40% darker)",
    "outline": "white text with a hard black outline, no plate",
    "top": "the plate at the tile's top left",
}
SEED = 500_000


class VariantLabels(TileLabels):
    """Draws names as the Zoom style does, changed in one way (`VARIANTS`)."""

    def __init__(self, variant: str, font: str, label_px: int) -> None:
        super().__init__("zoom", font, label_px)
        self.variant = variant

    def draw(self, img: np.ndarray, text: str, tile: tuple[int, int, int, int], large: bool = False) -> None:
        """Draw `text` on the tile in this variant (a camera-off tile's large name as the Zoom style does)."""
        v = self.variant
        if large or v == "zoom":
            super().draw(img, text, tile, large)
            return
        ink = self._ink(text, False)
        x, y, w, h = tile
        ih, iw = ink.shape
        s = self.label_px
        px, py = {"inset": (x + 12, y + h - ih - 12), "centred": (x + (w - iw) // 2, y + h - ih - 4),
                  "top": (x + 4, y + 4), "icon-before": (x + 4 + int(1.3 * s), y + h - ih - 4),
                  "pill": (x + 4 + s // 2, y + h - ih - 4 - s // 4)}.get(v, (x + 4, y + h - ih - 4))
        iw, ih = min(iw, x + w - px), min(ih, y + h - py)
        if iw <= 0 or ih <= 0:
            return
        darken = {"light-plate": 0.6, "outline": 1.0}.get(v, 0.38)
        x0, x1 = px, px + iw
        if v == "pill":
            pad = s // 2
            mask = np.zeros(img.shape[:2], np.uint8)
            top, bottom = py - pad // 2, py + ih + pad // 2
            r = (bottom - top) // 2
            cv2.rectangle(mask, (px - pad + r, top), (px + iw + pad - r, bottom), 255, -1)
            cv2.circle(mask, (px - pad + r, top + r), r, 255, -1)
            cv2.circle(mask, (px + iw + pad - r, top + r), r, 255, -1)
            img[mask > 0] = (img[mask > 0] * 0.25 + 20).astype(np.uint8)
            darken = 1.0
        elif v == "solid-bar":
            bar = min(h, int(ih * 1.8))
            img[y + h - bar : y + h, x : x + w] = (img[y + h - bar : y + h, x : x + w] * 0.3).astype(np.uint8)
            darken = 1.0
        elif v == "icon-before":
            x0 = x + 4
        elif v == "icon-after":
            x1 = min(x + w, px + iw + int(1.6 * s))
        if darken < 1.0:
            img[py : py + ih, x0:x1] = (img[py : py + ih, x0:x1] * darken).astype(np.uint8)
        if v == "icon-before":
            draw_microphone(img, x + 4, py + ih // 2, s, (px, y + h))
        elif v == "icon-after":
            draw_microphone(img, px + iw + s // 4, py + ih // 2, s, (x + w, y + h))
        t = ink[:ih, :iw, None]
        region = img[py : py + ih, px : px + iw].astype(np.float32)
        if v == "outline":
            region = region * (1 - cv2.dilate(ink, np.ones((3, 3), np.uint8))[:ih, :iw, None])
        region = region * (1 - t) + 255.0 * t
        img[py : py + ih, px : px + iw] = np.clip(region, 0, 255).astype(np.uint8)


def run_variant(reader: LabelReader, checker, variant: str, font: str, n: int) -> tuple[int, int, int, list[str]]:
    """(right, wrong, unnamed, the wrong ones as `truth -> reading (px)`) over `n` labels of one variant."""
    seed = SEED + zlib.crc32(f"{variant}/{font}".encode()) % 997
    names = class_names(n, seed)
    rng = np.random.default_rng(seed)
    counts, wrong = [0, 0, 0], []
    for k, name in enumerate(names):
        px = int(rng.integers(11, 21))
        got, _ = run_case(reader, name, variant, font, px, seed + k, checker=checker,
                          labels=VariantLabels(variant, font, px))
        counts[0 if got == name else 1 if got else 2] += 1
        if got and got != name:
            wrong.append(f"{name} -> {got} ({px} px)")
    return counts[0], counts[1], counts[2], wrong


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_label_variants", description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=40, help="labels per variant")
    p.add_argument("--font", default="nanum", help="a font of training.label_styles (default: the shipped NanumGothic)")
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    args = p.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        p.error(f"unknown variant(s): {', '.join(unknown)}")
    reader, checker = LabelReader(), shipped_checker()
    t0 = time.perf_counter()
    rows = [(v, *run_variant(reader, checker, v, args.font, args.n)) for v in variants]
    print(f"{args.n} labels per variant, {args.font}, 11-20 px, JPEG 60-90, tiles alone "
          f"({time.perf_counter() - t0:.0f} s)")
    print("| variant | right | wrong | unnamed | wrong names |")
    print("|---|---|---|---|---|")
    for v, right, wrong, unnamed, which in rows:
        print(f"| {VARIANTS[v]} | {right}/{args.n} | {wrong} | {unnamed} | {'; '.join(which)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
