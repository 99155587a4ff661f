"""A chat file for analyze: on the recording's clock, cleaned, sorted, with its warnings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.chat.chat_formats import ChatFormatError
from core.chat.chat_input import chat_start_seconds, read_chat_file, score_messages
from core.text.guard import MAX_MESSAGE_CHARS


def test_clock_times_need_a_start_or_a_zoom_folder(tmp_path):
    p = tmp_path / "meeting_saved_chat.txt"
    p.write_text("09:00:20 From  A : hi\n09:00:10 From  B : earlier\n", encoding="utf-8")
    with pytest.raises(ChatFormatError, match="--chat-start"):
        read_chat_file(p)
    chat = read_chat_file(p, chat_start_seconds("09:00:00"))
    assert [(m.time_s, m.author) for m in chat.messages] == [(10.0, "B"), (20.0, "A")]  # sorted
    assert any("earlier" in w for w in chat.warnings) and not any("meeting" in w for w in chat.warnings)
    folder = tmp_path / "2026-03-02 09.00.05 Biology"
    folder.mkdir()
    video = folder / "video.mp4"
    chat = read_chat_file(p, near=(video,))
    assert [m.time_s for m in chat.messages] == [5.0, 15.0]
    assert any("meeting's start" in w and "09:00:05" in w for w in chat.warnings)
    with pytest.raises(ValueError, match="HH:MM:SS"):
        chat_start_seconds("9 o'clock")


def test_empty_messages_are_counted_and_long_ones_kept_whole(tmp_path):
    p = tmp_path / "chat.txt"
    long = "아" * (MAX_MESSAGE_CHARS + 50)
    p.write_text(f"00:00:01\tA:\t{long}\n00:00:02\tB:\t \n00:00:03\t\u202eC\u202c:\tok\n", encoding="utf-8")
    chat = read_chat_file(p)
    assert [m.text for m in chat.messages] == [long, "ok"] and chat.messages[1].author == "C"
    assert any("1 empty message" in w for w in chat.warnings)
    read = []
    scored = score_messages(chat, lambda texts: read.extend(texts) or np.full((len(texts), 7), 1 / 7))
    assert len(read[0]) == MAX_MESSAGE_CHARS  # scored on its first characters
    assert [s.text for s in scored] == [long, "ok"] and chat.messages == []  # handed over, held once


def test_emosync_csv_stays_strict(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('time_s,text\n1,"  "\n', encoding="utf-8")
    with pytest.raises(ChatFormatError, match="empty message"):
        read_chat_file(p)
    p.write_text("time_s,text\n-3,before\n", encoding="utf-8")
    assert [m.time_s for m in read_chat_file(p).messages] == [-3.0]  # before the recording: kept


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_files_give_a_chat_or_one_line(tmp_path, data):
    p = tmp_path / "random.txt"
    p.write_bytes(data)
    try:
        chat = read_chat_file(p, chat_start_seconds("00:00:00"))
    except ChatFormatError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert all(m.text for m in chat.messages) and all("\n" not in w for w in chat.warnings)
