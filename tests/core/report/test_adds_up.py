"""Report figures that add up: frame rate, labelled counts, sizes, times, on + off camera, who is flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.synthetic_session import write_session
from core.report.page import frame_interval, meta_rows
from core.report.session import load_session
from core.report.students import summarise


def test_frame_interval_in_frames_per_second_and_ms():
    assert frame_interval(1 / 30) == "30 frames/s (33 ms apart)"
    assert frame_interval(2.0) == "one frame every 2 s"


def test_meta_rows_label_sizes_times_and_drop_empty_keys(tmp_path: Path):
    s = write_session(tmp_path, students=3, minutes=0.5, messages=0)
    meta = json.loads(s.sidecar.read_text(encoding="utf-8"))
    meta.update(faces=120, input={"path": "/v/class.mp4", "size": 12_345_678, "mtime": 1_700_000_000.5},
                options={"every": 2, "stride": 2, "region": None, "chat": ""})
    s.sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    rows = dict(meta_rows(summarise(load_session(s.csv))))
    assert rows["Frames with a face"] == "120"
    assert "12.3 MB" in rows["Input"] and "1700000000" not in rows["Input"] and "2023-11-1" in rows["Input"]
    assert rows["Options"] == "one frame in 2 analysed"  # an unknown key is left to the sidecar, never shown raw
    assert "frames/s" in rows["Timeline"]


def test_on_and_off_camera_add_up_to_the_session(tmp_path: Path):
    summary = summarise(load_session(write_session(tmp_path, students=12, minutes=6, seed=5).csv))
    for s in summary.students:
        assert s.on_camera_s + s.off_camera_s == pytest.approx(summary.duration_s, abs=1e-6)


def test_planted_students_are_flagged_and_few_others(tmp_path: Path):
    planted = (1, 5, 9)
    s = write_session(tmp_path, students=25, minutes=45, fps=2.0, messages=0, seed=100, planted=planted,
                      noise=0.6, named=0.0)
    summary = summarise(load_session(s.csv))
    negative = {st.label for st in summary.students if any(r.startswith("negative") for r in st.reasons)}
    assert {s.students[i] for i in planted} <= negative
    assert len(negative - {s.students[i] for i in planted}) <= 1
