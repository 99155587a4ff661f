"""The session page: parses, holds every student and message, embeds everything, keeps Korean, never half-written."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest

from benchmarks.synthetic_session import write_session
from core.report import build
from core.report.build import build_session_report
from core.report.session import ReportInputError
from core.report.students import ATTENTION_RULE
from tests.core.report.conftest import read_page


def _self_contained(page) -> None:
    assert page.images and all(src.startswith(("data:image/svg+xml;base64,", "data:image/png;base64,")) for src in page.images)
    rest = page.outside_data_uris()
    assert "http" not in rest and "file:" not in rest and "url(" not in rest.replace("url()", "")
    assert "<script" not in rest and "<link" not in rest


def test_session_page(session) -> None:
    report = build_session_report(session.csv)
    assert report.html == session.csv.with_suffix(".html")
    page = read_page(report.html)
    text = page.body_text
    for label in session.students:
        assert label in text
    for message in session.messages:
        assert message in text
    assert ATTENTION_RULE in text
    assert "camera 0" in text and "emonet_s" in text  # sidecar metadata
    _self_contained(page)
    assert len(page.images) == 2 + len(session.students)  # mood, shares, a strip per student


def test_korean_is_intact_and_its_glyphs_are_embedded(session) -> None:
    from fontTools.ttLib import TTFont

    page = read_page(build_session_report(session.csv).html)
    korean = [label for label in session.students if not label.startswith("face ")]
    assert korean and all(label in page.body_text for label in korean)
    font = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page.html)
    assert font, "no embedded font"
    cmap = TTFont(io.BytesIO(base64.b64decode(font.group(1)))).getBestCmap()
    used = {ch for text in (*korean, *session.messages) for ch in text if ord(ch) > 0x3000}
    assert used and all(ord(ch) in cmap for ch in used)
    assert len(font.group(1)) < 300_000  # a subset, not the 4.7 MB font


def test_text_from_the_files_is_escaped(session) -> None:
    session.chat.write_text(session.chat.read_text(encoding="utf-8").replace(
        "질문 있어요", "<script>alert('x')</script> <b>굵게</b>"), encoding="utf-8")
    page = read_page(build_session_report(session.csv).html)
    assert "<script>alert('x')</script> <b>굵게</b>" in page.body_text
    _self_contained(page)


@pytest.mark.parametrize("students", [1, 45])
def test_one_student_and_a_full_class(tmp_path: Path, students: int) -> None:
    s = write_session(tmp_path, students=students, minutes=3, messages=30, seed=students)
    page = read_page(build_session_report(s.csv, tmp_path / "out.html").html)
    rows = re.findall(r'<tr class="(flag|)">', page.html)
    assert len(rows) == students
    assert rows == sorted(rows, key=lambda c: c != "flag")  # those who may need attention first
    for label in s.students:
        assert label in page.body_text


def test_a_failed_build_leaves_no_page(session, monkeypatch) -> None:
    out = session.csv.with_suffix(".html")
    out.write_text("the previous report", encoding="utf-8")

    def broken(summary, lang=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build, "render_summary", broken)
    with pytest.raises(RuntimeError):
        build_session_report(session.csv)
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_bad_output_is_refused_before_any_work(session, tmp_path: Path) -> None:
    with pytest.raises(ReportInputError, match="output folder does not exist"):
        build_session_report(session.csv, tmp_path / "nowhere" / "r.html")
    with pytest.raises(ReportInputError, match="is a folder"):
        build_session_report(session.csv, tmp_path)


def test_write_atomic_keeps_the_old_page_when_writing_fails(tmp_path: Path) -> None:
    from core.report.page import write_atomic

    out = tmp_path / "r.html"
    write_atomic(out, "<p>old</p>")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(out, "<p>" + "가" * 100_000 + "\ud800</p>")  # fails after most of it is written
    assert out.read_text(encoding="utf-8") == "<p>old</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
