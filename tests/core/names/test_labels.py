from __future__ import annotations

import cv2
import numpy as np

from core.names.labels import face_label, off_camera_label
from core.names.names import clean_reading
from core.names.ocr import LabelReader
from core.vision.gallery_tiles import find_tile, grid_tiles


def test_a_faces_tile_is_bounded_by_the_gallerys_gaps(gallery) -> None:
    gray = cv2.cvtColor(gallery.frame(), cv2.COLOR_BGR2GRAY)
    for i, box in gallery.faces.items():
        tile = find_tile(gray, box)
        assert np.abs(np.subtract(tile, gallery.tiles[i])).max() <= 2


def test_the_grid_is_rebuilt_from_a_few_faces_tiles(gallery) -> None:
    found = [gallery.tiles[i] for i in (0, 2, 3)]  # the second column's face is missing
    grid = grid_tiles(found, 1920, 1080)
    assert len(grid) == 25
    for true in gallery.tiles:
        assert min(np.abs(np.subtract(g, true)).max() for g in grid) <= 2


def test_labels_under_faces_and_on_camera_off_tiles_are_cut_and_read(gallery) -> None:
    gray = cv2.cvtColor(gallery.frame(off={3}), cv2.COLOR_BGR2GRAY)
    reader = LabelReader()
    for i in (0, 1, 2):
        cut = face_label(gray, gallery.faces[i])
        assert cut is not None
        x, y, w, h = cut.box
        tx, ty, tw, th = gallery.tiles[i]
        assert tx <= x < tx + tw // 2 and ty + th * 3 // 4 <= y < ty + th  # the tile's bottom left
        assert clean_reading(reader.read(cut.line).text) == gallery.names[i]
    cut = off_camera_label(gray, gallery.tiles[3])
    assert cut is not None and clean_reading(reader.read(cut.line).text) == gallery.names[3]
    assert off_camera_label(gray, gallery.tiles[10]) is None  # an empty tile has no text
    reader.close()


def test_a_faint_last_stroke_on_a_plate_stays_in_the_cut() -> None:
    """The ㅣ of 기 at 12 px fades under compression to ~145 on Zoom's plate: the cut must still hold it."""
    from core.names.labels import cut_line

    frame = np.full((60, 120), 120, np.uint8)
    frame[30:54, 4:44] = 40  # the plate
    frame[35:49, 9:18] = 240  # strong ink: a syllable
    frame[35:49, 21:27] = 240
    frame[35:49, 30] = 145  # the faint vertical stroke
    cut = cut_line(frame, (0, 0, 120, 60))
    assert cut is not None and cut.box[0] + cut.box[2] > 30


def test_faint_ink_on_a_dark_picture_does_not_widen_the_cut() -> None:
    """Plate-less text (Teams) over a dark, busy picture: grey specks next to the name are not its last stroke."""
    from core.names.labels import cut_line

    rng = np.random.default_rng(0)
    frame = np.full((60, 120), 120, np.uint8)
    frame[30:54, 4:44] = rng.integers(0, 100, (24, 40)).astype(np.uint8)  # a dark picture, not flat
    frame[35:49, 9:18] = 240
    frame[35:49, 21:27] = 240
    frame[35:49, 30] = 145
    cut = cut_line(frame, (0, 0, 120, 60))
    assert cut is not None and cut.box[0] + cut.box[2] <= 30


def _banded_tile(with_name: bool = True) -> tuple[np.ndarray, tuple[int, int, int, int], tuple[int, int, int, int]]:
    """A 5x5-gallery-sized tile (gaps of 24) whose foot is a dark band across its width, 14 rows of it above the
    name (as thin as a gap) and 16 below."""
    frame = np.full((250, 420), 24, np.uint8)
    tile = (3, 3, 378, 210)
    x, y, w, h = tile
    frame[y : y + h, x : x + w] = np.linspace(120, 160, w, dtype=np.uint8)[None, :]  # a smooth picture
    if with_name:
        frame[y + h - 44 : y + h, x : x + w] = 40  # the band: dark and flat, as a gap is
        frame[y + h - 30 : y + h - 16, x + 12 : x + 21] = 240  # the name's strokes in the band
        frame[y + h - 30 : y + h - 16, x + 24 : x + 30] = 240
    else:
        frame[y + h - 14 : y + h, x : x + w] = 40
    face = (x + 134, y + 40, 110, 110)
    frame[43:153, 137:247] = 90
    return frame, tile, face


def test_a_dark_band_with_a_name_in_it_is_part_of_the_tile_not_a_gap() -> None:
    frame, (x, y, w, h), face = _banded_tile()
    found = find_tile(frame, face)
    assert found[:3] == (x, y, w) and found[3] >= h - 16  # to the band's part below the name at least
    cut = face_label(frame, face, found)
    assert cut is not None
    assert cut.box[1] <= y + h - 30 and cut.box[1] + cut.box[3] >= y + h - 16  # the whole line


def test_a_thin_dark_run_followed_by_no_name_is_a_gap() -> None:
    frame, (x, y, w, h), face = _banded_tile(with_name=False)
    assert find_tile(frame, face) == (x, y, w, h - 14)


def test_a_line_the_region_cuts_through_is_not_cut() -> None:
    """A name whose top lies above the frame's label region (read when the tile's gave nothing: a tile found too
    short) would read as the letters below the cut (`eo-yeon` for CHO Seo-yeon): better no line than that one."""
    from core.names.labels import cut_line

    frame = np.full((60, 120), 120, np.uint8)
    frame[20:50, 4:60] = 40
    frame[25:41, 9:18] = 240
    frame[25:41, 21:27] = 240
    assert cut_line(frame, (0, 10, 120, 50), whole=True) is not None  # the whole line inside the region
    assert cut_line(frame, (0, 30, 120, 30), whole=True) is None  # its top third above the region
    assert cut_line(frame, (0, 30, 120, 30)) is not None  # as the tile's own label region cuts it
