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

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.conference.attribution import AttributionSummary, ChatAttribution, ScoredMessage
from core.recording.recorder import csv_writer, partial_path
from core.recording.timeline import TEXT_COLUMNS, format_probs
from core.records import FaceResult, FrameResult
from core.text.congruence import congruence_cell
from core.text.guard import unguard_cell

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


def _frames(path: Path) -> Iterator[tuple[FrameResult, list[list[str]]]]:
    """Each frame of a timeline with its rows as written (faces in row order)."""
    _header(path)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {c: header.index(c) for c in header}
        emotions = [col[e] for e in EMOTIONS]
        current: tuple[int, float] | None = None
        faces: list[FaceResult] = []
        rows: list[list[str]] = []
        for n, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}, line {n}: wrong number of fields")
            key = (int(row[col["frame"]]), float(row[col["time_s"]]))
            if current is not None and key != current:
                yield FrameResult(current[0], current[1], faces), rows
                faces, rows = [], []
            current = key
            rows.append(row)
            if row[col["face_id"]]:
                box = tuple(int(row[col[c]]) for c in ("x", "y", "w", "h"))
                probs = np.array([float(row[i]) for i in emotions])
                faces.append(FaceResult(int(row[col["face_id"]]), box, float(row[col["det_score"]]), probs,
                                        unguard_cell(row[col["name"]])))
        if current is not None:
            yield FrameResult(current[0], current[1], faces), rows


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


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), None)
    if header is None or not {"frame", "time_s", "face_id", "name", *EMOTIONS, *TEXT_COLUMNS, "congruence"} <= set(header):
        raise ValueError(f"{path} is not an EmoSync timeline")
    return header


def add_chat_to_timeline(timeline: str | Path, messages: list[ScoredMessage], half_life_s: float) -> AttributionSummary:
    """Rewrite `timeline` with the chat's text columns and write its chat log; ValueError/OSError leave both as they were."""
    timeline = Path(timeline)
    chat_path = chat_log_path(timeline)
    part, chat_part = partial_path(timeline), partial_path(chat_path)
    track = ChatAttribution(messages, chat_part, half_life_s)
    try:
        with open(part, "w", newline="", encoding="utf-8") as f:
            writer = csv_writer(f)
            header = _header(timeline)
            writer.writerow(header)  # the rows are kept as written, so is their header
            col = {c: header.index(c) for c in header}
            for frame, rows in _frames(timeline):
                writer.writerows(_with_text(track.apply(frame), rows, col))
            f.flush()
            os.fsync(f.fileno())
        summary = track.close()
    except BaseException:
        track.writer.close()
        for p in (part, chat_part):
            p.unlink(missing_ok=True)
        raise
    os.replace(chat_part, chat_path)
    os.replace(part, timeline)
    return summary
