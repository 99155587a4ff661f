"""The report's chat by student: each student's own messages (chat and transcript), and those of people with no face."""

from __future__ import annotations

import csv

from core.recording.chat_log import CHAT_COLUMNS, read_chat_csv
from core.report.build import build_session_report
from core.report.chat_groups import chat_by_student
from core.report.session import load_session
from core.report.students import summarise
from tests.core.report.conftest import read_page


def _add_rows(session, rows):
    with open(session.chat, "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        for time_s, author_id, author_name, text, kind, sim in rows:
            row = {c: "" for c in CHAT_COLUMNS}
            row.update(time_s=time_s, author_id=author_id, author_name=author_name, text=text, kind=kind,
                       similarity=sim, text_dominant="sad")
            row.update({f"text_{e}": "0.0000" for e in ("angry", "disgust", "fear", "happy", "neutral", "surprise")})
            row["text_sad"] = "1.0000"
            w.writerow([row[c] for c in CHAT_COLUMNS])


def test_messages_are_grouped_by_student_least_congruent_first(session):
    some = next(m for m in read_chat_csv(session.chat) if m["author_id"])
    _add_rows(session, [("3.000", "", "<b>Prof. Lee</b>", "교수님 말씀", "chat", ""),
                        ("4.000", "", "'=cmd|' /C calc'!A0", "수식", "chat", ""),
                        ("5.000", some["author_id"], some["author_name"], "전사된 말", "transcript", "0.0100")])
    summary = summarise(load_session(session.csv))
    groups = chat_by_student(summary)
    assert groups.attributed
    labels = [g.label for g in groups.students]
    order = [s.label for s in summary.students]
    assert labels == [lab for lab in order if lab in labels]  # the students table's order
    for g in groups.students:
        sims = [m.similarity for m in g.messages if m.similarity is not None]
        assert sims == sorted(sims)
    first = next(g for g in groups.students if any(m.text == "전사된 말" for m in g.messages))
    assert first.messages[0].text == "전사된 말" and first.messages[0].kind == "transcript"
    assert {m.author_name for m in groups.without_face} >= {"<b>Prof. Lee</b>", "=cmd|' /C calc'!A0"}
    page = read_page(build_session_report(session.csv).html)
    assert "<b>Prof. Lee</b>" in page.body_text and "<b>Prof" not in page.outside_data_uris()
    assert "Messages by people with no face on screen" in page.body_text and "transcript" in page.body_text
