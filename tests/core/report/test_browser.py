"""The page in a real browser: headless Chromium draws it and prints it (skipped where Chromium is absent).

`EMOSYNC_REPORT_SCREENSHOT=docs/report.png pytest tests/core/report/test_browser.py` also keeps the
screenshot there (that is how docs/report.png is made; with `EMOSYNC_REPORT_LANG=ko`, docs/report_ko.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from benchmarks.synthetic_session import write_session
from core.report.build import build_session_report
from tests.core.report.conftest import name_the_class

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install -y chromium)")


def _chromium(*args: str) -> None:
    # --virtual-time-budget lets the embedded font load before the picture is taken.
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--virtual-time-budget=3000", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    session = write_session(folder, students=8, minutes=50, messages=14, seed=7, stem="emosync_20250301_090000")
    name_the_class(session)  # a named class, every row of the session table filled
    return build_session_report(session.csv, lang=os.environ.get("EMOSYNC_REPORT_LANG", "en")).html


def test_chromium_draws_the_page(page: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "report.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    assert pixels.shape[:2] == (2400, 1280)
    colored = (pixels.max(axis=2).astype(int) - pixels.min(axis=2)) > 60
    assert colored.mean() > 0.05  # the plots and strips drew, not a blank or broken page
    if os.environ.get("EMOSYNC_REPORT_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["EMOSYNC_REPORT_SCREENSHOT"])


def test_chromium_prints_it(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page/") + data.count(b"/Type/Page") >= 2
