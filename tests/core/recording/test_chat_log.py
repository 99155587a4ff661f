import csv

import numpy as np
import pytest

from core.recording.chat_log import CHAT_COLUMNS, ChatLogWriter, ChatMessage, read_chat_csv, read_chat_input
from core.text.guard import MessageError, clean_message, guard_cell, unguard_cell

HOSTILE = [
    "=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tindent", "\rcr",
    "'already quoted", "'=both", "줄\n바꿈 \"따옴표\", 쉼표", "이모지 😀🎉 and English 혼합", "",
    "plain 한국어 문장",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_guard_round_trip(text):
    g = guard_cell(text)
    assert not g.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unguard_cell(g) == text


def test_chat_csv_round_trip_with_hostile_text(tmp_path):
    path = tmp_path / "chat.csv"
    w = ChatLogWriter(path)
    probs = np.eye(7)[3]
    for i, text in enumerate(HOSTILE):
        w.write(ChatMessage(float(i), "2026-11-23T10:00:00+09:00", text, probs,
                            face_probs=np.full(7, 1 / 7) if i % 2 else None, similarity=0.5 if i % 2 else None))
    w.close()
    with open(path, newline="", encoding="utf-8") as f:
        raw = list(csv.reader(f))
    assert raw[0] == list(CHAT_COLUMNS)
    for row in raw[1:]:
        assert not row[2].startswith(("=", "+", "-", "@", "\t", "\r"))  # safe in a spreadsheet
    rows = read_chat_csv(path)
    assert [r["text"] for r in rows] == HOSTILE
    assert rows[0]["text_dominant"] == "happy" and rows[0]["similarity"] == "" and rows[1]["similarity"] == "0.5000"


def test_clean_message():
    assert clean_message("  안녕\x00하세요\x07 😀 ") == "안녕하세요 😀"
    assert clean_message("a\nb") == "a\nb"
    assert clean_message("e\u0301") == "\u00e9"  # NFC
    with pytest.raises(MessageError, match="empty"):
        clean_message(" \x00\t ")
    with pytest.raises(MessageError, match="too long"):
        clean_message("가" * 501)


def test_read_chat_input(tmp_path):
    p = tmp_path / "chat.csv"
    p.write_text("time_s,text\n2.5,두 번째\n1,첫 번째\n", encoding="utf-8")
    assert read_chat_input(p) == [(1.0, "첫 번째"), (2.5, "두 번째")]
    p.write_text("when,text\n1,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        read_chat_input(p)
    p.write_text("time_s,text\nsoon,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_chat_input(p)
    with pytest.raises(ValueError, match="no such chat file"):
        read_chat_input(tmp_path / "absent.csv")
