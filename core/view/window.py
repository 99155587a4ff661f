"""The window's state without Qt: fed by the engine's results and events, queried by the widgets, which it notifies.

As napari keeps its components apart from their Qt views: every decision the window makes about
what to show (which face, its bars, congruence and attention, rates, the consent notice, the
status) is made here; `gui/` only draws it and says it in the window's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np

from core.live.events import EngineEvent
from core.live.roster import ClassRoster
from core.records import FaceResult, FrameResult
from core.view.consent import Consent
from core.view.face_panel import FaceView, face_view
from core.view.listeners import Listeners
from core.view.rates import Rates
from core.view.selection import Selection
from core.view.status_line import StatusLine
from core.workflow.chat_worker import Author


class WindowState:
    """Selection, the class roster, the selected face's readings, rates, consent and status, with their listeners.

    Listeners (all called on the window's thread):
    `selected(face_id, student)`: the selection changed (student: the roster's, None if not known yet);
    `shown(result, view)`: a new result, with the selected face's `FaceView`;
    `consent_due()`: the notice about watching a class should be shown now;
    `attention_changed(on)`: attention signals switched; `opened(label)`: a new source;
    `said(event)`: an engine event to say; `source_changed()`, `recording_changed()`: the status changed.
    """

    def __init__(self, names: Callable[[], Mapping[int, str]] = dict) -> None:
        self._names = names  # the engine's: typed and read off tiles
        self.roster = ClassRoster()
        self.selection = Selection()
        self.rates = Rates()
        self.consent = Consent()
        self.status = StatusLine()
        self.attention = False
        self.latest_faces: dict[int, FaceResult] = {}  # the newest result's faces, by id
        self.last_index = -1  # the newest result's index, -1 before any
        self.view: FaceView | None = None
        self.selected, self.shown, self.consent_due = Listeners(), Listeners(), Listeners()
        self.attention_changed, self.opened = Listeners(), Listeners()
        self.said, self.source_changed, self.recording_changed = Listeners(), Listeners(), Listeners()

    @property
    def selected_id(self) -> int | None:
        """The selected face's id."""
        return self.selection.face_id

    def is_new(self, result: FrameResult | None) -> bool:
        """Whether `result` has not been shown yet."""
        return result is not None and result.index != self.last_index

    def take_result(self, result: FrameResult, now: float) -> FaceView:
        """Show one new result (time.monotonic() `now`): the roster, the consent notice, auto-pick, the readings."""
        self.last_index = result.index
        self.latest_faces = faces = {f.face_id: f for f in result.faces}
        self.roster.update(result)
        if self.consent.faces_seen(len(faces)):
            self.consent_due.emit()
        if self.selection.follow(faces):
            self._selection_changed()
        face = faces.get(self.selection.face_id) if self.selection.face_id is not None else None
        self.view = face_view(result, face, self.attention)
        self.rates.result_shown(now, result.captured_at)
        self.shown.emit(result, self.view)
        return self.view

    def select(self, face_id: int) -> bool:
        """Follow this face (a click); True if the selection changed."""
        if not self.selection.pick(face_id):
            return False
        self._selection_changed()
        return True

    def _selection_changed(self) -> None:
        self.selected.emit(self.selection.face_id, self.roster.get(self.selection.face_id))

    def set_name(self, face_id: int, name: str) -> None:
        """The teacher named a face (empty: unnamed)."""
        self.roster.set_name(face_id, name)

    def set_attention(self, on: bool) -> None:
        """Attention signals on or off; the consent notice is due again when they add to what is kept."""
        self.attention = bool(on)
        self.attention_changed.emit(self.attention)
        if self.consent.set_attention(on):
            self.consent_due.emit()

    def source_opened(self, label: str) -> None:
        """A new source: nothing selected, nobody in the class yet (names typed for ids are kept)."""
        self.selection.clear()
        self.roster.clear()
        self.status.source_opened(label)
        self.opened.emit(label)
        self.source_changed.emit()

    def take_events(self, events: Iterable[EngineEvent]) -> None:
        """The engine's events since the last tick, in order."""
        for event in events:
            self.status.take(event)
            self.said.emit(event)
            if event.ended:
                self.source_changed.emit()

    def set_recording(self, csv_path: Path | None) -> None:
        """A session started (its CSV) or stopped (None)."""
        if csv_path != self.status.recording:
            self.status.recording = csv_path
            self.recording_changed.emit()

    def face_probs_now(self, face_id: int) -> np.ndarray | None:
        """This face's emotion in the newest result shown, None when it is not in it."""
        face = self.latest_faces.get(face_id)
        return None if face is None else face.probs

    def author(self, face_id: int | None) -> Author:
        """A chat message's author (None: the selected face) with their face's emotion now."""
        face_id = self.selection.face_id if face_id is None else face_id
        if face_id is None:
            return Author(None)
        return Author(face_id, self._names().get(face_id, ""), self.face_probs_now(face_id))
