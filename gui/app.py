"""Starting the window: the Qt application, options from the command line, the screenshot mode."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from core.live.engine import LiveEngine
from core.sources.spec import SourceSpec
from gui.app_icon import app_icon
from gui.fonts import install_korean_font
from gui.gc_policy import GuiThreadCollector
from gui.i18n import chosen_language, install_language
from gui.main_window import MainWindow

STARTUP_REPORT_ENV = "EMOSYNC_STARTUP_REPORT"


def report_startup_times(window: MainWindow, out: Path, timeout_s: float = 120.0) -> None:
    """Write {"window_shown": t, "first_result": t} (wall-clock seconds) to `out` as JSON.

    For benchmarks/bench_startup.py, which compares them with the moment it launched us.
    """
    times: dict[str, float] = {}
    start = time.monotonic()

    def tick() -> None:
        handle = window.windowHandle()
        if "window_shown" not in times and handle is not None and handle.isExposed():
            times["window_shown"] = time.time()
        if "first_result" not in times and window.state.last_index >= 0:
            times["first_result"] = time.time()
        if len(times) == 2 or time.monotonic() - start > timeout_s:
            out.write_text(json.dumps(times))
            return
        QTimer.singleShot(10, tick)

    QTimer.singleShot(0, tick)


def send_when_faces_show(window: MainWindow, messages: list[str], gap_ms: int = 1000) -> None:
    """Type scripted chat messages (screenshots, demos) once results show, one every `gap_ms`,
    so each meets a face rather than the model still loading."""

    def send(i: int) -> None:
        window.chat.input.setText(messages[i])
        window.chat.submit()
        if i + 1 < len(messages):
            QTimer.singleShot(gap_ms, lambda: send(i + 1))

    def wait() -> None:
        if window.state.last_index >= 0:
            QTimer.singleShot(gap_ms, lambda: send(0))
        else:
            QTimer.singleShot(100, wait)

    wait()


def take_screenshot_when_ready(window: MainWindow, out: Path, settle_s: float = 2.0, timeout_s: float = 60.0,
                               messages: int = 0) -> None:
    """Save `window.grab()` to `out` once results (and `messages` scored chat messages) have shown
    for `settle_s` seconds, then quit."""
    start = time.monotonic()
    first: list[float] = []

    def tick() -> None:
        now = time.monotonic()
        ready = window.state.last_index >= 0 and len(window.chat.messages) >= messages
        if ready and not first:
            first.append(now)
        if (first and now - first[0] >= settle_s) or now - start > timeout_s:
            window.grab().save(str(out))
            print(f"screenshot saved: {out}", file=sys.stderr)
            window.close()
            QApplication.instance().quit()
            return
        QTimer.singleShot(100, tick)

    QTimer.singleShot(100, tick)


def run(source: str | None = None, screenshot: str | None = None, device: str | None = None,
        text_model: str | None = None, messages: list[str] | None = None) -> int:
    """Open the main window (optionally on a video file) on a qasync event loop; returns at quit."""
    os.environ.setdefault("QT_API", "pyside6")
    import qasync

    from gui.main_window import default_text_scorer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("EmoSync")
    app.setWindowIcon(app_icon())
    app.setOrganizationName("EmoSync")
    install_korean_font(app)
    install_language(chosen_language(QSettings("EmoSync", "EmoSync")))  # before any window text is made
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector()  # before any worker thread starts: gui/gc_policy.py
    window = MainWindow(LiveEngine(device=device) if device else None,
                        load_text_scorer=lambda: default_text_scorer(text_model))
    if device:
        window.set_device(device)
    collector.freeze_when(window.models_loaded)
    window.show()
    if os.environ.get(STARTUP_REPORT_ENV):
        report_startup_times(window, Path(os.environ[STARTUP_REPORT_ENV]))
    if source:
        window.set_source(SourceSpec("file", source))
    if messages:
        send_when_faces_show(window, messages)
    if screenshot:  # with scripted messages, wait until they are scored and have fed the plots
        take_screenshot_when_ready(window, Path(screenshot), settle_s=3.0, messages=len(messages or []))
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    collector.stop()
    return 0
