"""A chat file for `analyze`: read in whatever format it is, put on the recording's clock, cleaned, in time order.

Cost model: one streamed pass over the file (`chat_formats`); the messages are kept once, as
the list this returns (the text model scores them, SCORE_BATCH at a time, before the video starts).

Design: clock-time formats (Zoom's local *Save chat*) need the clock time the recording
started: given (`--chat-start HH:MM:SS`), or else the start in a Zoom folder name on the
chat's or the video's path (`2026-03-02 09.00.12 Topic`), which is when the *meeting*
started, so it says so in a warning. Texts are cleaned as typed ones are; in EmoSync's own
CSV an empty or over-long message is an error (the user wrote that file), in a conference's
file an empty message (a file sent, a deleted message) is skipped and counted, and an
over-long one kept whole and scored on its first `MAX_MESSAGE_CHARS` characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from core.chat.attribution import scored, stored_author
from core.chat.chat_formats import ChatFormatError, ChatRead, ConferenceMessage, align, folder_start, open_chat, parse_clock
from core.recording.chat_log import ChatMessage
from core.text.guard import MAX_MESSAGE_CHARS, MessageError, clean_message


@dataclass
class ChatInput:
    """The messages of one chat file (on the recording's clock, authors as stored, texts cleaned) and what
    reading it found worth a warning."""

    path: Path
    format: str
    messages: list[ConferenceMessage]
    warnings: list[str] = field(default_factory=list)


def chat_start_seconds(text: str) -> float:
    """`--chat-start` as clock seconds; ValueError with a one-line reason."""
    try:
        return parse_clock(text)
    except ValueError:
        raise ValueError(f"--chat-start must be a clock time HH:MM:SS, not {text!r}") from None


def read_chat_file(path: str | Path, start_clock_s: float | None = None, near: tuple[str | Path, ...] = ()) -> ChatInput:
    """The file's messages on the recording's clock, sorted by time; ChatFormatError (one line) when unusable.

    `near`: other paths (the video) whose folder names may carry the meeting's start.
    """
    path = Path(path)
    read = open_chat(path)
    warnings: list[str] = []
    messages = read.messages
    if read.clock:
        if start_clock_s is None:
            start_clock_s = folder_start(path.parent, *near)
            if start_clock_s is None:
                raise ChatFormatError(f"chat file {path} has clock times (Zoom's saved chat): give the clock time "
                                      "the recording started with --chat-start HH:MM:SS")
            hms = f"{int(start_clock_s) // 3600:02d}:{int(start_clock_s) % 3600 // 60:02d}:{int(start_clock_s) % 60:02d}"
            warnings.append(f"chat times aligned to {hms}, the meeting's start in the Zoom folder name; if the "
                            "recording started later, give --chat-start HH:MM:SS")
        messages = align(messages, start_clock_s)
    out, empty = _clean(read, messages, path)
    read.stats.empty += empty
    warnings[:0] = read.stats.warnings()
    out.sort(key=lambda m: m.time_s)
    return ChatInput(path, read.format, out, warnings)


def _clean(read: ChatRead, messages, path: Path) -> tuple[list[ConferenceMessage], int]:
    strict = read.format == "emosync-csv"
    out: list[ConferenceMessage] = []
    empty = 0
    try:
        for m in messages:
            try:
                text = clean_message(m.text, max_chars=MAX_MESSAGE_CHARS if strict else 1 << 30)
            except MessageError as e:
                if strict:
                    raise ChatFormatError(f"chat file {path}: message at {m.time_s:g} s: {e}") from None
                empty += 1
                continue
            out.append(replace(m, author=stored_author(m.author), text=text))
    except ChatFormatError as e:
        text = str(e)
        raise ChatFormatError(text if text.startswith("chat file") else f"chat file {path}, {text}") from None
    return out, empty


def score_messages(chat: ChatInput, predict: Callable[[list[str]], np.ndarray],
                   progress: Callable[[int, int], None] | None = None) -> list[ChatMessage]:
    """Each message with its text emotion (the text model's `predict`, on its first MAX_MESSAGE_CHARS
    characters), in time order.

    Scored SCORE_BATCH at a time (core/text/model.py), so memory stays flat in the number of
    messages; `progress(done, total)` hears after each batch. The messages are handed over:
    `chat.messages` is emptied, so a long chat is held once.
    """
    from core.text.model import score_batches

    messages, chat.messages = chat.messages, []
    out: list[ChatMessage] = []
    for probs in score_batches(predict, [m.text[:MAX_MESSAGE_CHARS] for m in messages]):
        out += [scored(m.time_s, m.author, m.text, p, m.kind)
                for m, p in zip(messages[len(out) : len(out) + len(probs)], probs)]
        if progress is not None:
            progress(len(out), len(messages))
    return out
