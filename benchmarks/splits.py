"""The fixed split of the name benchmarks: what tuning may look at, and what only the final report sees.

Held out entirely: the Meet style (text on a darkened band) and the UnDotum and NanumBarunGothic
fonts, and every seed from 100 on. Tuning uses the Zoom and Teams styles, NanumGothic and
Noto Sans CJK KR, seeds below 100. Names come from `name_gen` by seed, so held-out names are new.
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


TUNING = Split("tuning", ("zoom", "teams"), ("nanum", "noto"), (1, 2, 3, 4))
HELD_OUT = Split("held-out", ("zoom", "teams", "meet"), ("undotum", "barun", "noto"), (101, 102, 103, 104, 105, 106))
