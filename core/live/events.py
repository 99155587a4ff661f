"""What the engine tells the window: an event with a code and its parameters, never a sentence to parse back.

`text` is the English sentence (logs, tests); the window says each code in its own language
(gui/engine_messages.py). A message from elsewhere (a model's warning, an OCR error) travels
whole as `NOTE` with its text as the one parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENDED = "ended"  # a video file reached its end: name
PHOTO = "photo"  # a still photo was shown (one frame): name
RECONNECTED = "reconnected"  # a camera came back: source
LOST = "lost"  # a source stopped delivering frames: source
MODELS_FAILED = "models_failed"  # the models could not load: reason
FRAME_FAILED = "frame_failed"  # one frame could not be analysed: reason
RECORDING_STOPPED = "recording_stopped"  # a disk refused a session write: path, reason, kept
NOTE = "note"  # a message made elsewhere: text

ENGLISH = {
    ENDED: "end of video: {name}",
    PHOTO: "photo: {name}",
    RECONNECTED: "{source} reconnected",
    LOST: "{source} stopped delivering frames; trying to reconnect",
    MODELS_FAILED: "cannot load the models: {reason}",
    FRAME_FAILED: "analysis failed on a frame: {reason}",
    RECORDING_STOPPED: "recording stopped: cannot write {path}: {reason}; the rows so far are in {kept}",
    NOTE: "{text}",
}


@dataclass(frozen=True)
class EngineEvent:
    """A status change for the user: kind is info, warning or error; code and params say what happened."""

    kind: str
    code: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The event in English."""
        return ENGLISH[self.code].format(**self.params)

    @property
    def ended(self) -> bool:
        """Whether the open video has ended."""
        return self.code == ENDED
