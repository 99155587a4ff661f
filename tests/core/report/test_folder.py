"""A folder of sessions: a page each, an index with a row per session and students matched by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.synthetic_session import write_session
from core.report.folder import build_folder_report, find_sessions
from core.report.session import ReportInputError
from tests.core.report.conftest import read_page


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    root = tmp_path / "batch"
    write_session(root / "monday", students=3, minutes=2, seed=1, stem="lecture1", named=1.0)
    write_session(root / "tuesday" / "room2", students=4, minutes=1, seed=2, stem="lecture2", named=1.0)
    (root / "summary.csv").write_text("input,csv,frames\nlecture1.mp4,lecture1.csv,1200\n", encoding="utf-8")
    (root / "notes.csv").write_text("what,when\nquiz,friday\n", encoding="utf-8")
    return root


def test_finds_nested_sessions_only(batch: Path) -> None:
    assert [p.relative_to(batch).as_posix() for p in find_sessions(batch)] == [
        "monday/lecture1.csv", "notes.csv", "tuesday/room2/lecture2.csv"]


def test_index_and_pages(batch: Path) -> None:
    report = build_folder_report(batch)
    assert report.index == batch / "index.html"
    assert sorted(p.name for p in report.pages) == ["lecture1.html", "lecture2.html"]
    assert [(p.name, "not an EmoSync timeline CSV" in why) for p, why in report.skipped] == [("notes.csv", True)]
    page = read_page(report.index)
    assert {link for link in page.links} == {"monday/lecture1.html", "tuesday/room2/lecture2.html"}
    assert all((batch / link).is_file() for link in page.links)
    text = page.body_text
    assert "notes.csv" in text and "Left out" in text
    # 김민준 and 이서연 are named in both sessions: one row each, linking both; unnamed faces stay per session
    for name in ("김민준", "이서연"):
        assert text.count(name) == 1
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{name}(?:(?!</tr>).)*</tr>", page.html, re.S)
        assert row and "monday/lecture1.html" in row.group(0) and "tuesday/room2/lecture2.html" in row.group(0)
        assert re.search(r"\d of 2", row.group(0))
    assert "face 3 (monday/lecture1.csv)" in text and "face 4 (tuesday/room2/lecture2.csv)" in text
    assert "http" not in page.outside_data_uris()


def test_index_elsewhere_links_back(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "all.html"
    out.parent.mkdir()
    page = read_page(build_folder_report(batch, out).index)
    assert all((out.parent / link).resolve().is_file() for link in page.links)


def test_nothing_usable(tmp_path: Path) -> None:
    with pytest.raises(ReportInputError, match="no session CSV"):
        build_folder_report(tmp_path)
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReportInputError, match="could be reported"):
        build_folder_report(tmp_path)
    assert not (tmp_path / "index.html").exists()
