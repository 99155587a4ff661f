"""`analyze --chat` with the conference's own files: formats, alignment, attribution by the faces' names, batches."""

from __future__ import annotations

import csv

import pytest

from core.recording.chat_log import read_chat_csv
from core.vision.analyzer import FrameAnalyzer
from cli.entry import main


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def named_faces(monkeypatch):
    """Every face the analyzer finds is called 김민지 (as the tile-name reading would say)."""
    from dataclasses import replace

    original = FrameAnalyzer.classify

    def classify(self, located, keep_image=False):
        result = original(self, located, keep_image)
        return replace(result, faces=[replace(f, name="김민지") for f in result.faces])

    monkeypatch.setattr(FrameAnalyzer, "classify", classify)


def _analyze(video, out, chat, weights, bert, *extra):
    return main(["analyze", str(video), "--csv", str(out), "--weights", str(weights), "--chat", str(chat),
                 "--text-model", str(bert), "--quiet", *extra])


def test_zoom_cloud_chat_on_the_named_face(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, named_faces,
                                           capsys):
    chat = tmp_path / "chat.txt"
    chat.write_text("00:00:00\t20231457 김민지:\t기쁘다 정말\n00:00:00\tAndrew Knight:\tHello\n"
                    "00:00:30\t김민지:\t끝난 뒤\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert _analyze(synthetic_video, out, chat, tiny_weights, tiny_bert_dir) == 0
    err = capsys.readouterr().err
    log = {m["text"]: m for m in read_chat_csv(out.with_name("out.chat.csv"))}
    assert log["기쁘다 정말"]["author_name"] == "20231457 김민지" and log["기쁘다 정말"]["author_id"] != ""
    assert log["기쁘다 정말"]["similarity"] != ""
    assert log["Hello"]["author_id"] == "" and log["Hello"]["author_name"] == "Andrew Knight"
    assert log["끝난 뒤"]["author_id"] != "" and log["끝난 뒤"]["similarity"] == ""
    assert "3 message(s)" in err and "1 after its end" in err and "Andrew Knight (1)" in err
    rows = [r for r in _rows(out) if r["face_id"]]
    assert rows and all(r["congruence"] != "" for r in rows)


def test_zoom_local_chat_needs_a_start(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, capsys):
    folder = tmp_path / "2026-03-02 09.00.12 Class"
    folder.mkdir()
    chat = folder / "meeting_saved_chat.txt"
    chat.write_text("09:00:10 From 김민지 to Everyone:\n\t안녕\n09:00:12 From 이서준 to Everyone:\n\t네\n",
                    encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--chat", str(tmp_path / "x.txt")]) == 2
    (tmp_path / "x.txt").write_text(chat.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--chat", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert "--chat-start" in err and len(err.strip().splitlines()) == 1
    assert _analyze(synthetic_video, out, chat, tiny_weights, tiny_bert_dir) == 0
    err = capsys.readouterr().err
    assert "meeting's start" in err and "09:00:12" in err
    log = read_chat_csv(out.with_name("o.chat.csv"))
    assert [float(m["time_s"]) for m in log] == [-2.0, 0.0]  # 09:00:10 is before the recording: kept, counted
    assert "1 before the recording" in err
    assert _analyze(synthetic_video, out, chat, tiny_weights, tiny_bert_dir, "--chat-start", "09:00:09") == 0
    assert [float(m["time_s"]) for m in read_chat_csv(out.with_name("o.chat.csv"))] == [1.0, 3.0]


def test_transcript_lines_are_marked(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir):
    vtt = tmp_path / "t.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.200 --> 00:00:01.000\n<v 김민지>오늘 재미있어요</v>\n", encoding="utf-8")
    out = tmp_path / "v.csv"
    assert _analyze(synthetic_video, out, vtt, tiny_weights, tiny_bert_dir) == 0
    (m,) = read_chat_csv(out.with_name("v.chat.csv"))
    assert m["kind"] == "transcript" and m["author_name"] == "김민지"


@pytest.mark.parametrize("content, message", [
    ("just words\n", "no known chat format"),
    (b"\x00\x01\x02binary", "binary"),
    ("time_s,text\n1,ok\n", "--chat-start must be"),
])
def test_bad_chat_files_are_one_line(tmp_path, synthetic_video, capsys, content, message):
    chat = tmp_path / "c.txt"
    chat.write_bytes(content if isinstance(content, bytes) else content.encode())
    extra = ["--chat-start", "9h"] if "chat-start" in message else []
    assert main(["analyze", str(synthetic_video), "--csv", str(tmp_path / "o.csv"), "--chat", str(chat), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_batch_takes_each_inputs_chat_by_pattern(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, capsys):
    import shutil

    root = tmp_path / "rec"
    (root / "week2").mkdir(parents=True)
    shutil.copy(synthetic_video, root / "a.avi")
    shutil.copy(synthetic_video, root / "week2" / "b.avi")
    (root / "chat.txt").write_text("00:00:00\tA:\t좋아요\n00:00:00\t모두에게\n", encoding="utf-8")  # no chat for week2
    out = tmp_path / "out"
    args = ["analyze", str(root), "--out", str(out), "--jobs", "0", "--weights", str(tiny_weights),
            "--chat", "{dir}/chat.txt", "--text-model", str(tiny_bert_dir), "--quiet"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "no chat file" in err and "b.avi" in err
    log = read_chat_csv(out / "a.emotions.chat.csv")
    assert [m["text"] for m in log] == ["모두에게", "좋아요"] and log[1]["author_name"] == "A"
    assert not (out / "week2" / "b.emotions.chat.csv").exists()
    first = (out / "a.emotions.csv").read_text(encoding="utf-8")
    single = tmp_path / "single.csv"
    assert main(["analyze", str(root / "a.avi"), "--csv", str(single), "--weights", str(tiny_weights), "--chat",
                 str(root / "chat.txt"), "--text-model", str(tiny_bert_dir), "--quiet"]) == 0
    batch_rows, single_rows = _rows(out / "a.emotions.csv"), _rows(single)
    assert len(batch_rows) == len(single_rows) and any(r["text_happy"] for r in batch_rows)
    for b, s in zip(batch_rows, single_rows):  # the batch's timeline is the single run's
        assert {k: v for k, v in b.items() if k != "congruence"} == {k: v for k, v in s.items() if k != "congruence"}
        assert (b["congruence"] == "") == (s["congruence"] == "")
        assert b["congruence"] == "" or abs(float(b["congruence"]) - float(s["congruence"])) < 2e-3  # 4-decimal probs
    assert main(args) == 0  # skipped as done, the chat added again: the same files
    assert (out / "a.emotions.csv").read_text(encoding="utf-8") == first


def test_a_message_before_its_authors_name_is_read(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir,
                                                    monkeypatch):
    from dataclasses import replace

    original = FrameAnalyzer.classify

    def classify(self, located, keep_image=False):  # the tile's name is read only from 0.4 s on
        result = original(self, located, keep_image)
        name = "김민지" if result.time_s >= 0.4 else ""
        return replace(result, faces=[replace(f, name=name) for f in result.faces])

    monkeypatch.setattr(FrameAnalyzer, "classify", classify)
    chat = tmp_path / "chat.txt"
    chat.write_text("WEBVTT\n\n00:00:00.100 --> 00:00:01.000\n김민지: 일찍 말했어요\n", encoding="utf-8")
    out = tmp_path / "early.csv"
    assert _analyze(synthetic_video, out, chat, tiny_weights, tiny_bert_dir) == 0
    (m,) = read_chat_csv(out.with_name("early.chat.csv"))
    assert m["author_id"] != "" and m["similarity"] != ""  # attributed, compared with the face as it was at 0.1 s
    rows = [r for r in _rows(out) if r["face_id"] == m["author_id"]]
    before = [r for r in rows if float(r["time_s"]) < 0.4]
    after = [r for r in rows if float(r["time_s"]) >= 0.4]
    assert before and all(r["text_happy"] == "" for r in before)  # written before the name was known
    assert after and all(r["text_happy"] != "" for r in after)


def test_the_chats_authors_are_the_namers_hints(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, monkeypatch):
    from core.names.tile_names import TileNamer

    heard: list[list[str]] = []
    original = TileNamer.set_hints
    monkeypatch.setattr(TileNamer, "set_hints", lambda self, names: heard.append(list(names)) or original(self, []))
    chat = tmp_path / "chat.txt"
    chat.write_text("WEBVTT\n\n00:00:00.100 --> 00:00:01.000\n김민지: 안녕하세요\n\n"
                    "00:00:00.200 --> 00:00:01.000\nPark Jiwoo: 네\n", encoding="utf-8")
    assert _analyze(synthetic_video, tmp_path / "hints.csv", chat, tiny_weights, tiny_bert_dir) == 0
    assert ["김민지", "Park Jiwoo"] in heard  # a reading that spells one of them needs no second input
