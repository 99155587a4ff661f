"""The window's chat path waits for an author's name as `analyze` does: held until a face has it, then on that face."""

from __future__ import annotations

import numpy as np

from core.live.engine import LiveEngine
from core.recording.chat_log import ChatMessage, read_chat_csv

SAD = np.eye(7)[5]


def _message(engine: LiveEngine, author: str) -> ChatMessage:
    return ChatMessage(engine.now(), "2026-11-23T10:00:00+00:00", "슬퍼요", SAD, author_name=author)


def test_a_message_waits_for_its_authors_face_then_colours_it(factory, tmp_path) -> None:
    e = LiveEngine(factory)  # not started: the name worker's callback is called by hand
    session = e.start_session(tmp_path)
    e.add_message(_message(e, "20231457 김민준"))
    assert e.waiting_messages == 1 and e.text.at(e.now(), 1) is None
    e._tile_names_changed({1: "김민준"}, {1: "tile"}, {})
    assert e.waiting_messages == 0
    assert e.text.at(e.now(), 1) is not None and e.text.at(e.now(), 2) is None  # that student's face only
    e.stop_session()
    (row,) = read_chat_csv(session.chat_path)
    assert (row["author_id"], row["author_name"]) == ("1", "20231457 김민준")


def test_a_message_whose_author_never_shows_is_kept_without_a_face(factory, tmp_path) -> None:
    e = LiveEngine(factory)
    session = e.start_session(tmp_path)
    e.add_message(_message(e, "Andrew Knight"))
    e.stop_session()
    (row,) = read_chat_csv(session.chat_path)
    assert (row["author_id"], row["author_name"], row["similarity"]) == ("", "Andrew Knight", "")
    assert e.waiting_messages == 0


def test_a_messages_author_is_a_hint_for_the_tile_names(factory, monkeypatch) -> None:
    e = LiveEngine(factory)
    hints: list[list[str]] = []
    monkeypatch.setattr(e._name_worker, "add_hints", lambda names: hints.append(list(names)))
    e.add_message(_message(e, "20231457 김민준"))
    e.add_message(_message(e, ""))  # no author: nothing to spell
    assert hints == [["20231457 김민준"]]  # as `analyze --chat` gives the namer its authors
