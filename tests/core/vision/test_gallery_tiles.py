from __future__ import annotations

import numpy as np

from core.vision.gallery_tiles import find_tile, gallery_tile, grid_tiles


def test_one_camera_filling_the_frame_is_no_grid() -> None:
    assert grid_tiles([(0, 0, 640, 480)], 640, 480) == []


def test_the_bar_at_the_foot_of_the_tile_above_is_beyond_the_gap() -> None:
    """Up from a face, the gap comes first; a bar of nearly the gap's grey with a name in it above that gap is
    the tile above's, and the face's tile still starts below the gap."""
    frame = np.full((440, 420), 24, np.uint8)
    upper, lower = (3, 3, 378, 210), (3, 216, 378, 210)
    for x, y, w, h in (upper, lower):
        frame[y : y + h, x : x + w] = np.linspace(120, 160, w, dtype=np.uint8)[None, :]
    x, y, w, h = upper
    frame[y + h - 12 : y + h, x : x + w] = 30  # the upper tile's bar, below its name ...
    frame[y + h - 26 : y + h - 12, x : x + w] = 30
    frame[y + h - 24 : y + h - 12, x + 140 : x + 149] = 240  # ... the name, within the face's span
    frame[y + h - 40 : y + h - 26, x : x + w] = 30  # ... and above it
    face = (lower[0] + 134, lower[1] + 40, 110, 110)
    frame[face[1] : face[1] + 110, face[0] : face[0] + 110] = 90
    assert find_tile(frame, face)[1] == lower[1]


def test_a_bar_whose_grey_follows_the_picture_and_a_name_low_on_it_is_part_of_the_tile() -> None:
    """The bar darkens the picture behind it, so its grey drifts a level a row; the name sits so low on it that
    the gap follows the name at once (a descender at its foot)."""
    frame = np.full((250, 420), 24, np.uint8)
    x, y, w, h = tile = (3, 3, 378, 210)
    frame[y : y + h, x : x + w] = np.linspace(120, 160, w, dtype=np.uint8)[None, :]
    ripple = np.sin(np.arange(w) * 0.7)[None, :]  # the picture behind the bar: flat as a gap near its top only
    grey = np.linspace(32, 46, 40)[:, None] + np.where(np.arange(40) < 8, 9.0, 13.0)[:, None] * ripple
    frame[y + h - 40 : y + h, x : x + w] = np.clip(grey, 0, 255).astype(np.uint8)  # the bar
    frame[y + h - 14 : y + h, x + 140 : x + 149] = 240  # the name, down to the bar's last row
    frame[y + h - 14 : y + h, x + 152 : x + 158] = 240
    face = (x + 134, y + 40, 110, 110)
    frame[43:153, 137:247] = 90
    assert find_tile(frame, face) == tile


def _gallery(cols: int = 3, rows: int = 3, w: int = 300, h: int = 200, gap: int = 6) -> np.ndarray:
    """A grey gallery frame: tiles of a smooth picture between dark, flat gaps."""
    frame = np.full((rows * (h + gap) + gap, cols * (w + gap) + gap), 24, np.uint8)
    for r in range(rows):
        for c in range(cols):
            x, y = gap + c * (w + gap), gap + r * (h + gap)
            frame[y : y + h, x : x + w] = np.linspace(110, 170, w, dtype=np.uint8)[None, :]
    return frame


def test_a_face_in_a_gallery_has_its_tile():
    frame = _gallery()
    face = (306 + 100, 206 + 50, 80, 90)  # in the middle tile
    assert gallery_tile(frame, face) == (312, 212, 300, 200)


def test_one_camera_filling_the_frame_has_no_gallery_tile():
    frame = np.tile(np.linspace(90, 170, 640, dtype=np.uint8)[None, :], (480, 1))
    assert gallery_tile(frame, (280, 180, 120, 140)) is None
