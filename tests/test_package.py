"""The double-click bundle: `make package TORCH=cpu` builds it, and the built program works.

Marked `package` (minutes: a CPU-torch venv, then PyInstaller); run with `make test-package`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.package, pytest.mark.timeout(1800),
              pytest.mark.skipif(sys.platform == "win32", reason="the make recipe is POSIX")]

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "EmoSync"
WORK = ROOT / "build" / "pyinstaller" / "pyinstaller"


@pytest.fixture(scope="module")
def bundle() -> Path:
    """Build dist/EmoSync with the CPU-only torch (what CI checks); print how long it took."""
    start = time.monotonic()
    r = subprocess.run(["make", "package", "TORCH=cpu"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    size_mb = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file()) / 2**20
    print(f"\nbundle built in {time.monotonic() - start:.0f} s: {size_mb:.0f} MB", file=sys.stderr)
    return DIST


def _exe(bundle: Path) -> Path:
    return bundle / ("EmoSync.exe" if sys.platform == "win32" else "EmoSync")


def test_self_test_passes_in_the_bundle(bundle):
    r = subprocess.run([str(_exe(bundle)), "--self-test"], capture_output=True, text=True, timeout=300)
    out = (r.stdout + r.stderr).strip()
    assert r.returncode == 0, out
    assert "self-test passed" in out
    assert "Traceback" not in out


def test_bad_input_gives_one_line_from_the_bundle(bundle, tmp_path):
    r = subprocess.run([str(_exe(bundle)), "analyze", str(tmp_path / "missing.mp4")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "no such file" in lines[0]


def test_report_from_the_bundle(bundle, tmp_path):
    from benchmarks.synthetic_session import write_session

    session = write_session(tmp_path, students=3, minutes=1)
    r = subprocess.run([str(_exe(bundle)), "report", str(session.csv)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, (r.stdout + r.stderr)[-2000:]
    page = session.csv.with_suffix(".html").read_text(encoding="utf-8")
    assert all(label in page for label in session.students) and "font/woff;base64," in page


def test_bundle_holds_what_it_needs_and_nothing_else(bundle):
    data = bundle / "_internal"
    for name in ("assets/emotion_cnn.pt", "assets/emotion_ensemble.pt",
                 "assets/text_model/config.json", "assets/text_model/model.safetensors",
                 "assets/detector/res10_300x300_ssd.onnx", "assets/detector.md",
                 "assets/text_model/ngram_head.safetensors", "kiwipiepy_model/cong.mdl",
                 "assets/selftest_face.jpg", "assets/icon.png", "assets/fonts/NanumGothic.ttf", "assets/fonts/OFL.txt",
                 "assets/report/session.html.j2", "assets/report/index.html.j2", "assets/report/report.css",
                 "assets/i18n/emosync_ko.qm",
                 "assets/mediapipe/face_landmark.tflite", "assets/mediapipe/LICENSE",
                 "assets/tessdata/kor.traineddata", "assets/tessdata/eng.traineddata",
                 "assets/tessdata/LICENSE-Apache-2.0.txt", "assets/tessdata.md", "assets/tessdata/legacy/eng.traineddata",
                 "assets/syllable_cnn.pt", "assets/syllable_cnn.md"):
        assert (data / name).is_file(), name
    plugins = {p.name for p in (data / "PySide6" / "Qt" / "plugins").iterdir()}
    assert {"platforms", "imageformats"} <= plugins <= {"platforms", "imageformats", "platforminputcontexts", "styles"}
    assert not (data / "torch" / "test").exists()
    modules = (WORK / "PYZ-00.toc").read_text()
    assert "'core.vision.analyzer'" in modules and "'gui.main_window'" in modules
    for unwanted in ("tests", "benchmarks", "training.train_fer", "training.train_text", "pytest", "skimage"):
        assert f"'{unwanted}'" not in modules, unwanted
