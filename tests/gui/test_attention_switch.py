"""The window's Attention switch: off by default, remembered, feeds cards, the class strip and the selected face's strip."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QRect, QSettings  # noqa: E402
from PySide6.QtGui import QFont, QImage, QPainter  # noqa: E402

from core.live.engine import LiveEngine  # noqa: E402
from core.live.roster import StudentState  # noqa: E402
from core.records import Attention  # noqa: E402
from gui.class_panel import CARD, attention_mark, paint_card  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from tests.gui.test_main_window import loop_spec  # noqa: E402


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, factory, settings, tmp_path) -> MainWindow:
    w = MainWindow(LiveEngine(factory), settings)
    w.choose_output_folder(str(tmp_path / "sessions"))
    qtbot.addWidget(w)
    w.show()
    return w


def test_off_by_default_then_on_and_remembered(qtbot, factory, settings, tmp_path, synthetic_frames):
    w = make_window(qtbot, factory, settings, tmp_path)
    assert not w.act_attention.isChecked() and not w.engine.attention
    assert not w.class_panel.looking.isVisibleTo(w) and "Attention" not in w.consent_box.text()
    w.act_attention.trigger()
    assert w.act_attention.isChecked() and w.engine.attention
    assert w.class_panel.looking.isVisibleTo(w) and w.attention_plot.isVisibleTo(w)
    assert "Attention signals are on" in w.consent_box.text()
    w.set_source(loop_spec(synthetic_frames))
    qtbot.waitUntil(lambda: w.engine.latest() is not None and any(
        f.attention is not None and f.attention.measured for f in w.engine.latest().faces), timeout=20000)
    qtbot.waitUntil(lambda: "yaw" in w.attention_label.text(), timeout=5000)
    student = w.roster.students()[0]
    assert student.attention is not None and student.attention.measured
    w.close()
    again = make_window(qtbot, factory, settings, tmp_path)
    assert again.act_attention.isChecked() and again.engine.attention  # remembered in QSettings
    again.act_attention.trigger()
    assert not again.engine.attention and not again.class_panel.looking.isVisibleTo(again)
    again.close()


def test_cards_mark_eyes_closed_and_looking_away(qapp):
    s = StudentState(1, "", np.full(7, 1 / 7), 4, 0.0, 0.0, 10.0)
    assert attention_mark(s) == ""
    s.attention = Attention(2.0, 0.0, 0.0, 0.3, False, False, False)
    assert attention_mark(s) == ""
    s.attention = Attention(45.0, 0.0, 0.0, 0.3, False, True, False)
    assert "looking away" in attention_mark(s)
    s.attention = Attention(0.0, 0.0, 0.0, 0.05, True, False, False)
    assert "eyes closed" in attention_mark(s)
    img = QImage(CARD, QImage.Format.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    paint_card(p, QRect(0, 0, CARD.width(), CARD.height()), s, 10.0, False, QFont())
    p.end()
    lower = np.array([[img.pixelColor(x, y).red() > 200 and img.pixelColor(x, y).green() < 120
                       for x in range(56, CARD.width())] for y in range(40, 54)])
    assert lower.any()  # the orange mark is drawn on the card's second status line
