"""The fixed split of the name benchmarks: what tuning may look at, and what only the final report sees.

Held out entirely: the Meet style (text on a darkened band) and the UnDotum and NanumBarunGothic
fonts, and every seed from 100 on. Tuning uses the Zoom and Teams styles, NanumGothic and
Noto Sans CJK KR, seeds below 100, and (single labels only, from session 19) the bar style, a
dark bar across the tile's foot with an icon after the name. Names come from `name_gen` by seed,
so held-out names are new.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    """Styles, fonts and seeds of one side of the split."""

    name: str
    styles: tuple[str, ...]
    fonts: tuple[str, ...]
    seeds: tuple[int, ...]


TUNING = Split("tuning", ("zoom", "teams", "bar"), ("nanum", "noto"), (1, 2, 3, 4, 11, 12, 13, 14))
HELD_OUT = Split("held-out", ("zoom", "teams", "meet"), ("undotum", "barun", "noto"), (101, 102, 103, 104, 105, 106))


@dataclass(frozen=True)
class GallerySpec:
    """One generated gallery of the video benchmark."""

    style: str
    font: str
    cols: int
    rows: int
    faces: int
    face_px: int
    label_px: int
    height: int  # 1080 or 720 (16:9)
    jpeg: int  # 0: MPEG-4 only; else each frame through JPEG at this quality first
    seed: int

    @property
    def width(self) -> int:
        """The frame's width (16:9)."""
        return self.height * 16 // 9

    def label(self) -> str:
        """A short description for a table row."""
        comp = f"JPEG {self.jpeg} + MPEG-4" if self.jpeg else "MPEG-4"
        return (f"{self.cols}x{self.rows}, {self.faces} on camera, {self.height}p, {self.style}, {self.font}, "
                f"labels {self.label_px} px, {comp}, seed {self.seed}")


TUNING_GALLERIES = (
    GallerySpec("zoom", "nanum", 5, 5, 21, 120, 14, 1080, 0, 1),
    GallerySpec("teams", "noto", 5, 5, 21, 110, 16, 1080, 70, 2),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 12, 1080, 0, 3),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 13, 1080, 75, 4),
    # added in session 16 (new names, the other font of each style, 720p), to find what the first four hid
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 12, 1080, 0, 11),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 13, 1080, 75, 12),
    GallerySpec("zoom", "noto", 5, 5, 21, 110, 14, 1080, 0, 13),
    GallerySpec("teams", "nanum", 5, 5, 21, 75, 13, 720, 0, 14),
)
HELD_OUT_GALLERIES = (
    GallerySpec("meet", "undotum", 5, 5, 21, 115, 15, 1080, 0, 101),
    GallerySpec("meet", "noto", 7, 7, 45, 80, 13, 1080, 70, 102),
    GallerySpec("zoom", "undotum", 7, 7, 45, 80, 12, 1080, 0, 103),
    GallerySpec("zoom", "barun", 5, 5, 21, 75, 13, 720, 0, 104),
    GallerySpec("teams", "undotum", 5, 5, 21, 115, 18, 1080, 0, 105),
    GallerySpec("teams", "barun", 7, 7, 45, 80, 14, 1080, 75, 106),
)

# Tuning-side galleries for ids over longer clips (`bench_ids`): the tuning styles and fonts, seeds below 100,
# no names read. Sessions 20-24 added them one batch at a time (93-99 last), each run after the fixes the batch
# before it showed.
TUNING_SIDE_GALLERIES = (
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 75, 31),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 13, 1080, 70, 32),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 75, 33),
    GallerySpec("zoom", "nanum", 5, 5, 21, 75, 13, 720, 0, 34),
    GallerySpec("teams", "noto", 5, 5, 21, 115, 18, 1080, 0, 35),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 12, 1080, 75, 36),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 75, 41),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 13, 1080, 70, 42),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 70, 43),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 13, 1080, 75, 44),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 13, 1080, 0, 45),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 14, 1080, 70, 46),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 14, 1080, 70, 51),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 12, 1080, 75, 52),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 13, 1080, 0, 53),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 70, 54),
    GallerySpec("zoom", "noto", 5, 5, 21, 75, 13, 720, 70, 55),
    GallerySpec("teams", "nanum", 5, 5, 21, 115, 16, 1080, 0, 56),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 13, 1080, 75, 57),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 13, 1080, 70, 58),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 75, 61),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 13, 1080, 70, 62),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 13, 1080, 70, 63),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 12, 1080, 75, 64),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 75, 65),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 12, 1080, 0, 66),
    GallerySpec("teams", "noto", 5, 5, 21, 110, 15, 1080, 70, 67),
    GallerySpec("zoom", "nanum", 5, 5, 21, 75, 13, 720, 75, 68),
    GallerySpec("zoom", "noto", 7, 7, 45, 52, 11, 720, 70, 71),
    GallerySpec("teams", "nanum", 7, 7, 45, 52, 12, 720, 0, 72),
    GallerySpec("teams", "noto", 7, 7, 45, 52, 12, 720, 75, 73),
    GallerySpec("zoom", "nanum", 7, 7, 45, 52, 11, 720, 0, 74),
    GallerySpec("teams", "nanum", 5, 5, 21, 75, 13, 720, 70, 75),
    GallerySpec("zoom", "noto", 7, 7, 45, 52, 12, 720, 75, 76),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 13, 1080, 70, 77),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 70, 78),
    GallerySpec("zoom", "nanum", 5, 5, 21, 120, 14, 1080, 70, 79),
    GallerySpec("teams", "noto", 7, 7, 45, 52, 12, 720, 70, 80),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 12, 1080, 75, 81),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 13, 1080, 0, 82),
    GallerySpec("zoom", "nanum", 7, 7, 45, 52, 11, 720, 75, 83),
    GallerySpec("teams", "noto", 5, 5, 21, 110, 16, 1080, 75, 84),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 75, 85),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 75, 86),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 13, 1080, 75, 87),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 13, 1080, 70, 88),
    GallerySpec("zoom", "nanum", 5, 5, 21, 110, 15, 1080, 75, 89),
    GallerySpec("teams", "noto", 7, 7, 45, 52, 12, 720, 75, 90),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 0, 91),
    GallerySpec("zoom", "noto", 7, 7, 45, 80, 14, 1080, 70, 92),
    # session 24: the last seeds below 100, mostly Teams 7x7 at 1080p like the held-out gallery that splits over 60 s
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 75, 93),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 70, 94),
    GallerySpec("zoom", "nanum", 7, 7, 45, 80, 13, 1080, 75, 95),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 13, 1080, 75, 96),
    GallerySpec("teams", "noto", 7, 7, 45, 80, 14, 1080, 0, 97),
    GallerySpec("zoom", "noto", 5, 5, 21, 115, 15, 1080, 75, 98),
    GallerySpec("teams", "nanum", 7, 7, 45, 80, 14, 1080, 70, 99),
)
