"""The sidecar's input, models and options as sentences in the page's language, not as `key: value` pairs.

Each known key has its own sentence (English text, translated by `Strings`); a key this module does not
know is left out of the sentence rather than shown raw: the sidecar itself keeps it.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from core.report.strings import Strings

ENGLISH = Strings("en")


def size_text(n: float) -> str:
    """A file size: '812.3 MB' or '44 kB'."""
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def input_text(value: dict[str, object], t: Strings = ENGLISH) -> str:
    """The analysed file: 'lecture.mp4 (812.3 MB, modified 2025-03-01 09:00:00)'."""
    path = str(value.get("path") or "")
    name = Path(path).name or t("unknown")
    size, mtime = _number(value.get("size")), _number(value.get("mtime"))
    if size is not None and mtime is not None:
        return t("{name} ({size}, modified {when})", name=name, size=size_text(size),
                 when=t.date_time(datetime.fromtimestamp(mtime).astimezone()))
    if size is not None:
        return t("{name} ({size})", name=name, size=size_text(size))
    return name


_SOURCE = re.compile(r"(camera|screen) (\S+)( \(region\))?", re.IGNORECASE)


def source_text(value: str, t: Strings = ENGLISH) -> str:
    """What the live window watched: 'camera 0' / '카메라 0', 'screen 1 (region)'; a file's path as it is."""
    m = _SOURCE.fullmatch(value.strip())
    if not m:
        return value
    kind = m.group(1).lower()
    text = t("camera {n}", n=m.group(2)) if kind == "camera" else t("screen {n}", n=m.group(2))
    return text + (t(" (a region)") if m.group(3) else "")


def models_text(value: dict[str, object], t: Strings = ENGLISH) -> str:
    """Which models made the rows, by their content digests."""
    parts = []
    if value.get("emotion_cnn"):
        parts.append(t("face emotion model {digest}", digest=value["emotion_cnn"]))
    if value.get("text_model"):
        parts.append(t("text emotion model {digest}", digest=value["text_model"]))
    return ", ".join(parts)


def options_text(value: dict[str, object], t: Strings = ENGLISH) -> str:
    """The analysis options in words: 'every frame; full-frame face search every 10 frames; ...'."""
    parts = []
    every = _number(value.get("every"))
    if every is not None:
        parts.append(t("every frame analysed") if every <= 1 else t("one frame in {n} analysed", n=f"{every:.0f}"))
    full = _number(value.get("full_every"))
    if full is not None:
        parts.append(t("faces searched in the whole frame every frame") if full <= 1 else
                     t("faces searched in the whole frame every {n} frames", n=f"{full:.0f}"))
    smooth = _number(value.get("smooth"))
    if smooth is not None:
        parts.append(t("no smoothing") if smooth <= 0 else t("smoothed with a {s} s half-life", s=f"{smooth:g}"))
    if value.get("views"):
        parts.append(t("ten views of each face averaged"))
    if "attention" in value:
        parts.append(t("attention signals recorded") if value["attention"] else t("no attention signals"))
    minutes = _number(value.get("split_minutes"))
    if minutes is not None:
        parts.append(t("analysed in {m}-minute chunks", m=f"{minutes:g}"))
    if value.get("chat"):
        parts.append(t("chat from {name}", name=Path(str(value["chat"])).name))
        half = _number(value.get("half_life"))
        if half is not None:
            parts.append(t("a message's emotion fades with a {s} s half-life", s=f"{half:g}"))
    if value.get("chat_start"):
        parts.append(t("recording started at {clock}", clock=value["chat_start"]))
    if value.get("participants"):
        parts.append(t("names matched to {name}", name=Path(str(value["participants"])).name))
    if value.get("names") is False:
        parts.append(t("names not read from the tiles"))
    return "; ".join(parts)


SENTENCES = {"input": input_text, "models": models_text, "options": options_text}
