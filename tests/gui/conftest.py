"""Qt tests: Qt objects are destroyed on the GUI thread, at the end of the test that made them."""

from __future__ import annotations

import gc

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402


@pytest.fixture(autouse=True)
def qt_garbage_on_the_gui_thread(qapp):
    """Collect garbage only here, on the GUI thread.

    Left to itself, Python's cyclic collector runs in whichever thread allocates next: often
    a capture or inference thread. Destroying a closed window there frees its widgets' live
    timers from the wrong thread and corrupts Qt's timer list (a segfault in activateTimers a
    little later). The app itself guards against the same with gui.app's collector timer.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        for widget in qapp.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.enable()
