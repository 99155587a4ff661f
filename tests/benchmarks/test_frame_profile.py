"""The profile breakdown: stages that add up, and the time of a real pipeline run in the right stages."""

from __future__ import annotations

import sys

from benchmarks.bench_pipeline import end_to_end
from benchmarks.frame_profile import breakdown_table, fer_python, profile_run
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import EmotionClassifier
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder
from core.vision.tracker import IoUTracker


def test_stages_of_a_pipeline_run_add_up_to_its_cpu_time(synthetic_video, tiny_weights, tmp_path):
    analyzer = FrameAnalyzer(FaceFinder(FaceDetector()), EmotionClassifier(tiny_weights, device="cpu"), IoUTracker())
    (fps, results), stages = profile_run(lambda: end_to_end(synthetic_video, analyzer, tmp_path / "t.csv", False))
    assert results and fps > 0
    parts = {k: v for k, v in stages.items() if k != "total"}
    assert abs(sum(parts.values()) - stages["total"]) < 1e-6 + 0.01 * stages["total"]
    assert stages["detection (res10 passes)"] > 0 and stages["classification (CNN)"] > 0 and stages["decode"] > 0
    table = breakdown_table(stages, len(results))
    assert table.count("\n") == len(stages) + 1 and "| total |" in table


def test_fer_python_is_found_by_option_or_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("EMOSYNC_FER_PYTHON", raising=False)
    assert fer_python(sys.executable) == sys.executable
    monkeypatch.setenv("EMOSYNC_FER_PYTHON", sys.executable)
    assert fer_python(str(tmp_path / "missing")) == sys.executable
