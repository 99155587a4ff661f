"""What the user picked as a source, as plain data that settings can store and a thread can open."""

from __future__ import annotations

from dataclasses import dataclass

from core.sources.frame_source import CameraSource, FrameSource, PacedSource, VideoFileSource


@dataclass(frozen=True)
class SourceSpec:
    """kind is 'camera' (target = index), 'file' (target = path) or 'screen' (target = monitor)."""

    kind: str
    target: str
    region: tuple[int, int, int, int] | None = None

    @property
    def label(self) -> str:
        """A short name for menus and the status bar."""
        if self.kind == "camera":
            return f"Camera {self.target}"
        if self.kind == "screen":
            return f"Screen {self.target}" + (" (region)" if self.region else "")
        return self.target

    def open(self) -> FrameSource:
        """Open the source (may block briefly; raises SourceError with a user-fit message)."""
        if self.kind == "camera":
            return CameraSource(int(self.target))
        if self.kind == "file":
            return PacedSource(VideoFileSource(self.target))
        if self.kind == "screen":
            from core.sources.screen import ScreenSource

            return ScreenSource(int(self.target), self.region)
        raise ValueError(f"unknown source kind {self.kind!r}")

    def to_text(self) -> str:
        """Serialise for settings: kind|target|x,y,w,h."""
        region = ",".join(map(str, self.region)) if self.region else ""
        return f"{self.kind}|{self.target}|{region}"

    @classmethod
    def from_text(cls, text: str) -> SourceSpec | None:
        """Inverse of to_text; None for anything malformed."""
        try:
            kind, target, region = text.split("|", 2)
            box = tuple(int(v) for v in region.split(",")) if region else None
            if kind not in ("camera", "file", "screen") or (box is not None and len(box) != 4):
                return None
            return cls(kind, target, box)  # type: ignore[arg-type]
        except (ValueError, AttributeError):
            return None
