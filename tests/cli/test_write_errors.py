"""Every "cannot write" names the path the user gave and why, on one line, with exit status 2."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from benchmarks.synthetic_session import write_session
from cli.entry import main
from cli.write_errors import cannot_write, reason, why_not_writable


@pytest.mark.parametrize("code, words", [(errno.EACCES, "permission denied"), (errno.ENOENT, "no such folder"),
                                         (errno.EROFS, "read-only file system"), (errno.ENOSPC, "disk full")])
def test_reasons_in_plain_words(code, words):
    assert reason(OSError(code, "x", "/tmp/.hidden.tmp")) == words
    assert cannot_write("/data/out.html", OSError(code, "x", "/data/.out.html.9.tmp")) == f"cannot write /data/out.html: {words}"


def test_why_not_writable(tmp_path: Path):
    assert why_not_writable(tmp_path / "ok.csv") is None
    assert why_not_writable(tmp_path / "missing" / "t.csv") == "no such folder"
    assert why_not_writable(tmp_path) == "it is a folder"
    (tmp_path / "file").write_text("x")
    assert "not a folder" in why_not_writable(tmp_path / "file" / "t.csv")


def _one_line_exit_2(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


def test_report_out_that_cannot_be_written_names_it_not_its_temporary_file(tmp_path: Path, capsys, monkeypatch):
    session = write_session(tmp_path / "class", students=3, minutes=0.5, messages=0)
    out = tmp_path / "page.html"

    def full_disk(path: Path, text: str) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(path.with_name(f".{path.name}.123.tmp")))

    monkeypatch.setattr("core.report.build.write_atomic", full_disk)
    err = _one_line_exit_2(capsys, ["report", str(session.csv), "--out", str(out)])
    assert err.endswith(f"cannot write {out}: disk full") and ".tmp" not in err


def test_report_into_a_missing_folder(tmp_path: Path, capsys):
    session = write_session(tmp_path / "class", students=3, minutes=0.5, messages=0)
    out = tmp_path / "nowhere" / "page.html"
    err = _one_line_exit_2(capsys, ["report", str(session.csv), "--out", str(out)])
    assert str(tmp_path / "nowhere") in err and "does not exist" in err


def test_analyze_csv_into_a_missing_folder(tmp_path: Path, capsys, synthetic_video):
    out = tmp_path / "nowhere" / "t.csv"
    err = _one_line_exit_2(capsys, ["analyze", str(synthetic_video), "--csv", str(out)])
    assert str(tmp_path / "nowhere") in err
