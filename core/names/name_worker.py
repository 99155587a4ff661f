"""The window's tile names: labels read on a thread of their own, off the video path.

Cost on the inference thread: one reference hand-off per analysed frame (`offer`), refused at
once while a read is in flight, so there is never more than one OCR call running and the
video never waits for one. The worker loads Tesseract's data itself (~0.2 s), then runs
`TileNamer.step` on the newest frame it was handed: at most `MAX_READS` labels, ~5-60 ms.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from core.names.ocr import create_reader
from core.names.syllables import shipped_checker
from core.names.tile_names import TileNamer
from core.records import FrameResult

MAX_READS = 3  # labels per step: a step stays short, so a rename is noticed within a second or so

NamesCallback = Callable[[dict[int, str], dict[int, str], dict[str, float]], None]


class NameWorker:
    """Reads tile names from the frames it is offered; calls `on_names(names, sources, camera_off)` on changes."""

    def __init__(self, on_names: NamesCallback, on_warning: Callable[[str], None]) -> None:
        self._on_names, self._on_warning = on_names, on_warning
        self._cond = threading.Condition()
        self._item: FrameResult | None = None
        self._busy = False
        self._stop = False
        self._reset = False
        self._participants: list[str] | None = None
        self._hints: set[str] = set()  # every chat author heard so far (TileNamer.set_hints)
        self._hints_changed = False
        self._thread: threading.Thread | None = None
        self.available = True  # False once Tesseract could not start (the warning said why)
        self.namer: TileNamer | None = None  # the worker thread's (others only read it)

    def start(self) -> None:
        """Start the thread (it loads the OCR data first)."""
        if self._thread is None:
            self._stop = False
            self._thread = threading.Thread(target=self._loop, name="emosync-names", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop and join the thread (within a step's time)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def offer(self, result: FrameResult) -> bool:
        """Hand over an analysed frame (with its image); False, at once, while a read is in flight."""
        if result.image is None or not self.available:
            return False
        with self._cond:
            if self._busy or self._thread is None:
                return False
            self._item, self._busy = result, True
            self._cond.notify()
        return True

    def set_participants(self, names: Iterable[str]) -> None:
        """Match readings to these names from the next step on."""
        with self._cond:
            self._participants = list(names)

    def add_hints(self, names: Iterable[str]) -> None:
        """Chat authors, names the tiles may spell (as `analyze --chat` gives its namer): used from the next step on."""
        with self._cond:
            new = {n for n in names if n} - self._hints
            if new:
                self._hints |= new
                self._hints_changed = True

    def reset_layout(self) -> None:
        """A new source: forget tiles and camera-off seats (names of face ids stay)."""
        with self._cond:
            self._reset = True

    @property
    def busy(self) -> bool:
        """Whether a read is in flight."""
        return self._busy

    def _loop(self) -> None:
        reader, why = create_reader()
        if reader is None:
            self.available = False
            self._on_warning(why or "name reading is off")
            return
        namer = self.namer = TileNamer(reader, checker=shipped_checker())
        try:
            while True:
                with self._cond:
                    while self._item is None and not self._stop:
                        self._cond.wait(0.5)
                    if self._stop:
                        return
                    item, self._item = self._item, None
                    participants, self._participants = self._participants, None
                    reset, self._reset = self._reset, False
                    hints = set(self._hints) if self._hints_changed else None
                    self._hints_changed = False
                try:
                    if reset:
                        namer.forget_layout()
                    if hints is not None:
                        namer.set_hints(hints)
                    if participants is not None:
                        namer.set_participants(participants)
                        namer.rematch()
                    assert item is not None and item.image is not None
                    if namer.step(item.image, item.faces, item.time_s, MAX_READS) or participants is not None or reset:
                        self._on_names(namer.names, namer.sources, namer.camera_off)
                except Exception as e:  # a bad frame must not end name reading
                    self._on_warning(f"name reading failed on a frame: {e}")
                finally:
                    with self._cond:
                        self._busy = False
        finally:
            reader.close()
