"""A batch's jobs and what they report back: a job (a whole input or one chunk), started, progress, result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    """A whole input (chunk 0 of 1), or its source frames [start_frame, stop_frame) as chunk `chunk` of `chunks`."""

    key: int
    path: str
    chunk: int = 0
    chunks: int = 1
    start_frame: int = 0
    stop_frame: int | None = None
    hints: tuple[str, ...] = ()  # the input's chat authors: names its tiles may spell (TileNamer.set_hints)


@dataclass(frozen=True)
class Started:
    """A worker took a job; `frames` is how many source frames it covers, when known."""

    key: int
    chunk: int
    frames: int | None


@dataclass(frozen=True)
class Progress:
    """Frames a worker analysed since its last report on this job."""

    key: int
    chunk: int
    frames: int


@dataclass(frozen=True)
class JobResult:
    """What a job gives back: its timeline rows as CSV bytes (no header) and counts, or a one-line error."""

    key: int
    chunk: int
    body: bytes = b""
    frames: int = 0
    faces: int = 0
    video_s: float = 0.0
    wall_s: float = 0.0
    error: str = ""
    retried: int = 0
    names: dict[str, object] = field(default_factory=dict)  # the names stage's sidecar keys (NameTrack.meta)
    declared: int = 0  # source frames the container declares for this job's range (0: unknown, or stopped)
    read: int = 0  # source frames actually decoded in it

    @property
    def ok(self) -> bool:
        """Whether the job finished without an error."""
        return not self.error




Event = Started | Progress | JobResult
Emit = Callable[[Event], None]
