"""Messages replayed along the frames, each on the face whose name matches its author."""

from __future__ import annotations

import numpy as np

from core.classes import EMOTIONS
from core.chat.attribution import ChatAttribution, scored, stored_author
from core.recording.chat_log import read_chat_csv
from core.recording.timeline import TIMELINE_COLUMNS, frame_rows
from core.records import FaceResult, FrameResult

CONGRUENCE = TIMELINE_COLUMNS.index("congruence")
HAPPY, SAD = np.eye(7)[EMOTIONS.index("happy")], np.eye(7)[EMOTIONS.index("sad")]


def _frame(i, names=("김민지", "이서준"), fps=1.0):
    faces = [FaceResult(1, (0, 0, 100, 100), 0.9, HAPPY, names[0]), FaceResult(2, (200, 0, 50, 50), 0.9, SAD, names[1])]
    return FrameResult(i, i / fps, faces)


def _run(tmp_path, messages, frames):
    track = ChatAttribution(sorted(messages, key=lambda m: m.time_s), tmp_path / "c.chat.csv", 30.0)
    out = [track.apply(f) for f in frames]
    summary = track.close()
    return out, summary, {r["text"]: r for r in read_chat_csv(tmp_path / "c.chat.csv")}


def test_each_message_goes_to_its_authors_face_only(tmp_path):
    out, summary, log = _run(tmp_path, [scored(2.0, "김민지", "좋아요", HAPPY),
                                        scored(3.0, "20231457 이서준", "슬퍼요", HAPPY, "transcript"),
                                        scored(4.0, "Andrew Knight", "Hello", SAD)], [_frame(i) for i in range(6)])
    assert log["좋아요"]["author_id"] == "1" and log["좋아요"]["author_name"] == "김민지"
    assert float(log["좋아요"]["similarity"]) == 1.0 and log["좋아요"]["kind"] == "chat"
    assert log["슬퍼요"]["author_id"] == "2" and float(log["슬퍼요"]["similarity"]) == 0.0
    assert log["슬퍼요"]["kind"] == "transcript"
    assert log["Hello"]["author_id"] == "" and log["Hello"]["author_name"] == "Andrew Knight"
    assert log["Hello"]["similarity"] == "" and log["Hello"]["face_happy"] == ""
    rows = [r for f in out for r in frame_rows(f)]  # frame, time, face_id, ... congruence, attention
    face1 = [r for r in rows if r[2] == "1"]
    face2 = [r for r in rows if r[2] == "2"]
    assert all(r[CONGRUENCE] == "" for r in face1[:2]) and all(r[CONGRUENCE] != "" for r in face1[2:])
    assert all(r[CONGRUENCE] == "" for r in face2[:3]) and all(r[CONGRUENCE] != "" for r in face2[3:])
    assert out[1].text_probs is None and out[5].text_probs is None  # the teacher colours no one
    assert (summary.messages, summary.on_face, summary.no_face) == (3, 2, 1)
    assert "Andrew Knight (1)" in summary.line()


def test_a_message_before_its_authors_name_is_read(tmp_path):
    frames = [_frame(i, names=("", "이서준") if i < 4 else ("김민지", "이서준")) for i in range(8)]
    frames[1] = FrameResult(1, 1.0, [FaceResult(1, (0, 0, 100, 100), 0.9, SAD, ""), frames[1].faces[1]])
    out, summary, log = _run(tmp_path, [scored(1.0, "김민지", "일찍", HAPPY)], frames)
    assert log["일찍"]["author_id"] == "1" and log["일찍"]["face_sad"] == "1.0000"  # the face as it was then
    assert summary.late == 1 and summary.on_face == 1
    assert out[2].faces[0].text_probs is None  # before the name was read: nothing of it
    assert out[4].faces[0].text_probs is not None and out[4].faces[1].text_probs is None


def test_messages_without_author_colour_every_face_and_hit_the_largest(tmp_path):
    out, summary, log = _run(tmp_path, [scored(1.0, "", "모두", SAD)], [_frame(i) for i in range(3)])
    assert log["모두"]["author_id"] == "" and log["모두"]["face_happy"] == "1.0000"  # the largest face
    assert out[2].text_probs is not None and all(out[2].text_for(f) is not None for f in out[2].faces)
    assert summary.no_author == 1


def test_before_and_after_the_recording_are_logged_and_counted(tmp_path):
    out, summary, log = _run(tmp_path, [scored(-5.0, "김민지", "전", HAPPY),
                                        scored(50.0, "이서준", "후", SAD),
                                        scored(60.0, "Teacher", "끝", SAD)], [_frame(i) for i in range(3)])
    assert set(log) == {"전", "후", "끝"}
    assert log["전"]["author_id"] == "1" and log["전"]["similarity"] == ""
    assert log["후"]["author_id"] == "2" and log["후"]["similarity"] == ""
    assert (summary.before, summary.after, summary.no_face) == (1, 2, 1)
    line = summary.line()
    assert "1 before the recording" in line and "2 after its end" in line


def test_names_seen_earlier_in_the_run_count(tmp_path):
    frames = [_frame(0), FrameResult(1, 1.0, [FaceResult(2, (0, 0, 9, 9), 0.9, SAD, "이서준")]), _frame(2)]
    out, summary, log = _run(tmp_path, [scored(1.0, "김민지", "화면 밖", HAPPY)], frames)
    assert log["화면 밖"]["author_id"] == "1" and log["화면 밖"]["similarity"] == ""  # known, not on screen then
    assert out[2].faces[0].text_probs is not None


def test_hostile_authors_are_stored_whole_and_guarded(tmp_path):
    assert stored_author("\u202eKim\u200b  Minji\u202c") == "Kim Minji"
    long = "가" * 300
    out, summary, log = _run(tmp_path, [scored(1.0, "=cmd|' /C calc'!A0", "a", SAD),
                                        scored(1.0, long, "b", SAD), scored(1.0, "<b>x</b>", "c", SAD)],
                             [_frame(0), _frame(1)])
    raw = (tmp_path / "c.chat.csv").read_text(encoding="utf-8")
    assert "'=cmd" in raw and log["a"]["author_name"] == "=cmd|' /C calc'!A0"
    assert log["b"]["author_name"] == long and log["c"]["author_name"] == "<b>x</b>"


def test_many_messages_of_few_authors(tmp_path):
    names = [f"학생{i}" for i in range(40)]
    messages = [scored(i / 100, names[i % 40], f"m{i}", HAPPY) for i in range(20_000)]
    frames = [FrameResult(i, float(i), [FaceResult(k, (k, 0, 9, 9), 0.9, SAD, names[k]) for k in range(40)])
              for i in range(201)]
    out, summary, log = _run(tmp_path, messages, frames)
    assert len(log) == 20_000 and summary.on_face == 20_000
    assert all(r["author_id"] == str(int(r["text"][1:]) % 40) for r in log.values())
