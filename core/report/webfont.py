"""The page's font: the bundled Korean font cut down to the characters a page uses, as an embedded @font-face.

The whole font is 4.7 MB; a page with 45 names and a few hundred messages needs a few hundred
glyphs (tens of kB). NanumGothic is a Reserved Font Name under its licence (SIL OFL 1.1), so the
subset, a modified version, carries another name.
"""

from __future__ import annotations

import base64
import functools
import io
import logging

from core.resources import korean_font_path

PAGE_FONT_FAMILY = "EmoSync Hangul"


@functools.cache
def _font_bytes() -> bytes:
    return korean_font_path().read_bytes()


def font_subset(text: str) -> bytes:
    """A WOFF font holding the glyphs of `text` (and printable ASCII), renamed to PAGE_FONT_FAMILY."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # it lists the tables it drops, at WARNING
    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    font = TTFont(io.BytesIO(_font_bytes()))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text) | {chr(c) for c in range(32, 127)})))
    subsetter.subset(font)
    names = font["name"]
    for name_id, value in ((1, PAGE_FONT_FAMILY), (3, f"{PAGE_FONT_FAMILY} subset"), (4, PAGE_FONT_FAMILY),
                           (6, PAGE_FONT_FAMILY.replace(" ", "-"))):
        names.removeNames(nameID=name_id)  # every platform and language, the Korean "나눔고딕" too
        names.setName(value, name_id, 3, 1, 0x409)
    for name_id in (16, 17, 21, 22):  # typographic family names, if any
        names.removeNames(nameID=name_id)
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def font_face_css(text: str) -> str:
    """An @font-face rule embedding the subset for `text` as base64."""
    data = base64.b64encode(font_subset(text)).decode("ascii")
    return (f"@font-face{{font-family:'{PAGE_FONT_FAMILY}';font-style:normal;font-weight:400;"
            f"src:url(data:font/woff;base64,{data}) format('woff');}}")
