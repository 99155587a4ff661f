"""Where a participant's name is on a conference gallery, cut out as one clean line for OCR.

Cost: finding a face's tile (`core.vision.gallery_tiles`, ~1 ms); cutting the label is a threshold and a few
morphological passes over a ~300x50 region (<1 ms); the upscaled line is ~1000x90 pixels. All
of it runs only for the faces whose name is due to be read, never for every face of every frame.

Design, from how Zoom, Meet and Teams draw a gallery:

* **The tile** is the rectangle around a face bounded by the gallery's gaps (`core.vision.gallery_tiles`);
  without gaps (one camera filling the frame) it is the frame, its label at the frame's bottom left.
* **The label** sits at the tile's bottom left, white text on a dark translucent plate. Text
  pixels are bright ones with dark pixels beside them (the plate); a blurred background's light
  patches have no such edge, and the face's own box is masked out. The line is the bright band
  of rows nearest the bottom, cut from its first to its last text column.
* **Camera off**: a tile with no face shows the name large in its middle, light on dark; the
  same cut finds it there, in the tiles of the grid the faces' tiles make (`grid_tiles`), so a
  tile whose camera is off all along is found too.
* **For OCR** the line is scaled to ~60 px high (3x for a 14 px label) and binarised in one of
  `READ_INPUTS` ways (`read_input`): Otsu within the grey line (text on a plate is bimodal), or
  a white top-hat of the line's whiteness at several scales (Teams' plate-less text over a light
  background is not bimodal), made dark-on-white with a white margin, as Tesseract wants.
  The namer reads a label from a different input each time, so agreeing readings are
  independent views, not one crop read twice.

Nothing here is written to disk; the crops live only until their line is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from core.vision.gallery_tiles import BRIGHT, FAINT, MIN_TEXT_PX, Box, find_tile

DARK = 110  # the plate (or a camera-off tile) around the text is below this
LINE_PX = 60  # a cut line is scaled to about this height for Tesseract
MAX_UPSCALE = 3.0  # small labels: 3x, what read best on 12-14 px labels
# the cut is widened over faint ink (`FAINT`: a thin last stroke such as the ㅣ of 기, 이, 미 at 12 px fades under
# compression to ~140-150 on a plate) next to the name, by at most this share of the line's height a side
FAINT_REACH = 0.6
PLATE_FLAT = 12.0  # grey-level spread above and below a line on a plate (a picture spreads more)


@dataclass(frozen=True)
class LabelCut:
    """A label's line: where it was in the frame, and the binarised, upscaled line for OCR."""

    box: Box
    line: np.ndarray  # uint8, dark text on white
    grey: np.ndarray | None = None  # the line as cut, for a second look at another scale


def _text_mask(gray: np.ndarray, bright: int) -> np.ndarray:
    """Pixels brighter than `bright` with a dark one within two pixels: light text on a dark plate."""
    dark = cv2.dilate((gray < DARK).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return (gray > bright) & dark


def _widened(faint: np.ndarray, c0: int, c1: int, reach: int) -> tuple[int, int]:
    """[c0, c1) widened over columns of faint ink (`faint`: per column) that continue it, at most `reach`
    columns on each side (hysteresis: strong ink finds the name, faint ink finishes its edges)."""
    lo, hi = c0, c1
    for j in range(c1, min(len(faint), c1 + reach)):
        if faint[j] and j - hi <= 3:
            hi = j + 1
    for j in range(c0 - 1, max(-1, c0 - 1 - reach), -1):
        if faint[j] and lo - j <= 3:
            lo = j
    return lo, hi


def _runs(flags: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """[start, end) runs of True, joining runs separated by at most `max_gap` False."""
    idx = np.flatnonzero(flags)
    if not idx.size:
        return []
    runs, start, prev = [], int(idx[0]), int(idx[0])
    for i in idx[1:]:
        if i - prev > max_gap + 1:
            runs.append((start, prev + 1))
            start = int(i)
        prev = int(i)
    runs.append((start, prev + 1))
    return runs


def cut_line(gray: np.ndarray, region: Box, mask_out: Box | None = None, where: str = "bottom",
             whole: bool = False) -> LabelCut | None:
    """The text line in `region` of the frame (the lowest one, or the one nearest the middle), or None.

    `mask_out` (the face's box) is ignored: a pale face beside dark hair also makes bright pixels
    next to dark ones. `whole`: None when the line reaches the region's top edge (it may go on above).
    """
    fh, fw = gray.shape[:2]
    x, y, w, h = region
    x0, y0, x1, y1 = max(0, x), max(0, y), min(fw, x + w), min(fh, y + h)
    if x1 - x0 < 8 or y1 - y0 < MIN_TEXT_PX:
        return None
    patch = gray[y0:y1, x0:x1]
    faint = _text_mask(patch, FAINT)
    if mask_out is not None:
        mx, my, mw, mh = mask_out
        faint[max(0, my - y0) : max(0, my + mh - y0), max(0, mx - x0) : max(0, mx + mw - x0)] = False
    mask = faint & (patch > BRIGHT)  # strong ink finds the line; faint ink (BRIGHT > FAINT) only finishes it
    rows = _runs(mask.sum(axis=1) >= 1, max_gap=2)
    rows = [r for r in rows if r[1] - r[0] >= MIN_TEXT_PX]
    if not rows:
        return None
    if where == "bottom":
        r0, r1 = rows[-1]
    else:
        mid = (y1 - y0) / 2
        r0, r1 = min(rows, key=lambda r: abs((r[0] + r[1]) / 2 - mid))
    if whole and r0 == 0 and y0 > 0:
        return None  # the line goes on above the region: its top cut off, what is left reads as another name
    text_h = r1 - r0
    cols = _runs(mask[r0:r1].sum(axis=0) >= 1, max_gap=max(3, int(1.2 * text_h)))
    # a name is one run of words: the widest run, joined with others closer than a letter's height
    cols = [c for c in cols if c[1] - c[0] >= 2]
    if not cols:
        return None
    c0, c1 = max(cols, key=lambda c: c[1] - c[0])
    # faint ink counts only on a plate (Zoom's): dark and flat just above and just below the line; a dark
    # picture behind plate-less text is not flat
    above, below = patch[max(0, r0 - 2) : r0], patch[r1 : r1 + 2]
    if above.size and below.size and float(np.concatenate([above[:, c0:c1].ravel(), below[:, c0:c1].ravel()]).std()
                                           ) <= PLATE_FLAT:
        plate = (above < DARK).all(axis=0) & (below < DARK).all(axis=0)
        c0, c1 = _widened(faint[r0:r1].any(axis=0) & plate, c0, c1, max(2, int(FAINT_REACH * text_h)))
    pad = 3
    lx0, ly0 = max(0, c0 - pad), max(0, r0 - pad)
    lx1, ly1 = min(x1 - x0, c1 + pad), min(y1 - y0, r1 + pad)
    line = patch[ly0:ly1, lx0:lx1]
    if line.size == 0:
        return None
    return LabelCut((x0 + lx0, y0 + ly0, lx1 - lx0, ly1 - ly0), binarise(line), line.copy())


def binarise(line: np.ndarray, scale: float | None = None) -> np.ndarray:
    """Scaled to ~60 px high (3x for a 14 px label), Otsu within the line, dark text on white with a
    margin: what Tesseract reads best (a camera-off tile's large name is scaled less: at 3x its
    strokes get too thick and 최 reads as 죄).

    Light shapes touching the cut's edge are dropped: they are the background around the plate
    (the text itself lies inside the cut's padding).
    """
    if scale is None:
        scale = float(np.clip(LINE_PX / max(1, line.shape[0]), 1.0, MAX_UPSCALE))
    big = cv2.resize(line, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    _, ink = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return _drop_edge_shapes(ink)


def _drop_edge_shapes(ink: np.ndarray) -> np.ndarray:
    """Ink (255) shapes not touching the image's edge, as dark on white with a margin."""
    n, comp, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    bh, bw_ = ink.shape
    x, y, w, h = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3]
    edge = (x <= 0) | (y <= 0) | (x + w >= bw_) | (y + h >= bh)
    edge[0] = True
    bw = np.where((~edge)[comp], 0, 255).astype(np.uint8)
    margin = 12
    return cv2.copyMakeBorder(bw, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)


def whiteness(colour: np.ndarray) -> np.ndarray:
    """How white each pixel is: bright in its darkest channel and grey (a coloured background is not)."""
    if colour.ndim == 2:
        return colour
    lo = colour.min(axis=2).astype(np.int16)
    hi = colour.max(axis=2).astype(np.int16)
    return np.clip(lo - (hi - lo), 0, 255).astype(np.uint8)


def top_hat(line: np.ndarray, scale: float, kernel: float = 0.15) -> np.ndarray:
    """Strokes brighter than their surroundings (white top-hat, a kernel `kernel` of the line's height
    wide), Otsu-thresholded: light text with no plate behind it (a background light in places)."""
    big = cv2.resize(line, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    k = max(3, int(big.shape[0] * kernel)) | 1
    hat = cv2.morphologyEx(big, cv2.MORPH_TOPHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    _, ink = cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return _drop_edge_shapes(ink)


# The different inputs one label is read from, in the order a face's reads take them. Two
# readings agreeing count only when they come from different inputs: a misread of one input
# repeats when that input is read again, but rarely in another binarisation at another scale.
READ_INPUTS = ("white top-hat 1x", "white top-hat 0.8x", "grey Otsu on a plate, else white top-hat 1.5x",
               "white top-hat 1.25x", "white top-hat 0.9x, wide kernel", "white top-hat 1.1x, narrow kernel")


def read_input(k: int, grey: np.ndarray, colour: np.ndarray | None = None) -> np.ndarray:
    """Input `k` (of READ_INPUTS) of one cut line for Tesseract: dark text on white with a margin.

    Measured on single labels of the tuning split (Zoom and Teams styles, NanumGothic and Noto,
    11-20 px, JPEG; `benchmarks/bench_labels.py`), each read once: grey Otsu 47/50 right on
    plates but 5/50 on Teams' plate-less text; the white top-hat 43/50 and 42/50. The scale
    is that of a ~60 px line (at most 3x), times the input's factor.

    Each input read once through the namer (a name, sure or vouched for) on the 400 single tuning
    labels, Teams / Zoom of 200 each: grey Otsu 21 (22 wrong) / 185, so a line that is no plate
    (its median above `DARK`: text over the picture) is read as a white top-hat at 1.5x instead
    (154 / 179; both together 140 / 184).
    """
    scale = float(np.clip(LINE_PX / max(1, grey.shape[0]), 1.0, MAX_UPSCALE))
    white = whiteness(colour) if colour is not None and colour.shape[:2] == grey.shape[:2] else grey
    k %= len(READ_INPUTS)
    if k == 0:
        return top_hat(white, scale)
    if k == 1:
        return top_hat(white, max(1.0, 0.8 * scale))
    if k == 2:
        return binarise(grey, scale) if np.median(grey) < DARK else top_hat(white, 1.5 * scale)
    if k == 3:
        return top_hat(white, 1.25 * scale)
    if k == 4:
        return top_hat(white, max(1.0, 0.9 * scale), kernel=0.25)
    return top_hat(white, 1.1 * scale, kernel=0.1)


def label_region(tile: Box) -> Box:
    """Where a tile's name label is drawn: its bottom-left, a quarter of its height, 85% of its width."""
    x, y, w, h = tile
    lh = max(MIN_TEXT_PX * 2, min(h // 4, 64))
    return (x, y + h - lh, int(w * 0.85), lh)


def centre_region(tile: Box) -> Box:
    """Where a camera-off tile shows its name: the middle half of its height."""
    x, y, w, h = tile
    return (x, y + h // 4, w, h // 2)


def face_label(gray: np.ndarray, face: Box, tile: Box | None = None) -> LabelCut | None:
    """The name label of the tile around `face`, cut for OCR, or None when there is no text there."""
    tile = tile or find_tile(gray, face)
    cut = cut_line(gray, label_region(tile), mask_out=face)
    frame = (0, 0, gray.shape[1], gray.shape[0])
    if cut is None and tile != frame:  # no gallery after all (a dark picture edge): one camera's name
        # whole lines only: where the tile was found too short, the frame's label region slices its name
        # (`eo-yeon` for CHO Seo-yeon, read so on every input)
        cut = cut_line(gray, label_region(frame), mask_out=face, whole=True)
    return cut


def off_camera_label(gray: np.ndarray, tile: Box) -> LabelCut | None:
    """The name a camera-off tile shows large in its middle (else at its bottom left), cut for OCR."""
    return cut_line(gray, centre_region(tile), where="middle") or cut_line(gray, label_region(tile))


SIGNATURE = (64, 8)  # thumbnail cells across and down a label region
CELL_CHANGE = 30.0  # grey levels a thumbnail cell must move to count (compression noise moves a few)
LABEL_CHANGE = 0.03  # share of cells that moved for the label to have changed


def signature(gray: np.ndarray, region: Box) -> np.ndarray:
    """A 64x8 thumbnail of a region: a label that changes (a rename) changes it."""
    fh, fw = gray.shape[:2]
    x, y, w, h = region
    patch = gray[max(0, y) : min(fh, y + h), max(0, x) : min(fw, x + w)]
    if patch.size == 0:
        return np.zeros(SIGNATURE[::-1], np.float32)
    return cv2.resize(patch, SIGNATURE, interpolation=cv2.INTER_AREA).astype(np.float32)


def label_changed(before: np.ndarray, after: np.ndarray) -> bool:
    """Whether two signatures of a label region show different labels."""
    return before.shape == after.shape and float((np.abs(after - before) > CELL_CHANGE).mean()) > LABEL_CHANGE
