"""The names stage of a run: the participants list it matches to, the OCR reader, one `NameTrack` per run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.workflow.errors import BadInput
from core.workflow.options import AnalysisOptions

if TYPE_CHECKING:
    from core.names.name_track import NameTrack
    from core.names.ocr import LabelReader

Warn = Callable[[str], None]


def read_participants_list(path: str | Path | None, warn: Warn | None = None) -> tuple[str, ...]:
    """The participants named in a file (Zoom's report or one name a line); () without a file; BadInput when unusable.

    `warn` hears the encoding it was read in when that is not UTF-8 (a CP949 list from Korean Excel).
    """
    if not path:
        return ()
    from core.names.participants import ParticipantsError, read_participants

    notes: list[str] = []
    try:
        names = tuple(read_participants(path, notes))
    except ParticipantsError as e:
        raise BadInput(str(e)) from None
    for note in notes:
        if warn is not None:
            warn(note)
    return names


def open_reader(options: AnalysisOptions, warn: Warn) -> LabelReader | None:
    """The label reader when names are wanted; None with one warning when OCR cannot start, or when they are off."""
    if not options.names:
        return None
    from core.names.ocr import create_reader

    reader, why = create_reader()
    if reader is None:
        warn(str(why))
    return reader


def name_track(options: AnalysisOptions, reader: LabelReader | None) -> NameTrack | None:
    """A fresh names stage for one run (or chunk) on a loaded reader; None when names are off or unreadable."""
    if reader is None or not options.names:
        return None
    from core.names.name_track import NameTrack

    return NameTrack(reader, options.participants)
