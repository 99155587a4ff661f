"""A live session whose disk refuses a write: the recording ends with one error, the inference thread goes on."""

import errno
import os

import numpy as np

from core.live.engine import LiveEngine
from core.recording.atomic_file import partial_path
from core.recording.chat_log import ChatMessage
from tests.core.recording.test_atomic_file import failing_write


def test_a_full_disk_ends_the_recording_with_one_error(factory, tmp_path, monkeypatch):
    engine = LiveEngine(factory)  # not started: the test calls what the threads call
    session = engine.start_session(tmp_path)
    engine.add_message(ChatMessage(engine.now(), "", "안녕하세요", np.eye(7)[3]))
    session.flush()
    failing_write(monkeypatch, after_bytes=0, code=errno.ENOSPC)
    engine.add_message(ChatMessage(engine.now(), "", "두 번째", np.eye(7)[3]))
    monkeypatch.undo()
    assert engine.session is None and session.closed
    events = engine.events()
    assert len(events) == 1 and events[0].kind == "error"
    assert events[0].text.startswith("recording stopped: cannot write ") and "No space left" in events[0].text
    assert str(partial_path(session.csv_path)) in events[0].text
    assert not session.csv_path.exists() and partial_path(session.csv_path).exists()
    assert partial_path(session.chat_path).read_bytes().endswith(b"\r\n")  # whole lines only
    assert engine._write_safely(session, session.flush) is None and engine.events() == []  # said once


def test_an_ordinary_session_still_completes(factory, tmp_path):
    engine = LiveEngine(factory)
    session = engine.start_session(tmp_path)
    engine.stop_session()
    assert session.csv_path.exists() and not partial_path(session.csv_path).exists()
    assert os.path.exists(session.sidecar_path)


def test_the_window_says_it_in_its_language(qapp):
    from gui.engine_messages import window_text

    from core.live.events import RECORDING_STOPPED, EngineEvent

    event = EngineEvent("error", RECORDING_STOPPED,
                        {"path": "/s/a.chat.csv", "reason": "No space left on device", "kept": "/s/a.csv.partial"})
    text = "recording stopped: cannot write /s/a.chat.csv: No space left on device; the rows so far are in /s/a.csv.partial"
    assert event.text == text
    assert window_text(event) == text  # English: the template gives the same line back


def test_a_folder_removed_before_the_session_ends_is_one_error(factory, tmp_path):
    import shutil

    folder = tmp_path / "sessions"
    engine = LiveEngine(factory)
    session = engine.start_session(folder)
    shutil.rmtree(folder)
    assert engine.stop_session() is session
    events = engine.events()
    assert len(events) == 1 and events[0].kind == "error" and "recording stopped: cannot write" in events[0].text
    assert "its folder is gone" in events[0].text
