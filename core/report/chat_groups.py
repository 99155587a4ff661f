"""The report's chat by student: each student's messages (chat and transcript), and the messages of people with no face.

Cost model: one pass over the session's messages, already sorted least congruent first.

Design: a message belongs to the student whose face it was attributed to (`author_id`, whose
label merges a student's face ids), keeping the session's order inside each student;
students come in the attention order of the students table. A message with an author but
no face (the teacher, a camera left off, a name never on screen) is listed with its author;
one without any author (an old `time_s,text` log) with a dash.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.recording.chat_log import ChatMessage
from core.report.students import SessionSummary


@dataclass(frozen=True)
class StudentChat:
    """One student's messages, least congruent first."""

    label: str
    messages: tuple[ChatMessage, ...]
    authors: tuple[str, ...]  # the names they wrote under (as the chat file has them)


@dataclass(frozen=True)
class ChatGroups:
    """The chat as the report shows it by student."""

    students: tuple[StudentChat, ...]
    without_face: tuple[ChatMessage, ...]

    @property
    def attributed(self) -> bool:
        """Whether any message has an author (else the page keeps its single list)."""
        return bool(self.students) or any(m.author_name for m in self.without_face)


def chat_by_student(summary: SessionSummary) -> ChatGroups:
    """The summary's chat grouped by the student it was attributed to."""
    by_label: dict[str, list[ChatMessage]] = {}
    without: list[ChatMessage] = []
    for m in summary.chat:
        if m.author_id is None:
            without.append(m)
        else:
            by_label.setdefault(summary.label_of(m.author_id), []).append(m)
    order = {s.label: k for k, s in enumerate(summary.students)}
    students = tuple(
        StudentChat(label, tuple(ms), tuple(sorted({m.author_name for m in ms if m.author_name})))
        for label, ms in sorted(by_label.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    return ChatGroups(students, tuple(without))
