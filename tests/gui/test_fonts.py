"""Hangul in the window on a machine without any Korean font: the bundled one is the fallback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a bare font set is made with fontconfig")

PROBE = """
from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication
from gui.fonts import install_korean_font
app = QApplication([])
install_korean_font(app)
raw = QRawFont.fromFont(QFont(), QFontDatabase.WritingSystem.Korean)  # what draws Korean in a default widget
print(raw.familyName(), raw.supportsCharacter(ord("메")))
"""


def test_hangul_draws_with_the_bundled_font_where_the_system_has_none(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"  # fontconfig that knows no fonts at all: a bare machine
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    env = {"FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["NanumGothic", "True"]
