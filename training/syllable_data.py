"""Training squares for the syllable network: generated name labels in training fonts, cut and placed as at run time.

`python -m training.syllable_data --lines 20000 --out /work/syl/part0.npz [--seed 0]`

Each line is random Hangul from the 2,350 syllables of KS X 1001 (not the benchmark's name
generator: the network must know syllables no class list holds), 1-4 syllables a word, drawn in
the Zoom or Teams style (the Meet style is held out) in one of the training fonts below (UnDotum,
the Un* family and NanumBarunGothic are held out), 11-20 px, JPEG 45-92 (sometimes twice, or
through a 720p-like blur). The line is cut (`face_label`) as the namer cuts it, and each
syllable's square is taken (`square_at`) from the cut's whiteness where the font put the
syllable, shifted by a little noise (at run time Tesseract's symbols place it, by equal cells:
close, not exact). Tesseract is not run here: the truth is what was drawn.
"""

from __future__ import annotations

import argparse
import os
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from core.names.labels import face_label, whiteness
from core.vision.gallery_tiles import find_tile
from core.names.hangul import is_syllable, jamo_of
from core.names.syllables import square_at

NANUM = "/usr/share/fonts/truetype/nanum/"
NOTO = "/usr/share/fonts/opentype/noto/"
# (file, face index): sans fonts a conference window might use; none of the benchmark's held-out fonts
TRAIN_FONTS = (
    (NANUM + "NanumGothic.ttf", 0), (NANUM + "NanumGothicBold.ttf", 0), (NANUM + "NanumGothicLight.ttf", 0),
    (NANUM + "NanumGothicExtraBold.ttf", 0), (NANUM + "NanumGothicEcoR.ttf", 0), (NANUM + "NanumGothicCoding.ttf", 0),
    (NANUM + "NanumSquareR.ttf", 0), (NANUM + "NanumSquareB.ttf", 0), (NANUM + "NanumSquareL.ttf", 0),
    (NANUM + "NanumSquareRoundR.ttf", 0), (NANUM + "NanumSquareRoundB.ttf", 0),
    (NOTO + "NotoSansCJK-Regular.ttc", 1), (NOTO + "NotoSansCJK-Bold.ttc", 1), (NOTO + "NotoSansCJK-Regular.ttc", 6),
)
HELD_OUT_FONT_MARKS = ("UnDotum", "Barun", "/Un")  # never trained on (the benchmarks' held-out fonts)


def ksx1001_syllables() -> tuple[str, ...]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR)."""
    out = []
    for c in range(0xAC00, 0xD7A4):
        try:
            if len(chr(c).encode("euc_kr")) == 2:
                out.append(chr(c))
        except UnicodeEncodeError:
            pass
    return tuple(out)


def train_fonts() -> list[tuple[str, int]]:
    """The training fonts installed here."""
    fonts = [(p, i) for p, i in TRAIN_FONTS if Path(p).is_file()]
    assert not any(m in p for p, _ in fonts for m in HELD_OUT_FONT_MARKS)
    return fonts


@lru_cache(maxsize=512)
def _font(path: str, index: int, letter_px: int):
    from PIL import ImageFont

    probe = ImageFont.truetype(path, 100, index=index)
    x0, y0, x1, y1 = probe.getbbox("한")
    return ImageFont.truetype(path, max(6, round(letter_px * 100 / max(1, y1 - y0))), index=index)


def random_text(rng: np.random.Generator, syllables: tuple[str, ...]) -> str:
    """A name-like line of random syllables."""
    def word() -> str:
        return "".join(syllables[int(rng.integers(len(syllables)))] for _ in range(int(rng.integers(1, 5))))
    r = rng.random()
    if r < 0.6:
        return word() if rng.random() < 0.8 else word() + word()
    if r < 0.8:
        return f"{word()} {word()}"
    if r < 0.9:
        return f"{int(rng.integers(2019, 2026))}{int(rng.integers(1000, 9999)):04d} {word()}"
    return f"{word()} ({word()})"


def label_frame(text: str, font: tuple[str, int], style: str, px: int, rng: np.random.Generator):
    """A tile with `text` as its label, compressed; (frame, face box, the frame x of each syllable's centre)."""
    from training.label_styles import TileLabels

    w, h = int(rng.integers(250, 420)), int(rng.integers(140, 240))
    x, y = 3, 3
    img = np.full((h + 40, w + 40, 3), 24, np.uint8)
    bg = rng.integers(20, 240, (9, 16, 3), dtype=np.uint8)
    img[y : y + h, x : x + w] = cv2.GaussianBlur(cv2.resize(bg, (w, h), interpolation=cv2.INTER_CUBIC), (0, 0), 5)
    face = (x + w // 2 - 45, y + h // 2 - 60, 90, 100)
    img[face[1] : face[1] + face[3], face[0] : face[0] + face[2]] = rng.integers(80, 210)
    labels = TileLabels(style, "nanum", px)
    font_obj = labels.small = _font(font[0], font[1], px)
    labels.draw(img, text, (x, y, w, h))
    # where draw put each syllable: the text's ink starts at the tile's x + 4 + pad (see TileLabels._ink)
    pad = max(3, px // 3)
    left = font_obj.getbbox(text)[0]
    centres = []
    for i, ch in enumerate(text):
        if is_syllable(ch):
            a = font_obj.getlength(text[:i])
            b = font_obj.getlength(text[: i + 1])
            centres.append(x + 4 + pad - left + (a + b) / 2)
    if rng.random() < 0.25:  # a 720p gallery scaled up, or a shared screen scaled down and up
        f = rng.uniform(0.6, 0.85)
        small = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        img = cv2.resize(small, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)
    for _ in range(1 + int(rng.random() < 0.3)):
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(45, 93))])
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return img, face, centres


def make(lines: int, seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(squares N x 32 x 32 uint8, jamo N x 3, lines used)."""
    rng = np.random.default_rng(seed)
    syllables = ksx1001_syllables()
    fonts = train_fonts()
    xs, ys, used = [], [], 0
    for _ in range(lines):
        text = random_text(rng, syllables)
        font = fonts[int(rng.integers(len(fonts)))]
        style = ("zoom", "teams")[int(rng.integers(2))]
        px = int(rng.integers(11, 21))
        frame, face, centres = label_frame(text, font, style, px, rng)
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        cut = face_label(gray, face, find_tile(gray, face))
        if cut is None or cut.grey is None:
            continue
        bx, by, bw, bh = cut.box
        white = whiteness(frame[by : by + bh, bx : bx + bw])
        truth = [ch for ch in text if is_syllable(ch)]
        for ch, cx in zip(truth, centres):
            cx = cx - bx + rng.normal(0, 0.08) * px  # run time places syllables by equal cells: not exactly
            if not 0 <= cx < bw:
                continue
            xs.append(np.round(square_at(white, cx) * 255).astype(np.uint8))
            ys.append(jamo_of(ch))
        used += 1
    return np.stack(xs), np.asarray(ys, np.int16), used


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.syllable_data", description=__doc__.splitlines()[0])
    p.add_argument("--lines", type=int, default=20000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    x, y, used = make(args.lines, args.seed)
    tmp = args.out + ".tmp.npz"
    np.savez_compressed(tmp, x=x, y=y)
    os.replace(tmp, args.out)
    print(f"{len(x)} squares from {used} of {args.lines} lines -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
