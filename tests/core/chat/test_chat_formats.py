"""The conference's chat files and transcripts: each format read from its own generated file, by content."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.chat.chat_formats import (
    CHAT,
    FORMATS,
    TRANSCRIPT,
    ChatFormatError,
    align,
    detect,
    folder_start,
    open_chat,
    parse_chat_text,
    parse_clock,
    read_all,
)


def _write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def _read(path):
    read = open_chat(path)
    return read, read_all(read)


def test_zoom_cloud_chat_the_issues_example(tmp_path):
    p = _write(tmp_path, "anything.log", "00:21:14\tAndrew Knight:\tHello everyone\n"
               "00:21:20\t김민지:\t안녕하세요\n여러 줄입니다\n00:22:00\tno author here\n")
    read, ms = _read(p)
    assert read.format == "zoom-cloud" and not read.clock
    assert [(m.time_s, m.author, m.text, m.kind) for m in ms] == [
        (1274.0, "Andrew Knight", "Hello everyone", CHAT), (1280.0, "김민지", "안녕하세요\n여러 줄입니다", CHAT),
        (1320.0, "", "no author here", CHAT)]
    assert read.stats.no_author == 1 and any("without an author" in w for w in read.stats.warnings())


def test_zoom_local_one_line_form(tmp_path):
    p = _write(tmp_path, "meeting_saved_chat.txt", "09:05:32\t From  Andrew Knight : Hello everyone\r\n"
               "09:06:01\t From  김민지  to  Andrew Knight(Privately) : 질문 있어요: 숙제는?\r\n")
    read, ms = _read(p)
    assert read.format == "zoom-local" and read.clock
    assert [(m.time_s, m.author, m.to, m.text) for m in ms] == [
        (9 * 3600 + 5 * 60 + 32, "Andrew Knight", "", "Hello everyone"),
        (9 * 3600 + 6 * 60 + 1, "김민지", "Andrew Knight(Privately)", "질문 있어요: 숙제는?")]


def test_zoom_local_two_line_form_with_replies_and_reactions(tmp_path):
    p = _write(tmp_path, "meeting_saved_new_chat.txt", (
        "09:05:32 From Andrew Knight to Everyone:\n\tHello everyone\n\tsecond line\n"
        "09:05:40 From 김민지 to Everyone:\n\tReacted to \"Hello everyone\" with 👍\n"
        "09:05:50 From 이서준 to Everyone:\n\tReplying to \"Hello everyone\":\n\t반가워요\n"
        "09:06:10 From 박하은 to Andrew Knight(Direct Message):\n\t조금 늦어요\n"
        "09:06:20 From Kim to Everyone:\n\tReplying to \"Hello\"\n"))
    read, ms = _read(p)
    assert read.format == "zoom-local"
    assert [(m.author, m.text) for m in ms] == [
        ("Andrew Knight", "Hello everyone\nsecond line"), ("이서준", "반가워요"), ("박하은", "조금 늦어요"),
        ("Kim", 'Replying to "Hello"')]
    assert ms[2].to == "Andrew Knight(Direct Message)"
    assert read.stats.reactions == 1 and any("reaction" in w for w in read.stats.warnings())


def test_webvtt_zoom_and_teams(tmp_path):
    zoom = _write(tmp_path, "a.vtt", "WEBVTT\n\n1\n00:00:16.239 --> 00:00:27.079\nAndrew Knight: Hello everyone\n\n"
                  "2\n00:01:02.500 --> 00:01:04.000\n김민지: 네 &amp; 감사합니다\n")
    read, ms = _read(zoom)
    assert read.format == "webvtt" and not read.clock
    assert [(m.time_s, m.author, m.text, m.kind) for m in ms] == [
        (16.239, "Andrew Knight", "Hello everyone", TRANSCRIPT), (62.5, "김민지", "네 & 감사합니다", TRANSCRIPT)]
    teams = _write(tmp_path, "b.txt", "\ufeffWEBVTT\r\n\r\nNOTE a comment\r\nover lines\r\n\r\n"
                   "0c0b6f5e-1/12-0\r\n00:03.599 --> 00:05.120\r\n<v Kim Minji>Good morning.</v>\r\n\r\n"
                   "0c0b6f5e-1/13-0\r\n00:00:06.000 --> 00:00:08.000\r\n<v.loud 이서준>두 줄\r\n<i>입니다</i></v>\r\n\r\n"
                   "00:00:09.000 --> 00:00:10.000\r\nno speaker\r\n")
    read, ms = _read(teams)
    assert [(m.time_s, m.author, m.text) for m in ms] == [
        (3.599, "Kim Minji", "Good morning."), (6.0, "이서준", "두 줄\n입니다"), (9.0, "", "no speaker")]


def test_emosync_csv_with_and_without_authors(tmp_path):
    read, ms = _read(_write(tmp_path, "c.txt", 'time_s,text\n0.2,"=1+1 기쁘다"\n0.5,"줄\n바꿈"\n'))
    assert read.format == "emosync-csv" and [(m.time_s, m.author, m.text) for m in ms] == [
        (0.2, "", "=1+1 기쁘다"), (0.5, "", "줄\n바꿈")]
    read, ms = _read(_write(tmp_path, "d.csv", "time_s,author_name,text,kind\n3,'=HYPERLINK(x),hi,transcript\n"))
    assert [(m.author, m.text, m.kind) for m in ms] == [("=HYPERLINK(x)", "hi", TRANSCRIPT)]


@pytest.mark.parametrize("content, message", [
    ("time_s,text\nsoon,x\n", "line 2"),
    ('time_s,text\n1,"never closed\n', "never closed"),
])
def test_bad_csv_rows_are_one_line_errors(tmp_path, content, message):
    read = open_chat(_write(tmp_path, "e.csv", content))
    with pytest.raises(ChatFormatError, match=message):
        read_all(read)


def test_unknown_binary_and_missing_files(tmp_path):
    with pytest.raises(ChatFormatError) as e:
        open_chat(_write(tmp_path, "x.txt", "when,what\n1,hi\n"))
    assert all(f in str(e.value) for f in FORMATS.values()) and "\n" not in str(e.value)
    with pytest.raises(ChatFormatError, match="binary"):
        open_chat(_write(tmp_path, "x.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    with pytest.raises(ChatFormatError, match="no such"):
        open_chat(tmp_path / "absent.txt")
    with pytest.raises(ChatFormatError, match="no known"):
        parse_chat_text("just some words")


def test_not_utf8_truncated_and_backwards(tmp_path):
    data = "00:00:05\t김민지:\t안녕\n00:00:03\t이서준:\t먼저\n00:00:09\t박하은:\t잘린".encode() + "줄".encode()[:2]
    read, ms = _read(_write(tmp_path, "t.txt", data.replace(b"\xec\x95\x88\xeb\x85\x95", b"\xff\xfe")))
    assert len(ms) == 3 and ms[0].text == "\ufffd\ufffd" and ms[2].text.startswith("잘린")
    assert read.stats.backwards == 1 and read.stats.undecodable
    assert any("earlier" in w for w in read.stats.warnings()) and any("UTF-8" in w for w in read.stats.warnings())


def test_lines_before_any_message_are_counted(tmp_path):
    read, ms = _read(_write(tmp_path, "u.txt", "Chat export\n00:00:05\tA:\thi\n"))
    assert len(ms) == 1 and read.stats.unplaced == 1 and read.stats.unplaced_lines == [1]


def test_hostile_authors_are_kept_as_written(tmp_path):
    long = "가" * 300
    read, ms = _read(_write(tmp_path, "h.txt", f"00:00:01\t<b>Kim</b>:\thi\n00:00:02\t=cmd|' /C calc'!A0:\tx\n"
                             f"00:00:03\t\u202eilA\u202c:\ty\n00:00:04\t{long}:\tz\n"))
    assert [m.author for m in ms] == ["<b>Kim</b>", "=cmd|' /C calc'!A0", "\u202eilA\u202c", long]


def test_a_hundred_thousand_messages_stream(tmp_path):
    p = tmp_path / "big.txt"
    with open(p, "w", encoding="utf-8") as f:
        for i in range(100_000):
            f.write(f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}\tStudent {i % 40}:\tmessage {i}\n")
    read = open_chat(p)
    n = last = 0
    for m in read.messages:  # a generator: nothing is held but the message being read
        n, last = n + 1, m.time_s
    assert n == 100_000 and last == 99_999 and read.stats.messages == n


def test_detect_by_content_and_clock_alignment(tmp_path):
    assert detect(["", "WEBVTT"]) == "webvtt" and detect(["x,time_s,text"]) == "emosync-csv"
    assert detect(["nothing"]) is None
    assert parse_clock("09:05:32") == 32732 and parse_clock("9:05:32.5") == 32732.5
    with pytest.raises(ValueError):
        parse_clock("25:00:00")
    folder = tmp_path / "2026-03-02 09.00.12 Topic"
    folder.mkdir()
    assert folder_start(folder / "meeting_saved_chat.txt") == 9 * 3600 + 12
    assert folder_start(tmp_path / "plain" / "x.txt") is None
    read = parse_chat_text("23:59:50 From A to Everyone:\n\thi\n00:00:10 From B to Everyone:\n\tlate\n")
    assert [m.time_s for m in align(read.messages, 23 * 3600 + 59 * 60 + 40)] == [10.0, 30.0]
    read = parse_chat_text("09:00:00 From A : early\n09:00:30 From B : in\n")
    assert [m.time_s for m in align(read.messages, 9 * 3600 + 10)] == [-10.0, 20.0]


def test_paste_from_the_chat_panel():
    read = parse_chat_text("09:05:32 From 김민지 to Everyone:\r\n\t좋아요!\r\n09:05:40 From 이서준 to Everyone:\r\n\t네\r\n")
    assert [(m.author, m.text) for m in read_all(read)] == [("김민지", "좋아요!"), ("이서준", "네")]


def _read_or_error(read_fn):
    try:
        read = read_fn()
        ms = list(read.messages)
    except ChatFormatError as e:
        assert str(e) and "\n" not in str(e)
        return None
    assert all(isinstance(m.text, str) and isinstance(m.author, str) and isinstance(m.time_s, float) for m in ms)
    return ms


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_random_text_gives_messages_or_one_line(text):
    _read_or_error(lambda: parse_chat_text(text))


_LINES = st.sampled_from(["WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "<v A>x</v>", "A: b", "09:05:32 From A to Everyone:",
                          "\thello", "\tReacted to \"x\" with 👍", "\tReplying to \"x\"", "00:21:14\tA:\tb",
                          "09:05:32 From  A : b", "time_s,text", "1,x", "\"1", "time_s,author_name,text", "-1,a,\"b"])


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=30))
def test_random_lines_of_the_formats_give_messages_or_one_line(lines):
    _read_or_error(lambda: parse_chat_text("\n".join(lines)))


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_random_bytes_in_a_file_give_messages_or_one_line(tmp_path, data):
    p = tmp_path / "random.bin"
    p.write_bytes(data)
    _read_or_error(lambda: open_chat(p))
