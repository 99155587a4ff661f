"""Python's cyclic garbage collector, run only on the GUI thread and kept off the loaded models.

Left automatic, a collection runs in whichever thread happens to allocate next, often the
capture or inference thread. A Qt object in a garbage cycle is then destroyed off its thread,
which can corrupt Qt's timer list and crash. And every full collection walks every object the
models and libraries created at start-up (tens of milliseconds on this CPU: a visible stall).
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Disables automatic GC and collects on a timer on this thread; freezes start-up objects."""

    # Often enough that each young-generation collection stays small (a model loading in a
    # worker allocates hundreds of thousands of objects a second).
    def __init__(self, interval_ms: int = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.frozen = False
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)  # an older generation's collection includes the younger
                return

    def freeze_when(self, ready: Callable[[], bool], poll_ms: int = 200) -> None:
        """Once `ready()` (the models are loaded), move every object alive into the permanent
        generation: later collections no longer walk them."""
        def check() -> None:
            if ready():
                gc.freeze()  # no full collection first: that alone stalls ~0.3 s; a few cycles leak
                self.frozen = True
            else:
                QTimer.singleShot(poll_ms, self, check)
        QTimer.singleShot(poll_ms, self, check)

    def stop(self) -> None:
        """Back to automatic collection."""
        self.timer.stop()
        gc.unfreeze()
        gc.enable()
