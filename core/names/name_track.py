"""`analyze`'s tile names: labels read in-line on the analysed frames, names laid on each frame's faces.

Cost: at most `MAX_READS_PER_FRAME` OCR reads a frame (3-20 ms each), almost all in the first
seconds of a gallery and then one face's label every few frames; `benchmarks/bench_names.py`
measures it against `analyze`'s frames/s. In-line, so a run is deterministic: the same video
gives the same names on the same frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from core.names.ocr import LabelReader
from core.names.syllables import shipped_checker
from core.names.tile_names import TileNamer, camera_off_names
from core.records import FrameResult

MAX_READS_PER_FRAME = 2


class NameTrack:
    """Names each frame's faces from their tiles' labels (the frames must carry their image)."""

    def __init__(self, reader: LabelReader, participants: Sequence[str] = (),
                 max_reads: int = MAX_READS_PER_FRAME, hints: Iterable[str] = (), syllables: bool = True) -> None:
        self.namer = TileNamer(reader, participants, hints, checker=shipped_checker() if syllables else None)
        self.max_reads = max_reads
        self.camera_off_seen: dict[str, float] = {}  # every camera-off participant, with when last seen
        self.tiles = 0  # the most tiles the gallery's grid has had

    def apply(self, result: FrameResult) -> FrameResult:
        """The result with its faces named (and without its image: nothing downstream keeps pixels)."""
        if result.image is not None:
            self.namer.step(result.image, result.faces, result.time_s, self.max_reads)
            self.camera_off_seen.update(self.namer.camera_off)
            self.tiles = max(self.tiles, self.namer.tiles)
        names = self.namer.names
        faces = [replace(f, name=names.get(f.face_id, f.name)) for f in result.faces] if names else result.faces
        return replace(result, faces=faces, image=None)

    def meta(self) -> dict[str, object]:
        """What the sidecar keeps: `names` (face id -> name), `name_sources` (face id -> `tile` or
        `participants`) and `camera_off`: participants whose tile showed only their name, all along (nobody
        named on camera, and never more than the grid's tiles hold with the names on camera)."""
        names, sources = self.namer.names, self.namer.sources
        on_camera = set(names.values())
        off = camera_off_names(on_camera, self.camera_off_seen, self.tiles)
        return {"names": {str(k): v for k, v in sorted(names.items())},
                "name_sources": {str(k): v for k, v in sorted(sources.items())},
                "camera_off": sorted(n for n in off if n not in on_camera)}
