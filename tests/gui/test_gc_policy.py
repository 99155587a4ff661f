"""Cyclic garbage collection on the GUI thread only, with start-up objects frozen out of it."""

from __future__ import annotations

import gc
import threading

from gui.gc_policy import GuiThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collects_on_the_gui_thread_and_freezes_when_ready(qtbot):
    collector = GuiThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        collected_on: list[str] = []

        def note(phase, info):
            if phase == "stop":
                collected_on.append(threading.current_thread().name)
        gc.callbacks.append(note)
        try:
            for _ in range(5000):  # cyclic garbage past the young generation's threshold
                Cycle()
            qtbot.waitUntil(lambda: bool(collected_on), timeout=2000)
        finally:
            gc.callbacks.remove(note)
        assert set(collected_on) == {threading.main_thread().name}
        ready = {"now": False}
        collector.freeze_when(lambda: ready["now"], poll_ms=10)
        qtbot.wait(50)
        assert not collector.frozen
        ready["now"] = True
        qtbot.waitUntil(lambda: collector.frozen, timeout=2000)
        assert gc.get_freeze_count() > 0
    finally:
        collector.stop()
    assert gc.isenabled() and gc.get_freeze_count() == 0
