"""The engine's status messages (core, plain English) in the window's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    # Built per call: the translations in force are the ones installed now.
    return [
        (re.compile(r"^end of video: (?P<name>.+)$"),
         QCoreApplication.translate("EngineMessages", "end of video: {name}")),
        (re.compile(r"^photo: (?P<name>.+)$"),
         QCoreApplication.translate("EngineMessages", "photo: {name}")),
        (re.compile(r"^(?P<source>.+) reconnected$"),
         QCoreApplication.translate("EngineMessages", "{source} reconnected")),
        (re.compile(r"^(?P<source>.+) stopped delivering frames; trying to reconnect$"),
         QCoreApplication.translate("EngineMessages", "{source} stopped delivering frames; trying to reconnect")),
        (re.compile(r"^cannot load the models: (?P<reason>.+)$"),
         QCoreApplication.translate("EngineMessages", "cannot load the models: {reason}")),
        (re.compile(r"^analysis failed on a frame: (?P<reason>.+)$"),
         QCoreApplication.translate("EngineMessages", "analysis failed on a frame: {reason}")),
        (re.compile(r"^recording stopped: cannot write (?P<path>.+?): (?P<reason>[^;]+)(?:; the rows so far are in "
                    r"(?P<kept>.+))?$"),
         QCoreApplication.translate("EngineMessages", "recording stopped: cannot write {path}: {reason}; "
                                                      "the rows so far are in {kept}")),
    ]


def window_text(text: str) -> str:
    """`text` from the engine as the window says it (unchanged when it is not one the window knows)."""
    for pattern, template in _patterns():
        m = pattern.match(text)
        if m:
            return template.format(**m.groupdict())
    return text


def ended(text: str) -> bool:
    """Whether the message says the open video has ended."""
    return text.startswith("end of video: ")
