"""What the status bar knows: the source open and whether it ended, the session recording, the messages said."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from core.live.events import EngineEvent

MESSAGES_KEPT = 100


class StatusLine:
    """The state behind the status bar's labels; the window says each part in its language."""

    def __init__(self) -> None:
        self.source: str = ""  # the open source's label, "" before any
        self.ended = False  # the open video has ended
        self.recording: Path | None = None  # the running session's CSV
        self.messages: deque[tuple[str, str]] = deque(maxlen=MESSAGES_KEPT)  # (kind, text) as said, newest last

    def source_opened(self, label: str) -> None:
        """A new source: nothing has ended."""
        self.source, self.ended = label, False

    def take(self, event: EngineEvent) -> None:
        """An engine event: the end of a video marks the source ended."""
        if event.ended:
            self.ended = True

    def said(self, kind: str, text: str) -> None:
        """A message the window said (or kept for the record)."""
        self.messages.append((kind, text))
