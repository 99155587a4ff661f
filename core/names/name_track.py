"""`analyze`'s tile names: labels read beside the analysis, one frame behind, names laid on each frame's faces.

Cost: at most `MAX_READS_PER_FRAME` OCR reads a frame (3-20 ms each), almost all in the first
seconds of a gallery and then one face's label every few frames, plus ~1 ms of bookkeeping a
frame; `benchmarks/bench_names.py` measures it against `analyze`'s frames/s.

Design: frame N's labels are read on the track's own thread while the frame loop goes on to
analyse frame N+1; frame N+1 waits for that reading and carries the names as they stand after
it. Reading a label is mostly Tesseract and the syllable network, which leave the GIL, and on
one thread in-line it left the second core idle while the analysis that uses both waited (the
frames/s lost were about twice the CPU share). The hand-off is fixed, never "whenever the
reading is done", so a run stays deterministic: the same video gives the same names on the
same frames, on any machine and under any load.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import numpy as np

from core.names.ocr import LabelReader
from core.names.syllables import shipped_checker
from core.names.tile_names import TileNamer, camera_off_names
from core.records import FaceResult, FrameResult

MAX_READS_PER_FRAME = 2


class NameTrack:
    """Names each frame's faces from their tiles' labels (the frames must carry their image); `finish` at the end."""

    def __init__(self, reader: LabelReader, participants: Sequence[str] = (),
                 max_reads: int = MAX_READS_PER_FRAME, hints: Iterable[str] = (), syllables: bool = True) -> None:
        self.namer = TileNamer(reader, participants, hints, checker=shipped_checker() if syllables else None)
        self.max_reads = max_reads
        self.camera_off_seen: dict[str, float] = {}  # every camera-off participant, with when last seen
        self.tiles = 0  # the most tiles the gallery's grid has had
        self._pool: ThreadPoolExecutor | None = None
        self._reading: Future | None = None  # the last frame's reading, in flight
        self.cpu_s = 0.0  # CPU seconds the reading thread spent (for benchmarks: it is not the frame loop's)

    def apply(self, result: FrameResult) -> FrameResult:
        """The result with its faces named as the frames before it were read (and without its image: nothing
        downstream keeps pixels); its own labels are read while the next frame is analysed."""
        self._wait()
        names = self.namer.names
        faces = [f if names.get(f.face_id, f.name) == f.name else replace(f, name=names[f.face_id])
                 for f in result.faces] if names else result.faces
        if result.image is not None:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="emosync-names")
            self._reading = self._pool.submit(self._step, result.image, result.faces, result.time_s)
        return replace(result, faces=faces, image=None)

    def finish(self) -> None:
        """Wait for the last frame's reading and end the reading thread; raises what that reading raised."""
        try:
            self._wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    def _step(self, image: np.ndarray, faces: Sequence[FaceResult], t: float) -> None:
        c0 = time.thread_time()
        self.namer.step(image, faces, t, self.max_reads)
        self.camera_off_seen.update(self.namer.camera_off)
        self.tiles = max(self.tiles, self.namer.tiles)
        self.cpu_s += time.thread_time() - c0

    def _wait(self) -> None:
        reading, self._reading = self._reading, None
        if reading is not None:
            reading.result()

    def meta(self) -> dict[str, object]:
        """What the sidecar keeps: `names` (face id -> name), `name_sources` (face id -> `tile` or
        `participants`) and `camera_off`: participants whose tile showed only their name, all along (nobody
        named on camera, and never more than the grid's tiles hold with the names on camera)."""
        self._wait()
        names, sources = self.namer.names, self.namer.sources
        on_camera = set(names.values())
        off = camera_off_names(on_camera, self.camera_off_seen, self.tiles)
        return {"names": {str(k): v for k, v in sorted(names.items())},
                "name_sources": {str(k): v for k, v in sorted(sources.items())},
                "camera_off": sorted(n for n in off if n not in on_camera)}
