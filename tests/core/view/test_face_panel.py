import numpy as np
import pytest

from core.records import Attention, FaceResult, FrameResult
from core.text.congruence import congruence
from core.view.face_panel import (EYES_CLOSED, LOOKING, LOOKING_AWAY, UNMEASURED, attention_reading,
                                  face_view)

HAPPY, SAD = np.eye(7)[3], np.eye(7)[5]


def test_no_selected_face_is_an_empty_view_at_the_result_time():
    view = face_view(FrameResult(3, 1.5, []), None, attention_on=False)
    assert view.time_s == 1.5 and view.face_id is None and view.probs is None
    assert view.congruence is None and view.attention is None


def test_the_selected_face_gives_bars_title_and_congruence_with_its_text():
    probs = np.array([0.05, 0.05, 0.05, 0.6, 0.15, 0.05, 0.05])
    f = FaceResult(2, (0, 0, 50, 50), 0.9, probs, name="박지우")
    view = face_view(FrameResult(1, 2.0, [f], text_probs=HAPPY), f, attention_on=False)
    assert view.face_id == 2 and view.name == "박지우" and np.array_equal(view.probs, probs)
    assert view.congruence.value == pytest.approx(congruence(probs, HAPPY)) and view.congruence.agree
    sad = face_view(FrameResult(1, 2.0, [f], text_probs=SAD), f, attention_on=False)
    assert not sad.congruence.agree and sad.congruence.value < view.congruence.value


def test_no_text_yet_means_no_congruence():
    f = FaceResult(2, (0, 0, 50, 50), 0.9, HAPPY)
    assert face_view(FrameResult(1, 2.0, [f]), f, attention_on=False).congruence is None


def test_attention_states_and_their_strip_values():
    assert attention_reading(None).state == UNMEASURED and attention_reading(None).series is None
    assert attention_reading(Attention()).state == UNMEASURED
    looking = attention_reading(Attention(4.6, -2.4, 0.0, 0.31, False, False, False))
    assert (looking.state, looking.yaw, looking.pitch, looking.eyes) == (LOOKING, 5, -2, 0.31)
    assert list(looking.series) == [1.0, 1.0]
    away = attention_reading(Attention(45.0, 0.0, 0.0, 0.3, False, True, False))
    assert away.state == LOOKING_AWAY and list(away.series) == [0.0, 1.0]
    closed = attention_reading(Attention(45.0, 0.0, 0.0, 0.05, True, True, False))
    assert closed.state == EYES_CLOSED and list(closed.series) == [1.0, 0.0]  # eyes closed is said first


def test_attention_is_read_only_while_it_is_on():
    f = FaceResult(2, (0, 0, 50, 50), 0.9, HAPPY, attention=Attention(0.0, 0.0, 0.0, 0.3, False, False, False))
    assert face_view(FrameResult(1, 2.0, [f]), f, attention_on=False).attention is None
    assert face_view(FrameResult(1, 2.0, [f]), f, attention_on=True).attention.state == LOOKING
    assert face_view(FrameResult(1, 2.0, []), None, attention_on=True).attention.state == UNMEASURED
