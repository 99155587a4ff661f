"""The chat stage of a run: a chat file read onto the recording's clock, scored once, replayed along the frames.

A single run replays it while the frames are analysed (`ChatTrack`, a stage); a batch adds each
input's chat to its finished timeline in the process that writes the files (`add_chat`), by the
same attribution on the names the rows carry, so both give the same chat log and text columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.chat.attribution import AttributionSummary, ChatAttribution
from core.recording.chat_log import ChatMessage
from core.chat.chat_formats import ChatFormatError
from core.chat.chat_input import ChatInput, chat_start_seconds, read_chat_file, score_messages
from core.chat.timeline_chat import add_chat_to_timeline, chat_log_path
from core.text.congruence import DEFAULT_HALF_LIFE_S
from core.workflow.errors import BadInput, RunFailed


@dataclass(frozen=True)
class ChatOptions:
    """A run's chat: its file, the clock time the recording started (for clock-time chats), fading, text model."""

    path: str
    start: str | None = None
    half_life: float = DEFAULT_HALF_LIFE_S
    text_model: str | None = None

    def recorded(self) -> dict[str, object]:
        """The chat's options as the sidecar records them."""
        out: dict[str, object] = {"chat": str(self.path), "half_life": self.half_life}
        if self.start:
            out["chat_start"] = self.start
        return out

    def check(self) -> None:
        """BadInput unless the half-life and start can be used."""
        if self.half_life < 0:
            raise BadInput("--half-life must not be negative")
        if self.start:
            try:
                chat_start_seconds(self.start)
            except ValueError as e:
                raise BadInput(str(e)) from None


class ChatTrack(ChatAttribution):
    """Replays a scored chat along the video, each message on its author's face (see core/chat/attribution.py)."""


def read_chat(options: ChatOptions, path: str | Path, video: str | Path) -> ChatInput:
    """One chat file on the recording's clock (BadInput, one line, when it cannot be used)."""
    options.check()
    try:
        start = chat_start_seconds(options.start) if options.start else None
        return read_chat_file(path, start, near=(video,))
    except (ChatFormatError, ValueError) as e:
        raise BadInput(str(e)) from None


def chat_authors(chat: ChatInput) -> tuple[str, ...]:
    """The authors of a chat as the namer takes them as hints (a single run's scored authors), each once."""
    return tuple(dict.fromkeys(m.author for m in chat.messages if m.author))


def load_text_model(folder: str | None):
    """The text emotion model (the shipped one by default), loaded now; RunFailed when it cannot be loaded."""
    from core.text.model import TextEmotionModel

    try:
        return TextEmotionModel(folder).load()  # the model would load itself on first use: load errors come here
    except (FileNotFoundError, ValueError) as e:
        raise RunFailed(str(e)) from None


def score_chat(chat: ChatInput, model, progress: Callable[[int, int], None] | None = None) -> list[ChatMessage]:
    """The chat's messages with their probabilities, in time order (the chat's list is handed over).

    Scored SCORE_BATCH at a time, so memory stays flat however long the chat; `progress(done, total)`
    hears after each batch.
    """
    return score_messages(chat, model.predict, progress)


def chat_track(messages: list[ChatMessage], timeline: str | Path, half_life: float) -> ChatTrack:
    """The chat stage of a run writing `timeline`: its chat log goes beside it (OUT.chat.csv)."""
    return ChatTrack(messages, chat_log_path(timeline), half_life)


def add_chat(options: ChatOptions, chat: ChatInput, timeline: str | Path, model) -> tuple[AttributionSummary, list[str]]:
    """Add one chat, as `read_chat` read it, to a finished timeline (its text columns, its chat log); the summary and
    the reading's warnings.

    ValueError/OSError (timeline unreadable, not writable) leave both files as they were.
    """
    warnings = list(chat.warnings)
    return add_chat_to_timeline(timeline, score_chat(chat, model), options.half_life), warnings
