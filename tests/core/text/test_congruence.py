import numpy as np
import pytest

from core.text.congruence import TextContext, dominant_agrees, fade_weight, faded_text, similarity


def one_hot(i):
    v = np.zeros(7)
    v[i] = 1
    return v


def test_identical_vectors_give_one():
    rng = np.random.default_rng(0)
    for _ in range(20):
        p = rng.dirichlet(np.ones(7))
        assert similarity(p, p) == pytest.approx(1.0, abs=1e-6)


def test_disjoint_one_hots_give_zero():
    assert similarity(one_hot(0), one_hot(3)) == pytest.approx(0.0, abs=1e-9)


def test_bounded_symmetric_and_ordered():
    rng = np.random.default_rng(1)
    for _ in range(100):
        p, q = rng.dirichlet(np.ones(7)), rng.dirichlet(np.ones(7))
        s = similarity(p, q)
        assert 0.0 <= s <= 1.0 and s == pytest.approx(similarity(q, p))
    near = 0.9 * one_hot(3) + 0.1 * np.full(7, 1 / 7)
    assert similarity(one_hot(3), near) > similarity(one_hot(3), np.full(7, 1 / 7)) > similarity(one_hot(3), one_hot(0))


def test_fading_follows_the_half_life():
    assert fade_weight(0, 30) == 1.0
    assert fade_weight(30, 30) == pytest.approx(0.5)
    assert fade_weight(90, 30) == pytest.approx(0.125)
    v = faded_text(one_hot(3), 30, 30)
    assert v[3] == pytest.approx(0.5 + 0.5 / 7) and v.sum() == pytest.approx(1.0)


def test_text_context():
    ctx = TextContext(half_life_s=10)
    assert ctx.at(5.0) is None
    ctx.set(5.0, one_hot(3))
    assert ctx.at(4.0) is None
    assert np.allclose(ctx.at(5.0), one_hot(3))
    assert ctx.at(15.0)[3] == pytest.approx(0.5 + 0.5 / 7)


def test_dominant_agreement():
    assert dominant_agrees(one_hot(3), 0.6 * one_hot(3) + 0.4 * one_hot(1))
    assert not dominant_agrees(one_hot(3), one_hot(1))


def test_a_students_message_colours_only_their_face():
    ctx = TextContext(half_life_s=30.0)
    happy, sad = np.eye(7)[3], np.eye(7)[5]
    ctx.set(1.0, happy)  # no author: everyone
    ctx.set(2.0, sad, author_id=7)
    assert ctx.has_authors
    assert np.argmax(ctx.at(3.0, 7)) == 5  # 7's own message is newer
    assert np.argmax(ctx.at(3.0, 8)) == 3 and np.argmax(ctx.at(3.0)) == 3
    ctx.set(4.0, happy)
    assert np.argmax(ctx.at(5.0, 7)) == 3  # a newer message to everyone wins
    assert ctx.at(0.5, 7) is None
    ctx.clear()
    assert ctx.at(5.0, 7) is None and not ctx.has_authors
