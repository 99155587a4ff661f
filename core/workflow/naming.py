"""The names stage of a run: the participants list it matches to, the OCR reader, one `NameTrack` per run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.workflow.errors import BadInput
from core.workflow.options import AnalysisOptions

if TYPE_CHECKING:
    from core.conference.name_track import NameTrack
    from core.conference.ocr import LabelReader

Warn = Callable[[str], None]


def read_participants_list(path: str | Path | None) -> tuple[str, ...]:
    """The participants named in a file (Zoom's report or one name a line); () without a file; BadInput when unusable."""
    if not path:
        return ()
    from core.conference.participants import ParticipantsError, read_participants

    try:
        return tuple(read_participants(path))
    except ParticipantsError as e:
        raise BadInput(str(e)) from None


def open_reader(options: AnalysisOptions, warn: Warn) -> LabelReader | None:
    """The label reader when names are wanted; None with one warning when OCR cannot start, or when they are off."""
    if not options.names:
        return None
    from core.conference.ocr import create_reader

    reader, why = create_reader()
    if reader is None:
        warn(str(why))
    return reader


def name_track(options: AnalysisOptions, reader: LabelReader | None) -> NameTrack | None:
    """A fresh names stage for one run (or chunk) on a loaded reader; None when names are off or unreadable."""
    if reader is None or not options.names:
        return None
    from core.conference.name_track import NameTrack

    return NameTrack(reader, options.participants)
