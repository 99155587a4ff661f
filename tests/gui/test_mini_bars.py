"""Mini bars: one group of seven for the text, a second for the face, bar heights follow the values."""

from __future__ import annotations

import numpy as np

from gui.mini_bars import BAR_W, GAP, HEIGHT, mini_bars


def test_one_or_two_groups_and_heights(qapp):
    text = np.eye(7)[3]
    one = mini_bars(text)
    two = mini_bars(text, np.full(7, 1 / 7))
    assert one.height() == two.height() == HEIGHT and two.width() > 2 * one.width()
    img = one.toImage()
    happy_x = 3 * (BAR_W + GAP) + 1
    angry_x = 1
    assert img.pixelColor(happy_x, 2).alpha() == 255  # a full bar reaches the top
    assert img.pixelColor(angry_x, HEIGHT - 3).alpha() == 0  # an empty one is not drawn
