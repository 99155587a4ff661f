"""A chat added to a timeline already written (a batch's inputs): its text columns recomputed, its chat log written.

Cost model: one streamed pass over the timeline (one frame's rows held at a time) and the
same replay as a single run (`ChatAttribution`); the timeline is rewritten to a temporary
file and renamed over the old one, as is the chat log, so a file under its final name is
always whole. A re-run recomputes the same text columns from the face columns, so adding a
chat twice, or to an input a batch skipped as done, gives the same files.

Design: a batch's workers analyse frames in other processes (or on a Ray cluster) and give
back rows; rather than ship the chat and a text model to every worker, the process that
writes the files adds each input's chat once its timeline is complete. The names the
attribution matches are the names in the rows (`name`), as in a single run.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path


from core.chat.attribution import AttributionSummary, ChatAttribution
from core.recording.atomic_file import AtomicFile, partial_path
from core.recording.chat_log import ChatMessage
from core.recording.recorder import csv_writer
from core.recording.timeline import TEXT_COLUMNS, format_probs
from core.recording.timeline_read import check_timeline_header, read_frames
from core.records import FrameResult
from core.text.congruence import congruence_cell

_PLACEHOLDER = re.compile(r"\{(dir|stem|name)\}")


def chat_log_path(timeline: str | Path) -> Path:
    """Where a timeline's chat log goes: OUT's stem + .chat.csv, beside it."""
    timeline = Path(timeline)
    return timeline.with_name(timeline.stem + ".chat.csv")


def is_chat_pattern(pattern: str) -> bool:
    """Whether `--chat` names one file per input ({dir}, {stem} or {name} in it)."""
    return bool(_PLACEHOLDER.search(pattern))


def chat_for(pattern: str, video: str | Path) -> Path:
    """The chat file of one input: {dir} its folder, {stem} its name without suffix, {name} its file name."""
    video = Path(video)
    values = {"dir": str(video.parent), "stem": video.stem, "name": video.name}
    return Path(_PLACEHOLDER.sub(lambda m: values[m.group(1)], pattern))


def _with_text(result: FrameResult, rows: list[list[str]], col: dict[str, int]) -> list[list[str]]:
    """The rows as written, their text columns and congruence those of the frame's chat now."""
    out = []
    faces = iter(result.faces)
    text_cols = [col[c] for c in TEXT_COLUMNS]
    for row in rows:
        face = next(faces) if row[col["face_id"]] else None  # faces were read from these rows, in order
        own = result.text_for(face) if face is not None else result.text_probs
        row = list(row)
        for i, cell in zip(text_cols, format_probs(own) if own is not None else [""] * len(TEXT_COLUMNS)):
            row[i] = cell
        row[col["congruence"]] = congruence_cell(face.probs if face is not None else None, own)
        out.append(row)
    return out


def add_chat_to_timeline(timeline: str | Path, messages: list[ChatMessage], half_life_s: float) -> AttributionSummary:
    """Rewrite `timeline` with the chat's text columns and write its chat log; ValueError/OSError leave both as they were."""
    timeline = Path(timeline)
    chat_path = chat_log_path(timeline)
    header = check_timeline_header(timeline)
    out = AtomicFile(timeline)
    track = ChatAttribution(messages, chat_path, half_life_s)
    try:
        buf = io.StringIO()
        writer = csv_writer(buf)
        writer.writerow(header)  # the rows are kept as written, so is their header
        col = {c: header.index(c) for c in header}
        for frame, rows in read_frames(timeline):
            writer.writerows(_with_text(track.apply(frame), rows, col))
            if buf.tell() >= 1 << 16:
                out.write(buf.getvalue().encode("utf-8"))
                buf.seek(0)
                buf.truncate()
        out.write(buf.getvalue().encode("utf-8"))
        summary = track.close(complete=False)  # both files are named together below
        chat_part = track.writer.partial
        out.commit()
    except BaseException:
        track.writer.close(complete=False)
        out.abandon(keep=False)
        partial_path(chat_path).unlink(missing_ok=True)
        raise
    os.replace(chat_part, chat_path)
    return summary
