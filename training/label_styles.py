"""Name labels drawn as the conference tools draw them, in several Korean fonts, for generated galleries.

Styles (what real classes show; none is what the reader was tuned on alone):

* `zoom`: white text on a dark translucent plate at the tile's bottom left.
* `teams`: white text with a soft dark shadow, no plate, at the bottom left.
* `meet`: white text at the bottom left over a band darkened towards the tile's foot (a gradient
  the width of the tile).
* `bar`: white text on a dark bar across the whole foot of the tile, a muted microphone drawn
  after the name (added in session 19, when a bar above a name was taken for a gallery gap, and an
  icon beside a name for a doubt on it; it is a tuning style).

A camera-off tile shows the name large in its middle (no plate) in every style.

Fonts: NanumGothic ships in assets/fonts; the others are Debian packages (`fonts-noto-cjk`,
`fonts-unfonts-core`, `fonts-nanum-extra`) and are `None` from `font_file` when not installed,
so a caller can skip them. `label_px` is the height of a Hangul syllable in frame pixels,
whatever the font's own proportions.

It lives in training/ because both the syllable network's data (`training/syllable_data.py`) and
the name benchmarks draw with it, and benchmarks may import training, not the other way round.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

STYLES = ("zoom", "teams", "meet", "bar")

# font name -> (file, face index in a collection); system fonts may be missing
_FONT_FILES: dict[str, tuple[str, int]] = {
    "nanum": ("", 0),  # the shipped NanumGothic (core.resources.korean_font_path)
    "noto": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),  # Noto Sans CJK KR
    "undotum": ("/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf", 0),
    "barun": ("/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf", 0),  # fonts-nanum-extra's family
    "square": ("/usr/share/fonts/truetype/nanum/NanumSquareR.ttf", 0),
}
FONTS = tuple(_FONT_FILES)


def font_file(font: str) -> tuple[Path, int] | None:
    """(path, index) of a font by name, or None when it is not installed here."""
    if font == "nanum":
        from core.resources import korean_font_path

        return korean_font_path(), 0
    path, index = _FONT_FILES[font]
    return (Path(path), index) if Path(path).is_file() else None


def available_fonts() -> tuple[str, ...]:
    """The fonts installed here."""
    return tuple(f for f in FONTS if font_file(f) is not None)


@lru_cache(maxsize=64)
def _font(font: str, letter_px: int):
    """A PIL font whose Hangul syllables are `letter_px` pixels high."""
    from PIL import ImageFont

    found = font_file(font)
    if found is None:
        raise FileNotFoundError(f"font {font!r} is not installed")
    path, index = found
    probe = ImageFont.truetype(str(path), 100, index=index)
    x0, y0, x1, y1 = probe.getbbox("한")
    size = max(6, round(letter_px * 100 / max(1, y1 - y0)))
    return ImageFont.truetype(str(path), size, index=index)


class TileLabels:
    """Draws display names on gallery tiles in one style and font (the `PlateLabels` interface)."""

    def __init__(self, style: str = "zoom", font: str = "nanum", label_px: int = 14) -> None:
        if style not in STYLES:
            raise ValueError(f"unknown label style {style!r}")
        self.style, self.font_name, self.label_px = style, font, label_px
        self.small = _font(font, label_px)
        self.large = _font(font, 2 * label_px)
        self._cache: dict[tuple[str, bool], np.ndarray] = {}

    def _ink(self, text: str, large: bool) -> np.ndarray:
        """The text's coverage (float32 0..1) with a margin of a third of a letter."""
        key = (text, large)
        if key not in self._cache:
            from PIL import Image, ImageDraw

            font = self.large if large else self.small
            x0, y0, x1, y1 = font.getbbox(text)
            pad = max(3, self.label_px // 3)
            img = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 0)
            ImageDraw.Draw(img).text((pad - x0, pad - y0), text, font=font, fill=255)
            self._cache[key] = np.asarray(img, np.float32) / 255.0
        return self._cache[key]

    def draw(self, img: np.ndarray, text: str, tile: tuple[int, int, int, int], large: bool = False) -> None:
        """Draw `text` on the tile (at its bottom left; large: centred), clipped to the tile."""
        ink = self._ink(text, large)
        x, y, w, h = tile
        ih, iw = ink.shape
        if large:
            px, py = x + (w - iw) // 2, y + (h - ih) // 2
        else:
            px, py = x + 4, y + h - ih - 4
        px, py = max(px, x), max(py, y)
        iw, ih = min(iw, x + w - px), min(ih, y + h - py)
        if iw <= 0 or ih <= 0:
            return
        t = ink[:ih, :iw, None]
        if not large and self.style == "meet":  # a band darkened towards the foot, the tile's width
            band_h = min(h, int(ih * 2.2))
            by = y + h - band_h
            ramp = np.linspace(0.0, 0.55, band_h, dtype=np.float32)[:, None, None]
            band = img[by : y + h, x : x + w].astype(np.float32) * (1 - ramp)
            img[by : y + h, x : x + w] = np.clip(band, 0, 255).astype(np.uint8)
        if not large and self.style == "bar":
            band_h = min(h, int(ih * 1.8))
            foot = img[y + h - band_h : y + h, x : x + w].astype(np.float32) * 0.3
            img[y + h - band_h : y + h, x : x + w] = foot.astype(np.uint8)
            draw_microphone(img, px + iw + self.label_px // 2, py + ih // 2, self.label_px, (x + w, y + h))
        region = img[py : py + ih, px : px + iw].astype(np.float32)
        if not large and self.style == "zoom":
            region = region * (1 - 0.62)
        elif not large and self.style == "teams":  # a soft shadow one pixel down and right
            k = max(3, self.label_px // 4) | 1
            shadow = cv2.GaussianBlur(np.roll(np.roll(ink, 1, 0), 1, 1), (k, k), 0)[:ih, :iw, None]
            region = region * (1 - np.clip(1.6 * shadow, 0, 0.85))
        region = region * (1 - t) + 255.0 * t
        img[py : py + ih, px : px + iw] = np.clip(region, 0, 255).astype(np.uint8)


def draw_microphone(img: np.ndarray, x: int, cy: int, px: int, limit: tuple[int, int]) -> None:
    """A light muted-microphone icon `px` high, its left edge at `x`, its middle at `cy`, clipped to `limit` (x, y)."""
    icon = np.zeros((px + 4, px + 4), np.uint8)
    c = (px + 4) // 2
    cv2.ellipse(icon, (c, c - px // 6), (max(1, px // 6), max(2, px // 3)), 0, 0, 360, 255, -1)  # the capsule
    cv2.ellipse(icon, (c, c), (max(2, px // 3), max(2, px // 3)), 0, 0, 180, 255, 1)  # the holder
    cv2.line(icon, (c - px // 2, c + px // 2), (c + px // 2, c - px // 2), 255, 1)  # struck through: muted
    ih, iw = icon.shape
    y0 = cy - ih // 2
    x1, y1 = min(limit[0], x + iw), min(limit[1], y0 + ih)
    if x1 <= x or y1 <= y0 or y0 < 0:
        return
    a = icon[: y1 - y0, : x1 - x][..., None].astype(np.float32) / 255.0 * 0.9
    region = img[y0:y1, x:x1].astype(np.float32)
    img[y0:y1, x:x1] = np.clip(region * (1 - a) + 235.0 * a, 0, 255).astype(np.uint8)


def label_crop(text: str, style: str, font: str, label_px: int, background: np.ndarray) -> np.ndarray:
    """A tile's bottom (BGR) with `text` drawn on `background` (h x w x 3), for tests of the cut and the reading."""
    img = background.copy()
    TileLabels(style, font, label_px).draw(img, text, (0, 0, img.shape[1], img.shape[0]))
    return img
