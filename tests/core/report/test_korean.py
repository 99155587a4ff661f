"""The report pages in Korean: every word from the strings table, dates and durations written the Korean way."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from benchmarks.synthetic_session import write_session
from core.classes import EMOTIONS
from core.report.attention import ClassAttention, StudentAttention
from cli.entry import main
from core.report.build import build_session_report
from core.report.folder import build_folder_report
from core.report.page import render_index, render_session
from core.report.plots import attention_plot, mood_plot, shares_plot, strip_plots
from core.report.session import load_session
from core.report.strings import KO, Strings, system_language
from core.report.students import summarise
from tests.core.report.conftest import Page as read_html, name_the_class, read_page
from tests.core.report.english import english_strings, fragments

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


# Latin words a Korean page may show: file names, units, product and font names, model digests.
ALLOWED_LATIN = re.compile(r"emosync_\w+(\.\w+)*|\w+\.(csv|json|mp4|txt)|EmoSync|CSV|MB|kB|ms|CPU|GPU|CUDA|UTC|"
                           r"NanumGothic|NAVER|SIL|Open|Font|License|AI|EU|emonet_\w+|[0-9a-f]{12}")


def _named_class(tmp_path: Path) -> Path:
    s = write_session(tmp_path / "c", students=9, minutes=12, messages=10, seed=5)
    name_the_class(s)
    return s.csv


def test_a_korean_named_class_shows_no_english_text_of_the_report(tmp_path: Path):
    """Against the registry of every English text the report has (tests/core/report/english.py): each is in the
    Korean table, and none of their words is on the Korean page of a class that uses every row."""
    registry = english_strings()
    assert not registry - set(KO), f"not in core/report/strings.py: {sorted(registry - set(KO))}"
    assert not set(KO) - registry - set(EMOTIONS), f"never shown: {sorted(set(KO) - registry - set(EMOTIONS))}"
    summary = summarise(load_session(_named_class(tmp_path)))
    t = Strings("ko")
    looking = np.linspace(0.2, 0.9, len(summary.mood))
    attention = ClassAttention(tuple(StudentAttention(s.label, 60.0, 0.1, 0.05) for s in summary.students), looking)
    html = render_session(summary, mood_plot(summary, t), shares_plot(summary.students, t),
                          strip_plots(summary.students), t, attention, attention_plot(summary, looking, t))
    assert t.missing == set()
    page = read_page_text(html)
    words_left = ALLOWED_LATIN.sub(" ", page)  # file names may spell "chat"
    for text in registry:
        for words in fragments(text):
            assert not re.search(rf"\b{re.escape(words)}\b", words_left), f"English on the Korean page: {words!r}"
    latin = {w for w in re.findall(r"[A-Za-z][A-Za-z_.]*[A-Za-z]", words_left)}
    assert latin <= {"Kim", "Minsu"}, f"Latin words on the Korean page: {sorted(latin)}"  # a participant's own name
    for row in ("참가자", "11명: 화면에 보인 학생 9명, 처음부터 끝까지 카메라를 끈 사람 2명", "2명은 화면 타일에서 읽음",
                "lecture.mp4 (812.3 MB, 2025년 3월 1일", "2프레임마다 한 프레임 분석", "반감기 1.5초로 평활화",
                "이름을 participants.csv의 명단과 맞춤", "얼굴 감정 모델 0123456789ab", "5초 이하로 안 보인 때는"):
        assert row in page, row


def read_page_text(html: str) -> str:
    """The page's visible text and alt texts (a screen reader reads those too)."""
    visible = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    visible = re.sub(r'<td class="msg">.*?</td>', " ", visible, flags=re.S)  # what students wrote is theirs
    return read_html(visible).body_text + " " + " ".join(re.findall(r'alt="([^"]*)"', html))


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
