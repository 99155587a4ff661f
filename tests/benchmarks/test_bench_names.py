"""The names benchmark's row on a short clip: its counts add up, and its cost comes from runs around the named one."""

from __future__ import annotations

import math

from benchmarks.bench_names import run_gallery
from benchmarks.shared_data import faces_or_astronaut
from benchmarks.splits import GallerySpec
from core.names.ocr import LabelReader
from core.vision.analyzer import FrameAnalyzer


def test_a_gallery_row_counts_every_student_and_times_plain_runs_before_and_after(tmp_path):
    images, labels, _ = faces_or_astronaut(tmp_path / "absent.npz")
    spec = GallerySpec("zoom", "nanum", 3, 3, 7, 75, 14, 720, 0, 7)
    r = run_gallery(spec, images, labels, 45, FrameAnalyzer.create("cpu"), LabelReader(), tmp_path)
    assert r["right"] + r["wrong"] + r["unnamed"] == r["students"] == 7
    before, after = r["plain_runs"]
    assert before > 0 and after > 0 and math.isclose(r["plain_fps"], (before + after) / 2)
    assert math.isclose(r["cost"], 1 - r["fps"] / r["plain_fps"])
    assert r["reads"] > 0 and 0 < r["cpu_share"] < 10
