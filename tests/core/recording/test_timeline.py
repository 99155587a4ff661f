from decimal import Decimal

import numpy as np

from core.classes import EMOTIONS
from core.recording.timeline import (ATTENTION_COLUMNS, FACE_COLUMNS, TEXT_COLUMNS, TIMELINE_COLUMNS, format_probs,
                                     frame_rows)
from core.records import FaceResult, FrameResult


def test_schema_order():
    assert TIMELINE_COLUMNS == ("frame", "time_s", "face_id", "name", "x", "y", "w", "h", "det_score",
                                *EMOTIONS, "dominant", *(f"text_{e}" for e in EMOTIONS), "congruence",
                                "yaw", "pitch", "roll", "eye_openness", "eyes_closed", "looking_away", "yawning")


def test_formatted_probabilities_sum_to_exactly_one():
    rng = np.random.default_rng(0)
    for _ in range(200):
        p = rng.dirichlet(np.full(7, 0.3))
        cells = format_probs(p)
        assert sum(Decimal(c) for c in cells) == Decimal(1)
        assert np.allclose([float(c) for c in cells], p, atol=2e-4)
    assert format_probs(np.zeros(7))[0] != ""


def test_rows_for_faces_and_for_empty_frames():
    face = FaceResult(3, (10, 20, 30, 40), 0.987654, np.eye(7, dtype=np.float32)[3])
    rows = frame_rows(FrameResult(5, 0.2, [face]))
    assert rows == [["5", "0.200", "3", "", "10", "20", "30", "40", "0.988",
                     "0.0000", "0.0000", "0.0000", "1.0000", "0.0000", "0.0000", "0.0000", "happy"]
                    + [""] * len(TEXT_COLUMNS) + [""] + [""] * len(ATTENTION_COLUMNS)]
    assert frame_rows(FrameResult(6, 0.24, [])) == [["6", "0.240"] + [""] * (len(FACE_COLUMNS) + len(TEXT_COLUMNS) + 1
                                                                            + len(ATTENTION_COLUMNS))]


def test_rows_with_a_chat_message():
    face = FaceResult(1, (0, 0, 9, 9), 0.9, np.eye(7, dtype=np.float32)[3])
    text = np.eye(7)[3]
    (row,) = frame_rows(FrameResult(0, 0.0, [face], text_probs=text))
    row = row[: -len(ATTENTION_COLUMNS)]  # up to congruence
    assert row[-8:-1] == ["0.0000", "0.0000", "0.0000", "1.0000", "0.0000", "0.0000", "0.0000"]
    assert row[-1] == "1.0000"
    (empty,) = frame_rows(FrameResult(1, 0.1, [], text_probs=text))
    empty = empty[: -len(ATTENTION_COLUMNS)]
    assert empty[-8] == "0.0000" and empty[-1] == ""


def test_name_column_holds_the_teachers_name_guarded():
    face = FaceResult(3, (1, 2, 3, 4), 0.9, np.full(7, 1 / 7), name="=김민준")
    row = dict(zip(TIMELINE_COLUMNS, frame_rows(FrameResult(0, 0.0, [face]))[0]))
    assert row["face_id"] == "3" and row["name"] == "'=김민준"  # a formula-looking name is not run
    unnamed = dict(zip(TIMELINE_COLUMNS, frame_rows(FrameResult(0, 0.0, [FaceResult(4, (1, 2, 3, 4), 0.9,
                                                                                     np.full(7, 1 / 7))]))[0]))
    assert unnamed["name"] == ""
