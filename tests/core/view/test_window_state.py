import numpy as np

from core.live.events import ENDED, RECONNECTED, EngineEvent
from core.records import FaceResult, FrameResult
from core.view.face_panel import UNMEASURED
from core.view.listeners import Listeners
from core.view.window import WindowState

HAPPY, SAD = np.eye(7)[3], np.eye(7)[5]


def face(fid: int, size: int = 50, probs=HAPPY, name: str = "") -> FaceResult:
    return FaceResult(fid, (10 * fid, 0, size, size), 0.9, probs, name=name)


def listen(state: WindowState) -> list:
    heard = []
    for name in ("selected", "shown", "consent_due", "said", "source_changed", "recording_changed", "opened",
                 "attention_changed"):
        getattr(state, name).connect(lambda *args, name=name: heard.append((name, *args)))
    return heard


def test_listeners_are_called_in_order_with_the_arguments():
    calls = []
    listeners = Listeners()
    listeners.connect(lambda *a: calls.append(("first", a)))
    listeners.connect(lambda *a: calls.append(("second", a)))
    listeners.emit(1, "x")
    assert calls == [("first", (1, "x")), ("second", (1, "x"))]


def test_a_result_feeds_the_roster_picks_the_largest_face_and_is_shown():
    state = WindowState()
    heard = listen(state)
    result = FrameResult(0, 1.0, [face(1, 40), face(2, 80, SAD)])
    assert state.is_new(result)
    view = state.take_result(result, now=5.0)
    assert not state.is_new(result) and not state.is_new(None)
    assert state.selected_id == 2 and view.face_id == 2 and np.array_equal(view.probs, SAD)
    assert len(state.roster.students()) == 2
    names = [h[0] for h in heard]
    assert names == ["consent_due", "selected", "shown"]  # two faces: the notice is due, once
    assert heard[1][1] == 2 and heard[1][2] is state.roster.get(2)
    state.take_result(FrameResult(1, 1.2, [face(1, 40), face(2, 80, SAD)]), now=5.2)
    assert [h[0] for h in heard[3:]] == ["shown"]


def test_a_click_selects_and_the_selected_face_keeps_its_last_reading_when_gone():
    state = WindowState()
    state.take_result(FrameResult(0, 1.0, [face(1, 40), face(2, 80)]), now=1.0)
    heard = listen(state)
    assert state.select(1) and not state.select(1)
    assert heard == [("selected", 1, state.roster.get(1))]
    view = state.take_result(FrameResult(1, 1.5, []), now=1.5)
    assert state.selected_id == 1 and view.face_id is None  # nothing on screen: "No face", still selected


def test_chat_authors_are_the_selected_face_or_the_one_named():
    state = WindowState(names=lambda: {2: "박지우"})
    assert state.author(None).face_id is None
    state.take_result(FrameResult(0, 1.0, [face(1, 40), face(2, 80, SAD)]), now=1.0)
    author = state.author(None)
    assert author.face_id == 2 and author.name == "박지우" and np.array_equal(author.probs, SAD)
    assert state.author(7).probs is None and state.face_probs_now(1) is not None


def test_a_new_source_clears_selection_and_class_and_keeps_typed_names():
    state = WindowState()
    state.take_result(FrameResult(0, 1.0, [face(1)]), now=1.0)
    state.set_name(1, "김민준")
    heard = listen(state)
    state.source_opened("clip.mp4")
    assert state.selected_id is None and state.roster.students() == []
    assert heard == [("opened", "clip.mp4"), ("source_changed",)]
    assert state.roster.names == {1: "김민준"}


def test_engine_events_are_said_and_an_end_changes_the_source_status():
    state = WindowState()
    state.source_opened("clip.mp4")
    heard = listen(state)
    ended = EngineEvent("info", ENDED, {"name": "clip.mp4"})
    state.take_events([EngineEvent("info", RECONNECTED, {"source": "camera 0"}), ended])
    assert [h[0] for h in heard] == ["said", "said", "source_changed"] and heard[1][1] is ended
    assert state.status.ended


def test_recording_is_announced_only_when_it_changes(tmp_path):
    state = WindowState()
    heard = listen(state)
    state.set_recording(tmp_path / "s.csv")
    state.set_recording(tmp_path / "s.csv")
    state.set_recording(None)
    assert heard == [("recording_changed",), ("recording_changed",)] and state.status.recording is None


def test_attention_switched_on_reads_attention_and_brings_back_a_shown_notice():
    state = WindowState()
    state.take_result(FrameResult(0, 1.0, [face(1), face(2)]), now=1.0)
    heard = listen(state)
    state.set_attention(True)
    assert heard == [("attention_changed", True), ("consent_due",)]
    view = state.take_result(FrameResult(1, 1.2, [face(1), face(2)]), now=1.2)
    assert view.attention is not None and view.attention.state == UNMEASURED  # these faces carry no signals
