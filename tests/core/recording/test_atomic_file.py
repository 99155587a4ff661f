"""The one writer every output goes through: whole lines, the final name only when complete, errors naming it."""

import errno
import os
import shutil

import numpy as np
import pytest

from core.recording.atomic_file import AtomicFile, OutputError, partial_path, write_atomic
from core.recording.chat_log import ChatLogWriter, ChatMessage, read_chat_csv
from core.recording.recorder import SessionRecorder


def failing_write(monkeypatch, after_bytes: int, code: int = errno.ENOSPC):
    """os.write that writes up to `after_bytes` in all (cutting a call in the middle), then fails with `code`."""
    real = os.write
    budget = [after_bytes]

    def write(fd, data):
        if fd in (0, 1, 2):
            return real(fd, data)
        if budget[0] <= 0:
            raise OSError(code, os.strerror(code))
        n = real(fd, bytes(data[: budget[0]]))
        budget[0] -= n
        return n

    monkeypatch.setattr(os, "write", write)


def test_commit_replaces_and_abandon_keeps_the_earlier_file(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"old,complete\n")
    f = AtomicFile(out)
    assert f.replaces
    f.write(b"new,rows\n")
    assert out.read_bytes() == b"old,complete\n"  # nothing under the final name until complete
    assert f.abandon() == partial_path(out)
    assert out.read_bytes() == b"old,complete\n" and partial_path(out).read_bytes() == b"new,rows\n"
    f = AtomicFile(out)
    f.write(b"new,rows\n")
    assert f.commit() == out and out.read_bytes() == b"new,rows\n" and not partial_path(out).exists()


def test_full_disk_mid_row_leaves_whole_lines_and_names_the_final_path(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    f = AtomicFile(out)
    f.write("a,첫째\n".encode())
    failing_write(monkeypatch, after_bytes=4)  # the next row is cut inside its Hangul character
    with pytest.raises(OutputError) as info:
        f.write("b,둘째\n".encode())
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(out)
    assert info.value.partial == partial_path(out)
    f.abandon()
    assert partial_path(out).read_bytes().decode() == "a,첫째\n"
    assert not out.exists()


def test_recorder_on_a_full_disk_keeps_whole_rows(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    rec = SessionRecorder(out, columns=["n", "text"], flush_interval_s=0)
    for i in range(5):
        rec.write_row([str(i), "가나다"])
    failing_write(monkeypatch, after_bytes=7)
    with pytest.raises(OutputError) as info:
        for i in range(5, 50):
            rec.write_row([str(i), "가나다"])
    assert info.value.filename == str(out)
    with pytest.raises(OutputError):
        rec.close(complete=True)
    lines = partial_path(out).read_bytes().decode("utf-8").split("\n")
    assert lines[-1] == "" and lines[0] == "n,text" and all(ln == f"{i},가나다" for i, ln in enumerate(lines[1:-1]))
    assert not out.exists()


def test_a_removed_folder_is_noticed_at_the_next_flush(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    rec = SessionRecorder(folder / "t.csv", columns=["n"], flush_interval_s=0)
    rec.write_row(["1"])
    shutil.rmtree(folder)
    with pytest.raises(OutputError) as info:
        rec.write_row(["2"])
    assert info.value.errno == errno.ENOENT and info.value.filename == str(folder / "t.csv")
    with pytest.raises(OutputError):
        rec.close()


def test_a_read_only_folder_names_the_final_path(tmp_path, monkeypatch):
    real = os.open

    def read_only(path, flags, *a):
        if str(path).endswith(".partial"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(path, flags, *a)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OutputError) as info:
        SessionRecorder(tmp_path / "t.csv")
    assert info.value.errno == errno.EROFS and info.value.filename == str(tmp_path / "t.csv")
    assert info.value.partial is None


def test_write_atomic_failure_leaves_the_earlier_file(tmp_path, monkeypatch):
    path = tmp_path / "t.json"
    write_atomic(path, '{"status": "complete"}')
    failing_write(monkeypatch, after_bytes=3)
    with pytest.raises(OutputError):
        write_atomic(path, '{"status": "interrupted", "more": "....."}')
    assert path.read_text() == '{"status": "complete"}' and not partial_path(path).exists()


def _message(i: int) -> ChatMessage:
    return ChatMessage(float(i), "", f"메시지 {i}", np.eye(7)[i % 7])


def test_chat_log_is_partial_until_closed_and_a_stopped_rerun_keeps_the_old_one(tmp_path):
    path = tmp_path / "out.chat.csv"
    w = ChatLogWriter(path)
    for i in range(16):
        w.write(_message(i))
    assert not path.exists() and partial_path(path).exists()  # a killed first run: only the partial
    w.close()
    assert len(read_chat_csv(path)) == 16 and not partial_path(path).exists()
    before = path.read_bytes()
    w = ChatLogWriter(path)
    w.write(_message(0))
    assert w.close(complete=False) == partial_path(path)  # a stopped re-run
    assert path.read_bytes() == before and len(read_chat_csv(partial_path(path))) == 1
