"""`main.py report`: a page beside the CSV (or where --out says), a folder's index, and bad input as one line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic_session import write_session
from cli.entry import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def session(tmp_path: Path):
    return write_session(tmp_path / "class", students=3, minutes=1, seed=5)


def test_report_beside_the_csv(session, capsys) -> None:
    assert main(["report", str(session.csv)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    page = session.csv.with_suffix(".html")
    assert len(out) == 1 and out[0].startswith(f"report written: {page} (3 students, 12 chat messages")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_out_and_quiet(session, tmp_path: Path, capsys) -> None:
    assert main(["report", str(session.csv), "--out", str(tmp_path / "mine.html"), "--quiet"]) == 0
    assert capsys.readouterr().out == "" and (tmp_path / "mine.html").is_file()


def test_report_folder(session, tmp_path: Path, capsys) -> None:
    (session.csv.parent / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["report", str(session.csv.parent)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"report written: {session.csv.parent / 'index.html'} (1 session, 1 left out")
    assert "warning: left out" in captured.err and "notes.csv" in captured.err


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])


@pytest.mark.parametrize("spoil, words", [
    (lambda s: s.csv.unlink(), "no such file"),
    (lambda s: s.csv.write_bytes(b""), "is empty"),
    (lambda s: _cut(s.csv), "truncated"),
    (lambda s: s.csv.write_text("name,score\n김,1\n", encoding="utf-8"), "not an EmoSync timeline CSV"),
    (lambda s: s.sidecar.write_text('{"csv": "other.csv"}', encoding="utf-8"), "does not match"),
    (lambda s: s.sidecar.write_text("{", encoding="utf-8"), "does not match"),
])
def test_bad_input_is_one_line_exit_2_and_no_page(session, capsys, spoil, words) -> None:
    page = session.csv.with_suffix(".html")
    spoil(session)
    assert main(["report", str(session.csv)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and words in err[0], err
    assert not page.exists() and not [p for p in page.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name, content, words", [
    ("lecture.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(200), "lecture.mp4 is a video; report needs the timeline CSV"),
    ("board.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "board.png is an image"),
    ("notes.txt", "수업 메모\n".encode(), "notes.txt is not a CSV file; report needs a timeline CSV"),
    ("clip.csv", b"\x00\x01\x02binary\n", "clip.csv is not a text file"),
])
def test_a_file_that_is_no_timeline_says_how_to_make_one(tmp_path: Path, capsys, name, content, words) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    if name == "lecture.mp4":  # the command that makes the CSV, as typed here, and the name it will have
        assert f"`main.py analyze {path}`, then `main.py report lecture.emotions.csv`" in err[0]
    assert not list(tmp_path.glob("*.html"))


def test_help_and_errors_name_the_command_as_typed(monkeypatch, capsys) -> None:
    """`main.py` from a checkout, the bundle's own name (EmoSync) when frozen: never a command nobody has."""
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert capsys.readouterr().out.startswith("usage: main.py report")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/EmoSync/EmoSync")
    with pytest.raises(SystemExit) as e:
        main(["report"])
    assert e.value.code == 2 and "(see EmoSync report --help)" in capsys.readouterr().err


def test_a_partial_recording_is_refused(session, capsys) -> None:
    partial = session.csv.rename(session.csv.with_name(session.csv.name + ".partial"))
    assert main(["report", str(partial)]) == 2
    assert "unfinished recording" in capsys.readouterr().err


def test_a_refused_rerun_keeps_the_previous_page(session, capsys) -> None:
    assert main(["report", str(session.csv), "--quiet"]) == 0
    page = session.csv.with_suffix(".html")
    before = page.read_bytes()
    _cut(session.csv)
    assert main(["report", str(session.csv)]) == 2
    assert page.read_bytes() == before


def test_truncated_csv_from_the_real_entry_point_has_no_traceback(session) -> None:
    _cut(session.csv)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", str(session.csv)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: timeline {session.csv} is truncated: its last line is cut off mid-row"]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_report_of_what_analyze_wrote(tmp_path: Path, synthetic_video, tiny_weights, tiny_bert_dir, capsys) -> None:
    """The real writers' files (timeline, chat log with a formula-looking and a two-line message) report cleanly."""
    from tests.core.report.conftest import read_page

    chat = tmp_path / "chat.csv"
    chat.write_text('time_s,text\n0.2,"=1+1 기쁘다 정말"\n0.5,"줄\n바꿈"\n9,"끝난 뒤"\n', encoding="utf-8")
    out = tmp_path / "lecture.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights),
                 "--chat", str(chat), "--text-model", str(tiny_bert_dir), "--quiet"]) == 0
    assert main(["report", str(out), "--quiet"]) == 0
    page = read_page(out.with_suffix(".html"))
    assert "face 1" in page.body_text
    for text in ("=1+1 기쁘다 정말", "끝난 뒤"):
        assert text in page.body_text
    assert "줄\n바꿈" in page.html
