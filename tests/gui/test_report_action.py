"""*Report…* in the window: disabled until a session is saved, writes the page off the GUI thread, opens it; and Hangul fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PySide6.QtGui import QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from benchmarks.synthetic_session import write_session  # noqa: E402
from gui.fonts import install_korean_font  # noqa: E402
from gui.report_action import ReportAction  # noqa: E402
from tests.gui.test_main_window import loop_spec, settings, window  # noqa: E402, F401  (fixtures)


@pytest.fixture()
def action(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    messages, opened, target = [], [], []
    act = ReportAction(parent, lambda: target[0] if target else None, lambda kind, text: messages.append((kind, text)),
                       open_url=opened.append)
    yield act, target, messages, opened
    del parent  # alive until here: it owns the action


def test_writes_and_opens_the_report(action, qtbot, tmp_path: Path) -> None:
    act, target, messages, opened = action
    assert not act.isEnabled()
    session = write_session(tmp_path, students=2, minutes=1)
    target.append(session.csv)
    act.session_recorded()
    assert act.isEnabled()
    with qtbot.waitSignal(act.done, timeout=30000):
        act.trigger()
        assert act.busy and not act.isEnabled()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    page = session.csv.with_suffix(".html")
    assert [u.toLocalFile() for u in opened] == [str(page)] and page.is_file()
    assert messages == [("info", f"Report written: {page}")]
    assert act.isEnabled() and not act.busy


def test_a_bad_session_is_a_message_not_a_crash(action, qtbot, tmp_path: Path) -> None:
    act, target, messages, opened = action
    bad = tmp_path / "cut.csv"
    bad.write_text("frame,time_s\n0,0.0", encoding="utf-8")
    target.append(bad)
    act.session_recorded()
    with qtbot.waitSignal(act.done, timeout=30000):
        act.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages[0][0] == "error" and "truncated" in messages[0][1]
    assert opened == [] and act.isEnabled()


def test_window_enables_report_after_a_session(window, qtbot, synthetic_frames) -> None:  # noqa: F811
    assert not window.act_report.isEnabled()
    opened = []
    window.act_report._open_url = opened.append
    window.set_source(loop_spec(synthetic_frames))
    window.start_session()
    qtbot.waitUntil(lambda: window.engine.analysed > 5, timeout=15000)
    window.stop_session()
    assert window.act_report.isEnabled()
    window.act_report.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    assert opened[0].toLocalFile() == str(window.last_session_csv.with_suffix(".html"))


def test_korean_font_backs_the_application_font(qapp) -> None:
    before = qapp.font()
    try:
        family = install_korean_font(qapp)
        assert family == "NanumGothic"
        assert family in QFontDatabase.families()
        assert qapp.font().families()[-1] == family
        assert install_korean_font(qapp) == family and qapp.font().families().count(family) == 1
    finally:
        qapp.setFont(before)
