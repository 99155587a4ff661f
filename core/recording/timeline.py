"""The timeline CSV schema, defined once: column names and how a frame's result becomes rows."""

from __future__ import annotations

from core.classes import EMOTIONS
from core.probabilities import PROB_DECIMALS, format_probs
from core.records import Attention, FrameResult
from core.text.congruence import congruence_cell
from core.text.guard import guard_cell

__all__ = ["ATTENTION_COLUMNS", "FACE_COLUMNS", "PROB_DECIMALS", "TEXT_COLUMNS", "TIMELINE_COLUMNS",
           "attention_cells", "format_probs", "frame_rows", "written_time"]

FACE_COLUMNS: tuple[str, ...] = ("face_id", "name", "x", "y", "w", "h", "det_score", *EMOTIONS, "dominant")
TEXT_COLUMNS: tuple[str, ...] = tuple(f"text_{e}" for e in EMOTIONS)
# Attention signals (`analyze --attention`, the window's Attention switch); empty cells when off or unmeasured.
ATTENTION_COLUMNS: tuple[str, ...] = ("yaw", "pitch", "roll", "eye_openness", "eyes_closed", "looking_away", "yawning")
TIMELINE_COLUMNS: tuple[str, ...] = ("frame", "time_s", *FACE_COLUMNS, *TEXT_COLUMNS, "congruence",
                                     *ATTENTION_COLUMNS)
def written_time(time_s: float) -> float:
    """A frame's time as the timeline holds it (to the millisecond)."""
    return float(f"{time_s:.3f}")


def attention_cells(attention: Attention | None) -> list[str]:
    """A face's attention cells: degrees to 0.1, eye openness to 0.001, states as 1/0; empty when unmeasured."""
    if attention is None or not attention.measured:
        return [""] * len(ATTENTION_COLUMNS)
    a = attention
    return [f"{a.yaw:.1f}", f"{a.pitch:.1f}", f"{a.roll:.1f}", f"{a.eye_openness:.3f}",
            *("1" if v else "0" for v in (a.eyes_closed, a.looking_away, a.yawning))]


def frame_rows(result: FrameResult) -> list[list[str]]:
    """Timeline rows for one frame: one per face, or one with empty face fields when none was found.

    Text columns hold the chat's current faded vector (empty before the first message): the
    face's own (a message its student wrote) when it has one, else the frame's; congruence
    compares it with the row's face.
    """
    head = [str(result.index), f"{result.time_s:.3f}"]
    text = result.text_probs
    text_cells = format_probs(text) if text is not None else [""] * len(TEXT_COLUMNS)
    if not result.faces:
        return [head + [""] * len(FACE_COLUMNS) + text_cells + [""] + [""] * len(ATTENTION_COLUMNS)]
    rows = []
    for face in result.faces:
        x, y, w, h = face.box
        own = result.text_for(face)
        cells = text_cells if own is text else format_probs(own)
        congruence = congruence_cell(face.probs, own)
        rows.append(head + [str(face.face_id), guard_cell(face.name), str(x), str(y), str(w), str(h),
                            f"{face.det_score:.3f}", *format_probs(face.probs), EMOTIONS[face.dominant], *cells,
                            congruence, *attention_cells(face.attention)])
    return rows
