"""Time chunks of one video analysed in parallel: the plan, the frame range each chunk reads, and the merge.

Frame numbers and times stay those of the whole video. Each chunk starts a fresh tracker and
face finder, so face ids are offset by `chunk * FACE_ID_STRIDE` and never collide: an
identity restarts at a chunk boundary, and detection starts there with a full pass.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.batch.job_records import Job, JobResult
from core.records import Frame
from core.sources.frame_source import FrameSource

FACE_ID_STRIDE = 1_000_000


def plan_chunks(key: int, path: str, frames: int | None, fps: float, split_minutes: float | None,
                hints: tuple[str, ...] = ()) -> list[Job]:
    """The jobs for one input: one, or one per `split_minutes` of video when its length is known."""
    if not split_minutes or not frames or fps <= 0:
        return [Job(key, path, hints=hints)]
    per = max(1, round(split_minutes * 60 * fps))
    starts = list(range(0, frames, per))
    n = len(starts)
    # the last chunk reads to the end: a container's frame count can be a little off
    return [Job(key, path, i, n, s, s + per if i < n - 1 else None, hints) for i, s in enumerate(starts)]


class FrameRange(FrameSource):
    """Frames [start, stop) of a source with their own indices and times; earlier frames are skipped undecoded."""

    def __init__(self, source: FrameSource, start: int = 0, stop: int | None = None) -> None:
        self.source, self.start, self.stop = source, start, stop
        self.fps, self.name = source.fps, source.name
        total = source.frame_count
        end = stop if total is None else min(stop, total) if stop is not None else total
        self.frame_count = None if end is None else max(0, end - start)
        self.frames_read = 0
        self.next_index = start
        self._skipped = start == 0

    def read(self) -> Frame | None:
        if not self._skipped:
            self._skipped = True
            if self.source.skip(self.start) < self.start:  # type: ignore[attr-defined]
                return None
        if self.stop is not None and self.next_index >= self.stop:
            return None
        frame = self.source.read()
        if frame is None:
            return None
        self.frames_read += 1
        self.next_index = frame.index + 1
        return frame


def merge(results: Sequence[JobResult]) -> JobResult:
    """An input's chunk results joined in chunk order into one (rows, counts and retries summed, names united)."""
    ordered = sorted(results, key=lambda r: r.chunk)
    return JobResult(ordered[0].key, 0, b"".join(r.body for r in ordered), sum(r.frames for r in ordered),
                     sum(r.faces for r in ordered), sum(r.video_s for r in ordered), sum(r.wall_s for r in ordered),
                     next((r.error for r in ordered if r.error), ""), sum(r.retried for r in ordered),
                     _merge_names([r.names for r in ordered]),
                     declared=sum(r.declared for r in ordered) if all(r.declared for r in ordered) else 0,
                     read=sum(r.read for r in ordered))


def _merge_names(metas: Sequence[dict]) -> dict:
    """The chunks' names in one sidecar: face ids never collide across chunks; camera-off names are those of any chunk."""
    metas = [m for m in metas if m]
    if len(metas) <= 1:
        return dict(metas[0]) if metas else {}
    names = {k: v for m in metas for k, v in m.get("names", {}).items()}
    sources = {k: v for m in metas for k, v in m.get("name_sources", {}).items()}
    on_camera = set(names.values())
    off = sorted({n for m in metas for n in m.get("camera_off", ()) if n not in on_camera})
    return {"names": dict(sorted(names.items(), key=lambda kv: int(kv[0]))),
            "name_sources": dict(sorted(sources.items(), key=lambda kv: int(kv[0]))), "camera_off": off}
