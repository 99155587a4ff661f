"""The chat box: non-blocking scoring on qasync, feedback on bad input, and session recording."""

from __future__ import annotations

import asyncio
import csv
import os
import time

import numpy as np
import pytest

pytest.importorskip("PySide6")
os.environ.setdefault("QT_API", "pyside6")
import qasync  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402

from core.classes import EMOTIONS  # noqa: E402
from core.recording.chat_log import read_chat_csv  # noqa: E402
from core.text.guard import MAX_MESSAGE_CHARS  # noqa: E402
from gui.chat_panel import Author, ChatPanel, all_classes  # noqa: E402

HAPPY = np.eye(7)[3]


@pytest.fixture()
def loop(qapp):
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()  # now, while Qt objects live; at interpreter exit it would raise


def slow_scorer(texts):
    time.sleep(0.8)
    return np.stack([HAPPY for _ in texts])


@pytest.fixture()
def panel(qtbot):
    face = np.eye(7)[3] * 0.6 + np.eye(7)[4] * 0.4
    p = ChatPanel(lambda: slow_scorer, clock=lambda: 12.5, face_now=lambda _author: Author(1, "", face))
    qtbot.addWidget(p)
    yield p
    p.shutdown()


def test_window_stays_responsive_while_a_message_is_scored(panel, loop, qtbot):
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    scored = []
    panel.messageScored.connect(scored.append)

    async def scenario():
        panel.input.setText("오늘 정말 행복해요 😀")
        panel.submit()
        await asyncio.sleep(0.2)
        assert panel.pending == 1 and panel.input.isEnabled() and panel.input.text() == ""
        panel.input.setText("두 번째 메시지")  # typing goes on meanwhile
        panel.submit()
        while len(scored) < 2:
            await asyncio.sleep(0.02)

    t0 = time.monotonic()
    loop.run_until_complete(asyncio.wait_for(scenario(), 10))
    timer.stop()
    assert time.monotonic() - t0 >= 1.5  # two slow scorings, one after the other
    gaps = np.diff(ticks)
    assert len(ticks) > 50 and gaps.max() < 0.25  # the event loop never froze for a scoring
    first = scored[0]
    assert first.text == "오늘 정말 행복해요 😀" and first.time_s == 12.5
    assert np.allclose(first.text_probs, HAPPY) and 0 < first.similarity < 1
    item = panel.history.item(0)
    assert "happy" in item.text() and "similarity" in item.text()
    assert not item.icon().isNull()  # the seven text bars beside the face's
    assert all(e in item.toolTip() for e in EMOTIONS) and "face:" in item.toolTip()


def test_length_cap_and_empty_messages_get_feedback(panel, loop):
    panel.input.setText("가" * (MAX_MESSAGE_CHARS + 1))
    assert "Too long" in panel.feedback.text() and "bold" in panel.counter.styleSheet()
    panel.submit()
    assert panel.history.count() == 0 and panel.input.text()  # kept for editing
    panel.input.setText("  \x00 ")
    panel.submit()
    assert "Empty message" in panel.feedback.text() and panel.history.count() == 0


def test_missing_text_model_is_reported_on_the_message(qtbot, loop):
    def broken():
        raise FileNotFoundError("no text model in /nowhere")

    p = ChatPanel(broken, clock=lambda: 0.0, face_now=lambda _author: Author(None))
    qtbot.addWidget(p)
    p.input.setText("안녕")
    p.submit()
    loop.run_until_complete(asyncio.wait_for(_until(lambda: "⚠" in p.history.item(0).text()), 10))
    assert "no text model" in p.history.item(0).text()
    p.shutdown()


async def _until(cond):
    while not cond():
        await asyncio.sleep(0.02)


def test_session_records_chat_and_congruence(qtbot, loop, tmp_path, tiny_weights, synthetic_frames):
    from core.live.engine import LiveEngine
    from gui.main_window import MainWindow
    from tests.gui.test_main_window import loop_spec

    def factory(device):
        from core.vision.analyzer import FrameAnalyzer
        from core.vision.classifier import EmotionClassifier
        from core.vision.detector import FaceDetector
        from core.vision.finder import FaceFinder

        return FrameAnalyzer(FaceFinder(FaceDetector()), EmotionClassifier(tiny_weights, device=device))

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(LiveEngine(factory), settings, load_text_scorer=lambda: (lambda texts: np.stack([HAPPY] * len(texts))))
    qtbot.addWidget(w)
    w.choose_output_folder(str(tmp_path / "sessions"))
    w.set_source(loop_spec(synthetic_frames))
    w.start_session()

    async def scenario():
        await _until(lambda: w.state.view is not None and w.state.view.probs is not None)
        w.chat.input.setText("=SUM(A1) 기뻐요\t")
        w.chat.submit()
        await _until(lambda: len(w.chat.messages) == 1)
        n = w.engine.analysed
        await _until(lambda: w.engine.analysed > n + 5)

    loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert "congruence:" in w.congruence_label.text()
    w.stop_session()
    session_csv = w.last_session_csv
    chat = read_chat_csv(session_csv.with_name(session_csv.stem + ".chat.csv"))
    assert len(chat) == 1 and chat[0]["text"] == "=SUM(A1) 기뻐요" and chat[0]["text_dominant"] == "happy"
    assert chat[0]["similarity"] != ""
    with open(session_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    with_text = [r for r in rows if r["text_happy"]]
    assert with_text and all(r["congruence"] for r in with_text if r["face_id"])
    assert rows[0]["text_happy"] == ""  # before the first message
    w.close()


def test_tooltip_text_names_every_class_in_order():
    text = all_classes(np.full(7, 1 / 7))
    assert [part.split()[0] for part in text.split(", ")] == list(EMOTIONS)
