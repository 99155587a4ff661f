"""Reading a session for the report: what is accepted, and every way a file is refused (one clear reason)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.classes import EMOTIONS
from core.recording.timeline import TIMELINE_COLUMNS
from core.report import session as session_module
from core.report.session import ReportInputError, load_session


def test_reads_rows_names_and_chat(session) -> None:
    s = load_session(session.csv)
    assert s.rows == session.rows
    assert s.meta["source"] == "camera 0"
    assert (s.face_id >= -1).all() and set(np.unique(s.dominant[s.face_id >= 0])) <= set(range(len(EMOTIONS)))
    assert {s.names.get(i) or f"face {i}" for i in np.unique(s.face_id[s.face_id >= 0])} == set(session.students)
    assert [m.text for m in sorted(s.chat, key=lambda m: m.time_s)] == [
        m.text for m in sorted(s.chat, key=lambda m: m.time_s)]
    assert {m.text for m in s.chat} == set(session.messages)
    assert any(m.text.startswith("=SUM") for m in s.chat)  # the formula guard is taken off


def test_quoted_names_and_small_blocks_read_the_same(session, monkeypatch, tmp_path: Path) -> None:
    """The csv-module path (quoted cells, a newline in a name) and the numpy path agree."""
    fast = load_session(session.csv)
    text = session.csv.read_text(encoding="utf-8")
    quoted = tmp_path / session.csv.name
    first_name = next(n for n in session.students if not n.startswith("face "))
    quoted.write_text(text.replace(f",{first_name},", f',"{first_name}, ""반장""\n2교시",'), encoding="utf-8")
    monkeypatch.setattr(session_module, "BLOCK_BYTES", 5000)  # many blocks, some cut inside a quoted cell
    slow = load_session(quoted)
    assert np.array_equal(fast.time_s, slow.time_s) and np.array_equal(fast.face_id, slow.face_id)
    assert np.array_equal(fast.dominant, slow.dominant)
    assert f'{first_name}, "반장"\n2교시' in slow.names.values()


def test_sidecar_names_win_over_rows(session) -> None:
    meta = json.loads(session.sidecar.read_text(encoding="utf-8"))
    meta["names"] = {"5": "새이름"}
    session.sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert load_session(session.csv).names[5] == "새이름"


def test_no_sidecar_and_no_chat_is_fine(session) -> None:
    session.sidecar.unlink()
    session.chat.unlink()
    s = load_session(session.csv)
    assert s.meta == {} and s.chat == () and s.chat_path is None


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(ReportInputError) as e:
        load_session(path)
    message = str(e.value)
    assert "\n" not in message
    for w in words:
        assert w in message, message
    return message


def test_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "gone.csv", "no such file")


def test_missing_file_with_an_unfinished_recording_says_so(session) -> None:
    session.csv.rename(session.csv.with_name(session.csv.name + ".partial"))
    _refused(session.csv, "no such file", ".partial")


def test_partial_file_is_refused(session) -> None:
    partial = session.csv.with_name(session.csv.name + ".partial")
    session.csv.rename(partial)
    _refused(partial, "unfinished recording")


def test_empty_and_header_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    _refused(empty, "is empty")
    header = tmp_path / "header.csv"
    header.write_text(",".join(TIMELINE_COLUMNS) + "\n")
    _refused(header, "no rows")


def test_last_line_cut_mid_row(session) -> None:
    data = session.csv.read_bytes()
    session.csv.write_bytes(data[: len(data) - 17])
    _refused(session.csv, "truncated")


def test_row_short_of_fields_in_the_middle(session) -> None:
    lines = session.csv.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[50] = ",".join(lines[50].split(",")[:10]) + "\n"
    session.csv.write_text("".join(lines), encoding="utf-8")
    _refused(session.csv, "row 51", "fields")


def test_foreign_csv(tmp_path: Path) -> None:
    foreign = tmp_path / "grades.csv"
    foreign.write_text("student,grade\n김민준,A\n", encoding="utf-8")
    _refused(foreign, "not an EmoSync timeline CSV", "found student, grade")


def test_binary_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4 + b"\n")
    _refused(junk, "not a text file, not a timeline CSV")


def test_unknown_emotion(session) -> None:
    header, rows = session.csv.read_text(encoding="utf-8").split("\n", 1)
    session.csv.write_text(header + "\n" + rows.replace(",neutral,", ",bored,", 1), encoding="utf-8")
    _refused(session.csv, "dominant is not one of")


def test_sidecar_for_another_file(session) -> None:
    meta = json.loads(session.sidecar.read_text(encoding="utf-8"))
    meta["csv"] = "other.csv"
    session.sidecar.write_text(json.dumps(meta), encoding="utf-8")
    _refused(session.csv, "does not match", "other.csv")


def test_sidecar_not_json(session) -> None:
    session.sidecar.write_text("{not json", encoding="utf-8")
    _refused(session.csv, "does not match", "not valid JSON")


def test_truncated_or_foreign_chat(session) -> None:
    data = session.chat.read_bytes()
    session.chat.write_bytes(data[:-9])
    _refused(session.csv, "chat log", "truncated")
    session.chat.write_text("when,what\n1,hi\n", encoding="utf-8")
    _refused(session.csv, "not an EmoSync chat log")
