from __future__ import annotations

import threading
import time

import core.names.name_worker as nw
from core.names.name_worker import NameWorker
from core.names.ocr import LineText
from core.records import FrameResult


class SlowReader:
    """Takes 100 ms a line and counts how many reads ever overlapped."""

    def __init__(self) -> None:
        self.running, self.most, self.calls = 0, 0, 0
        self.lock = threading.Lock()

    def read(self, line) -> LineText:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.calls += 1
        time.sleep(0.1)
        with self.lock:
            self.running -= 1
        return LineText("김민준", 95.0)

    def close(self) -> None:
        pass


def test_one_read_in_flight_and_the_video_never_waits(monkeypatch, gallery) -> None:
    reader = SlowReader()
    monkeypatch.setattr(nw, "create_reader", lambda: (reader, None))
    changes = []
    worker = NameWorker(lambda names, sources, off: changes.append(dict(names)), lambda text: None)
    worker.start()
    try:
        image = gallery.frame()
        faces = gallery.results()
        refused, slowest = 0, 0.0
        t0 = time.monotonic()
        while time.monotonic() - t0 < 2.5:
            r = FrameResult(0, time.monotonic() - t0, faces, image)
            start = time.perf_counter()
            refused += not worker.offer(r)
            slowest = max(slowest, time.perf_counter() - start)
            time.sleep(0.01)
        assert reader.calls > 0 and reader.most == 1
        assert refused > 0 and slowest < 0.05  # refused at once while a read (0.1 s) runs, whatever the load
        assert changes and set(changes[-1].values()) == {"김민준"}
    finally:
        worker.stop()


def test_missing_ocr_is_one_warning_and_offers_are_refused(monkeypatch) -> None:
    monkeypatch.setattr(nw, "create_reader", lambda: (None, "name reading is off: kor.traineddata not found"))
    warnings = []
    worker = NameWorker(lambda *a: None, warnings.append)
    worker.start()
    deadline = time.monotonic() + 5
    while worker.available and time.monotonic() < deadline:
        time.sleep(0.01)
    import numpy as np

    assert warnings == ["name reading is off: kor.traineddata not found"]
    assert not worker.offer(FrameResult(0, 0.0, [], np.zeros((4, 4, 3), np.uint8)))
    worker.stop()


def test_chat_authors_reach_the_namer_as_hints_once(monkeypatch, gallery) -> None:
    from core.names.tile_names import TileNamer

    heard: list[set[str]] = []
    original = TileNamer.set_hints
    monkeypatch.setattr(TileNamer, "set_hints", lambda self, names: heard.append(set(names)) or original(self, names))
    monkeypatch.setattr(nw, "create_reader", lambda: (SlowReader(), None))
    worker = NameWorker(lambda *a: None, lambda text: None)
    worker.start()
    try:
        image, faces = gallery.frame(), gallery.results()

        def step_once() -> None:
            deadline = time.monotonic() + 5
            while not worker.offer(FrameResult(0, 0.0, faces, image)) and time.monotonic() < deadline:
                time.sleep(0.01)
            while worker.busy and time.monotonic() < deadline:
                time.sleep(0.01)

        step_once()
        worker.add_hints(["김민준", ""])
        step_once()
        worker.add_hints(["김민준"])  # already heard: nothing new to hand over
        step_once()
        worker.add_hints(["Park Jiwoo"])
        step_once()
    finally:
        worker.stop()
    given = [h for h in heard if h]
    assert given == [{"김민준"}, {"김민준", "Park Jiwoo"}]
