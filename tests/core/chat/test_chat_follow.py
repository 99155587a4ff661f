"""Following a chat file as the conference tool writes it: new messages only, through truncation and replacement."""

from __future__ import annotations

import os
import threading

from core.chat.chat_follow import ChatFollower


def _append(path, text):
    with open(path, "a", encoding="utf-8", newline="") as f:
        f.write(text)


def _poll_all(follower, times=3):
    out = []
    for _ in range(times):
        out += follower.poll()
    return [(m.author, m.text) for m in out]


def test_waits_for_the_file_then_reads_it_all(tmp_path):
    p = tmp_path / "meeting_saved_new_chat.txt"
    f = ChatFollower(p, quiet_s=0.0)
    assert f.poll() == [] and f.status == "waiting for the file"
    _append(p, "09:05:32 From 김민지 to Everyone:\n\t안녕하세요\n")
    assert _poll_all(f) == [("김민지", "안녕하세요")] and f.format == "zoom-local"
    _append(p, "09:05:40 From 이서준 to Everyone:\n\t네\n\t두 줄\n")
    assert _poll_all(f) == [("이서준", "네\n두 줄")]


def test_history_is_skipped_and_counted(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("00:00:01\tA:\told one\n00:00:02\tB:\told two\n", encoding="utf-8")
    f = ChatFollower(p, quiet_s=0.0)
    assert _poll_all(f) == [] and f.skipped == 2
    _append(p, "00:00:03\tC:\tnew\n")
    assert _poll_all(f) == [("C", "new")]


def test_a_csv_header_in_the_history_is_remembered(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("time_s,author_name,text\n1,A,old\n", encoding="utf-8")
    f = ChatFollower(p, quiet_s=0.0)
    assert _poll_all(f) == []
    _append(p, "2,B,new\n")
    assert _poll_all(f) == [("B", "new")]


def test_truncated_replaced_and_removed(tmp_path):
    p = tmp_path / "chat.txt"
    f = ChatFollower(p, quiet_s=0.0, history=False)
    _append(p, "00:00:01\tA:\tone\n00:00:02\tA:\ttwo\n")
    assert _poll_all(f) == [("A", "one"), ("A", "two")]
    p.write_text("00:00:03\tB:\tafter truncation\n", encoding="utf-8")  # shorter: truncated and rewritten
    assert _poll_all(f) == [("B", "after truncation")] and f.restarts == 1
    new = tmp_path / "new.txt"
    new.write_text("WEBVTT\n\n00:00:04.000 --> 00:00:05.000\n<v C>replaced by a transcript, longer than before</v>\n",
                   encoding="utf-8")
    os.replace(new, p)
    assert _poll_all(f) == [("C", "replaced by a transcript, longer than before")] and f.restarts == 2
    p.unlink()
    assert f.poll() == [] and "gone" in f.status
    _append(p, "00:00:06\tD:\tback\n")
    assert _poll_all(f) == [("D", "back")]


def test_lines_written_in_pieces_and_a_last_line_without_newline(tmp_path):
    p = tmp_path / "chat.txt"
    f = ChatFollower(p, quiet_s=3600, history=False)
    _append(p, "00:00:01\tA:\thal")
    assert f.poll() == []
    _append(p, "f\n00:00:02\tB:\t끝")
    assert [(m.author, m.text) for m in f.poll()] == []  # A's message ends only when the next one starts
    f.quiet_s = 0.0
    assert _poll_all(f, 1) == [("A", "half"), ("B", "끝")]


def test_not_a_chat_file_is_said_once(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(b"\x00\x01" * 100 + b"\n" * 60)
    f = ChatFollower(p, quiet_s=0.0, history=False)
    assert _poll_all(f) == [] and "no known chat format" in f.error and "\n" not in f.error


def test_the_thread_delivers_and_is_joined(tmp_path):
    p = tmp_path / "chat.txt"
    got = []
    arrived = threading.Event()

    def on_message(m):
        got.append(m.text)
        arrived.set()

    f = ChatFollower(p, on_message, poll_s=0.02, quiet_s=0.05)
    f.start()
    try:
        assert f.started.wait(5.0)  # what is written from now on is new, not history
        _append(p, "09:00:00 From A to Everyone:\n\t실시간\n")
        assert arrived.wait(5.0)
    finally:
        f.stop()
    assert got == ["실시간"] and not f.running
    assert not any(t.name == "emosync-chat-follow" for t in threading.enumerate())


def test_a_file_without_line_ends_is_not_held(tmp_path):
    p = tmp_path / "blob"
    p.write_bytes(b"x" * 500_000)
    f = ChatFollower(p, quiet_s=3600, history=False)
    assert _poll_all(f) == [] and "no known chat format" in f.error and not f._buffer


def test_a_character_split_across_two_writes_arrives_whole(tmp_path):
    p = tmp_path / "chat.txt"
    f = ChatFollower(p, quiet_s=0.0, history=False)
    data = "00:00:01\tA:\t안녕하세요\n".encode()
    cut = data.index("하".encode()) + 1  # inside 하
    with open(p, "ab") as out:
        out.write(data[:cut])
    first = _poll_all(f)  # a quiet moment: the line so far goes out, without the half character
    assert first == [("A", "안녕")]
    with open(p, "ab") as out:
        out.write(data[cut:] + "00:00:02\tB:\t다음\n".encode())
    rest = _poll_all(f)
    assert "\ufffd" not in "".join(t for _, t in first + rest)
    assert ("B", "다음") in rest and any("하세요" in t for _, t in rest)


def test_a_same_size_rewrite_in_place_is_read_again(tmp_path):
    p = tmp_path / "chat.txt"
    f = ChatFollower(p, quiet_s=0.0, history=False)
    _append(p, "00:00:01\tA:\tfirst one\n")
    assert _poll_all(f) == [("A", "first one")]
    st = os.stat(p)
    with open(p, "r+b") as out:  # same inode, same size, other content
        out.write("00:00:02\tB:\tother one\n".encode())
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert os.stat(p).st_size == st.st_size and os.stat(p).st_ino == st.st_ino
    assert _poll_all(f) == [("B", "other one")] and f.restarts == 1


def test_a_folder_is_an_error_not_following(tmp_path):
    f = ChatFollower(tmp_path, quiet_s=0.0)
    assert _poll_all(f) == [] and f.status != "following" and "is a folder" in f.error and "\n" not in f.error


def test_followed_chats_in_utf16_and_cp949(tmp_path):
    for codec in ("utf-16", "cp949"):
        p = tmp_path / f"chat-{codec}.txt"
        f = ChatFollower(p, quiet_s=0.0, history=False)
        with open(p, "ab") as out:
            out.write("09:00:00 From 김민지 to Everyone:\n\t안녕하세요\n".encode(codec))
        assert _poll_all(f) == [("김민지", "안녕하세요")], codec
        if codec == "cp949":  # ASCII first, Korean later: the encoding is told when it shows
            q = tmp_path / "late.txt"
            g = ChatFollower(q, quiet_s=0.0, history=False)
            with open(q, "ab") as out:
                out.write(b"09:00:00 From A to Everyone:\n\thello\n")
            assert _poll_all(g) == [("A", "hello")]
            with open(q, "ab") as out:
                out.write("09:00:01 From 이서준 to Everyone:\n\t질문\n".encode("cp949"))
            assert _poll_all(g) == [("이서준", "질문")]
