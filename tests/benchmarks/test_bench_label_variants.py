"""The label variants the probe draws: each one a change of Zoom's label, drawn where it says."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.bench_label_variants import VARIANTS, VariantLabels

TILE = (3, 3, 378, 210)


def _drawn(variant: str) -> np.ndarray:
    img = np.full((TILE[3] + 6, TILE[2] + 6, 3), 128, np.uint8)
    VariantLabels(variant, "nanum", 14).draw(img, "김민준 Kevin", TILE)
    return np.abs(img.astype(int) - 128).sum(axis=2) > 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_draws_the_name_where_it_says(variant: str) -> None:
    changed = _drawn(variant)
    rows = np.flatnonzero(changed.any(axis=1))
    assert rows.size
    if variant == "top":
        assert rows.max() < TILE[1] + TILE[3] // 4
    else:
        assert rows.min() > TILE[1] + TILE[3] * 3 // 4  # the tile's foot
    cols = np.flatnonzero(changed.any(axis=0))
    if variant in ("solid-bar",):
        assert cols.min() <= TILE[0] and cols.max() >= TILE[0] + TILE[2] - 1  # across the whole tile
    if variant == "centred":
        assert abs((cols.min() + cols.max()) / 2 - (TILE[0] + TILE[2] / 2)) < 10


def test_the_icon_after_the_name_lies_beyond_it() -> None:
    plain, icon = _drawn("zoom"), _drawn("icon-after")
    assert np.flatnonzero(icon.any(axis=0)).max() > np.flatnonzero(plain.any(axis=0)).max() + 5
