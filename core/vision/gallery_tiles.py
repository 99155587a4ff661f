"""The tiles of a conference gallery: the rectangle around each face bounded by the gallery's gaps, and the grid.

Cost: finding a face's tile is four band scans of the grey frame around it (numpy means and spreads over a
few hundred rows or columns, ~1 ms). The names find it for faces whose label is due, the tracker for a face
that no box rule gave an id while a face near it is lost (a few a minute), never for every face of every frame.

Design, from how Zoom, Meet and Teams draw a gallery:

* **The tile** is the rectangle around a face bounded by the gallery's gaps: the first run of
  rows (columns) below, above, left and right of the face whose pixels over three faces' span
  are dark and flat, and thin (a dark shirt is thick) or reaching the frame's edge; a dark bar
  across the tile's foot with a name in it is no gap, though its rows above the name look like
  one. Without gaps (one camera filling the frame) the tile is the frame.
* **The grid**: the other tiles come from the pitch and origin of the tiles found around faces, so a
  tile whose camera is off all along is found too.
* **A gallery tile** (`gallery_tile`) is at most half the frame: one camera filling the frame has no tiles,
  and its faces no seats but their boxes.
"""

from __future__ import annotations

import numpy as np

Box = tuple[int, int, int, int]

GAP_MAX_MEAN = 60.0  # a gallery gap is dark ...
GAP_MAX_STD = 7.0  # ... and flat (video compression leaves a few grey levels of noise)
GAP_LEVEL = 10.0  # grey levels within one run of gap lines
MAX_GAP_PX = 16  # gaps between tiles are a few pixels; a thicker dark band is part of the picture
# A name's ink, which tells a dark bar with a name in it from a gap (`_band_resumes`); the labels' cut
# (core.names.labels) reads names by the same facts.
BRIGHT = 165  # label text is white; over a plate it stays above this after compression
MIN_TEXT_PX = 6  # a line lower than this (in frame pixels) is noise, not a name
FAINT = 130  # a thin last stroke (the ㅣ of 기, 이, 미 at 12 px) fades under compression to ~140-150 on a plate


def _first_gap(band: np.ndarray, axis: int, bars: bool = False) -> int | None:
    """Index along the band of its first gap line, or None.

    A gap is a run of dark, flat lines of one grey level at most MAX_GAP_PX thick, or one
    reaching the band's end (the dark margin around a gallery); a thicker run inside the band is
    a dark shirt or wall. A camera-off tile beyond the gap is flat too, but of another grey. With
    `bars` (the search down from a face, towards its label), a thin run followed by a line of white
    text on its own grey is a dark bar with a name in it (`_band_resumes`), and the search goes on
    below the name; up from a face the bar at the foot of the tile above is beyond the gap.
    """
    means, stds = band.mean(axis=axis), band.std(axis=axis)
    flags = (means < GAP_MAX_MEAN) & (stds < GAP_MAX_STD)
    n, i = len(flags), 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        start, level, end, j = i, means[i], i + 1, i + 1
        while j < n and j - end <= 3:  # a noisy line or two does not split a dark band
            if flags[j] and abs(means[j] - level) <= GAP_LEVEL:
                end = j + 1
            elif flags[j]:
                break  # another flat grey: a new run (a camera-off tile after the gap)
            j += 1
        if end == n:
            return start
        if end - start <= MAX_GAP_PX:
            resumes = _band_resumes(band, axis, means, stds, flags, end, level) if bars else None
            if resumes is None:
                return start
            i = resumes  # a dark band with a name in it, not a gap: the gap may follow the band
            continue
        i = end
    return None


def _band_resumes(band: np.ndarray, axis: int, means: np.ndarray, stds: np.ndarray, flags: np.ndarray, end: int,
                  level: float) -> int | None:
    """Where the search goes on below a name when the dark run ending at `end` is the top of a bar with that name
    in it; None when the run is a gap.

    A name drawn on a dark band across the tile's foot (a full-width plate) splits the band into a
    dark, flat run above the text and one below it: the run above looks like a gap, but a gap is
    followed by the next tile, not by white text on the same dark grey (most of a text line is
    the band between letters: its median stays at the band's level) and then that grey again, or
    a gap (a name low on the bar, a descender reaching its foot). The band's rows are flat only as
    far as the picture behind them is (twice a gap's spread), hold no ink, and their grey follows
    the picture's, a few levels a row.
    """
    text_from, grey = None, level
    for j in range(end, min(len(means), end + 3 * MAX_GAP_PX)):
        line = band[j] if axis == 1 else band[:, j]
        if line.max() > BRIGHT and abs(float(np.median(line)) - grey) <= GAP_LEVEL:
            text_from = j if text_from is None else text_from
        elif means[j] >= GAP_MAX_MEAN:
            return None  # the next tile's picture
        elif text_from is None:
            if line.max() >= FAINT:
                continue  # the name's faint edge
            if abs(means[j] - grey) > GAP_LEVEL or stds[j] >= 2 * GAP_MAX_STD:
                return None  # no bar: the next tile
            grey = means[j]  # the bar's grey follows the picture behind it
        elif j - text_from >= MIN_TEXT_PX and line.max() < FAINT and (
                abs(means[j] - grey) <= GAP_LEVEL and stds[j] < 2 * GAP_MAX_STD or flags[j]):
            return j  # the bar again below the name, or the gap right after it
    return None


def find_tile(gray: np.ndarray, face: Box) -> Box:
    """The gallery tile holding `face`: bounded by the first dark, flat line on each side, else the frame."""
    fh, fw = gray.shape[:2]
    x, y, w, h = face
    cx0, cx1 = max(0, x), min(fw, x + w)
    cy0, cy1 = max(0, y), min(fh, y + h)
    if cx1 <= cx0 or cy1 <= cy0:
        return (0, 0, fw, fh)
    # a gap runs along the whole grid: look at three faces' span, which a dark shirt or wall does not fill
    sx0, sx1 = max(0, x - w), min(fw, x + 2 * w)
    sy0, sy1 = max(0, y - h), min(fh, y + 2 * h)
    below = _first_gap(gray[cy1:, sx0:sx1].astype(np.float32), axis=1, bars=True) if cy1 < fh else None
    above = _first_gap(gray[:cy0, sx0:sx1][::-1].astype(np.float32), axis=1) if cy0 > 0 else None
    right = _first_gap(gray[sy0:sy1, cx1:].astype(np.float32), axis=0) if cx1 < fw else None
    left = _first_gap(gray[sy0:sy1, :cx0][:, ::-1].astype(np.float32), axis=0) if cx0 > 0 else None
    top = cy0 - above if above is not None else 0
    bottom = cy1 + below if below is not None else fh
    lft = cx0 - left if left is not None else 0
    rgt = cx1 + right if right is not None else fw
    return (lft, top, rgt - lft, bottom - top)


def grid_tiles(tiles: list[Box], width: int, height: int) -> list[Box]:
    """Every tile of the gallery grid that `tiles` (found around faces) belong to, row by row.

    The pitch is the smallest step between distinct tile origins (a face-less column still has
    a pitch from its neighbours); an axis with one origin takes the other axis's gap; with one
    tile origin in all there is no grid to extend.
    """
    if not tiles:
        return []
    tw = int(np.median([t[2] for t in tiles]))
    th = int(np.median([t[3] for t in tiles]))
    if tw < 16 or th < 16 or tw > 0.9 * width and th > 0.9 * height:
        return []  # one camera filling the frame: no gallery

    def origins(starts: list[int], size: int) -> tuple[list[int], int]:
        uniq: list[int] = []
        for s in sorted(starts):
            if not uniq or s - uniq[-1] > size // 4:
                uniq.append(s)
        steps = [b - a for a, b in zip(uniq, uniq[1:]) if b - a >= size]
        return uniq, min(steps) if steps else 0

    def axis(uniq: list[int], pitch: int, size: int, extent: int) -> list[int]:
        if pitch < size:
            return uniq
        first = uniq[0] - pitch * (uniq[0] // pitch)
        return list(range(first, extent - size + 2, pitch))

    xs, px = origins([t[0] for t in tiles], tw)
    ys, py = origins([t[1] for t in tiles], th)
    # one row (column) of faces: the gaps between rows are those between columns
    px = px or (py - th + tw if py else 0)
    py = py or (px - tw + th if px else 0)
    xs, ys = axis(xs, px, tw, width), axis(ys, py, th, height)
    return [(x, y, tw, th) for y in ys for x in xs]


TILE_SHARE = 0.5  # a gallery's tile is at most half the frame (two cameras side by side); a bigger one is no gallery


def gallery_tile(gray: np.ndarray, face: Box) -> Box | None:
    """The gallery tile holding `face`, or None where the frame is no gallery (one camera filling it, so that
    `find_tile` finds the frame or most of it)."""
    tile = find_tile(gray, face)
    return tile if tile[2] * tile[3] <= TILE_SHARE * gray.shape[0] * gray.shape[1] else None
