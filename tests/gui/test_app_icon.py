"""The icon: drawn by code, shipped as files, loaded by the app."""

from __future__ import annotations

from PySide6.QtGui import QImage

from core.resources import asset_path
from gui.app_icon import ICON_ICO, ICON_PNG, app_icon, draw_icon


def test_drawn_icon_has_a_transparent_corner_and_an_opaque_middle(qapp):
    img = draw_icon(64)
    assert img.width() == img.height() == 64
    assert img.pixelColor(0, 0).alpha() == 0
    assert img.pixelColor(32, 40).alpha() == 255


def test_shipped_icon_files_load(qapp):
    assert not app_icon().isNull()
    assert not QImage(str(asset_path(ICON_PNG))).isNull()
    assert asset_path(ICON_ICO).stat().st_size > 0
