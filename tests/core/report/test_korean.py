"""The report pages in Korean: every word from the strings table, dates and durations written the Korean way."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic_session import write_session
from cli.entry import main
from core.report.build import build_session_report
from core.report.folder import build_folder_report
from core.report.page import render_index, render_session
from core.report.plots import mood_plot, shares_plot, strip_plots
from core.report.session import load_session
from core.report.strings import KO, Strings, system_language
from core.report.students import summarise
from tests.core.report.conftest import read_page

ENGLISH_HEADINGS = ("Class mood over time", "Students at a glance", "Longest negative stretch", "Presence gaps",
                    "Listed first", "Made by EmoSync")


def test_every_word_of_a_korean_session_page_is_in_the_table(tmp_path: Path):
    s = write_session(tmp_path / "c", students=8, minutes=3, messages=6, seed=2)
    summary = summarise(load_session(s.csv))
    t = Strings("ko")
    html = render_session(summary, mood_plot(summary, t), shares_plot(summary.students, t),
                          strip_plots(summary.students), t)
    render_index("색인", [], [], [("x.csv", "이유")], t)
    assert t.missing == set(), f"not in core/report/strings.py: {sorted(t.missing)}"
    assert '<html lang="ko">' in html


def test_report_lang_ko_and_en(tmp_path: Path, capsys):
    s = write_session(tmp_path / "c", students=5, minutes=2, messages=4, seed=3)
    assert main(["report", str(s.csv), "--lang", "ko", "--out", str(tmp_path / "ko.html"), "--quiet"]) == 0
    ko = read_page(tmp_path / "ko.html").body_text
    for heading in ENGLISH_HEADINGS:
        assert heading not in ko
    for word in ("시간에 따른 학급 분위기", "학생", "채팅", "2025년 3월 1일 09:00:00", "초당 10프레임 (100ms 간격)"):
        assert word in ko, word
    assert main(["report", str(s.csv), "--lang", "en", "--out", str(tmp_path / "en.html"), "--quiet"]) == 0
    en = read_page(tmp_path / "en.html").body_text
    assert "Class mood over time" in en and "2025-03-01 09:00:00" in en and "시간에 따른" not in en


def test_the_default_follows_the_system_language(tmp_path: Path, monkeypatch):
    s = write_session(tmp_path / "c", students=3, minutes=1, messages=0)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert system_language() == "ko"
    page = read_page(build_session_report(s.csv).html).body_text
    assert "시간에 따른 학급 분위기" in page
    index = read_page(build_folder_report(tmp_path / "c").index).body_text
    assert "여러 수업에 걸친 학생" in index and "Students across sessions" not in index


def test_korean_durations():
    t = Strings("ko")
    assert (t.length(42), t.length(185), t.length(7440)) == ("42초", "3분 05초", "2시간 04분")
    assert all(v.strip() for v in KO.values())
