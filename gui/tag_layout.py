"""Where each face's tag goes so that no two tags overlap: a gallery's names stay readable on a small video.

Tags are placed one face at a time (the selected face first, then top to bottom, left to right). Each tries,
in order, its full text ('who' / 'emotion NN%'), then the name alone, then the name cut with '…' to its
box's width (names first: the emotion is in the class panel too); each at the places above its box, inside
its top, below it, shifted sideways to stay in the picture. The first place that meets no tag already
placed wins; a face with no free place keeps its box and has no tag, rather than a tag over another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
GAP = 1.0  # pixels kept between two tags, so their colours do not run together


@dataclass(frozen=True)
class PlacedTag:
    """A tag to paint: its rectangle (x0, y0, x1, y1 in widget pixels), point size and lines."""

    rect: Rect
    size: int
    lines: tuple[str, ...]


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


def _places(box: Rect, w: float, h: float, picture: Rect) -> list[Rect]:
    """Above the box, inside its top, below it; left-aligned with it, else moved to stay in the picture."""
    x = min(max(box[0], picture[0]), picture[2] - w)
    out = []
    for y in (box[1] - h, box[1], box[3]):
        if y >= picture[1] and y + h <= picture[3] and x >= picture[0]:
            out.append((x, y, x + w, y + h))
    return out


def layout_tags(faces: Sequence[tuple[Rect, str, str]], picture: Rect,
                fit: Callable[[str, str, float], tuple[int, list[str]]], advance: Callable[[int, str], float], line_height: Callable[[int], float],
                elide: Callable[[int, str, float], str], first: int | None = None) -> list[PlacedTag | None]:
    """A tag per face (box, who, emotion) in `faces`' order, None where none fits; `first` is placed first.

    `fit(who, emotion, box_width)` gives the tag's point size and lines (see video_view.fit_tag);
    `advance(size, text)` and `line_height(size)` measure, `elide(size, text, width)` cuts a text to a width."""
    order = sorted(range(len(faces)), key=lambda i: (i != first, faces[i][0][1], faces[i][0][0]))
    placed: list[Rect] = []
    out: list[PlacedTag | None] = [None] * len(faces)
    for i in order:
        box, who, emotion = faces[i]
        size, lines = fit(who, emotion, box[2] - box[0])
        variants = [(size, tuple(lines))]
        if len(lines) > 1 or emotion in lines[0]:
            variants.append((size, (who,)))
        short = elide(size, who, max(box[2] - box[0], 24.0) - 6)
        if short and short != who:
            variants.append((size, (short,)))
        for vsize, vlines in variants:
            w = max(advance(vsize, line) for line in vlines) + 6
            h = line_height(vsize) * len(vlines) + 2
            spot = next((r for r in _places(box, w, h, picture) if not any(_overlaps(r, q) for q in placed)), None)
            if spot is not None:
                placed.append(spot)
                out[i] = PlacedTag(spot, vsize, vlines)
                break
    return out
