"""The live engine without a window: newest frame wins, sessions record, chat messages feed the text columns."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass

import numpy as np
import pytest

from core.live.engine import LiveEngine
from core.recording.chat_log import ChatMessage
from core.sources.frame_source import ArraySource, FrameSource, PacedSource
from core.sources.spec import SourceSpec

SAD = np.eye(7)[5]


@dataclass(frozen=True)
class MemorySpec(SourceSpec):
    """In-memory frames played in real time, as a video file would be."""

    frames: tuple = ()
    fps: float = 25.0

    def open(self) -> FrameSource:
        return PacedSource(ArraySource(list(self.frames), fps=self.fps))


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture()
def engine(factory):
    e = LiveEngine(factory)
    e.start()
    yield e
    e.stop()


def test_slow_inference_takes_the_newest_frame_and_never_queues(factory, synthetic_frames):
    frames, present = synthetic_frames
    face_frames = tuple(f for f, p in zip(frames, present) if p)  # 20 distinct frames

    def slow(device):
        analyzer = factory(device)
        analyze = analyzer.analyze

        def slow_analyze(frame, keep_image=False):
            time.sleep(0.15)
            return analyze(frame, keep_image)
        analyzer.analyze = slow_analyze
        return analyzer

    e = LiveEngine(slow)
    e.start()
    try:
        wait_for(e.ready.is_set)
        e.set_source(MemorySpec("file", "clip.avi", None, face_frames, fps=100.0))  # 0.2 s of video
        wait_for(lambda: e.source_ended)
        wait_for(lambda: e.latest() is not None and e.latest().image is face_frames[-1], timeout=5)
        assert e.analysed < len(face_frames) // 2  # frames were dropped, not queued
    finally:
        e.stop()


def test_session_records_frames_and_message_columns(engine, synthetic_frames, tmp_path):
    frames, _ = synthetic_frames
    wait_for(engine.ready.is_set)
    session = engine.start_session(tmp_path)
    engine.set_source(MemorySpec("file", "clip.avi", None, tuple(frames), fps=25.0))
    wait_for(lambda: engine.analysed >= 8)
    sent = engine.add_message(ChatMessage(engine.now(), "2026-11-23T10:00:00+00:00", "슬퍼요", SAD))
    wait_for(lambda: engine.source_ended)
    time.sleep(0.3)
    engine.stop_session()
    with open(session.csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({r["frame"] for r in rows}) == engine.analysed
    before = [r for r in rows if float(r["time_s"]) < sent.time_s]
    after = [r for r in rows if float(r["time_s"]) >= sent.time_s]
    assert before and after
    assert all(r["text_sad"] == "" for r in before)
    assert all(float(r["text_sad"]) > 0.5 for r in after)
    with open(session.chat_path, newline="", encoding="utf-8") as f:
        chat = list(csv.DictReader(f))
    assert [c["text"] for c in chat] == ["슬퍼요"]
    assert float(chat[0]["time_s"]) == pytest.approx(sent.time_s, abs=1e-3)


def test_a_message_before_the_session_does_not_colour_it(engine, synthetic_frames, tmp_path):
    frames, _ = synthetic_frames
    engine.add_message(ChatMessage(engine.now(), "2026-11-23T10:00:00+00:00", "before", SAD))
    assert engine.text.at(engine.now()) is not None
    session = engine.start_session(tmp_path)
    assert engine.text.at(engine.now()) is None
    engine.set_source(MemorySpec("file", "clip.avi", None, tuple(frames[:10]), fps=25.0))
    wait_for(lambda: engine.source_ended and engine.analysed > 0)
    time.sleep(0.2)
    engine.stop_session()
    with open(session.csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["text_sad"] == "" and r["congruence"] == "" for r in rows)


def test_names_reach_the_csv_and_sidecar_and_an_authors_message_only_their_face(engine, synthetic_frames, tmp_path):
    import json

    frames, present = synthetic_frames
    face_frames = tuple(f for f, p in zip(frames, present) if p)
    wait_for(engine.ready.is_set)
    session = engine.start_session(tmp_path)
    engine.set_source(MemorySpec("file", "clip.avi", None, face_frames * 3, fps=25.0))
    wait_for(lambda: engine.latest() is not None and engine.latest().faces)
    fid = engine.latest().faces[0].face_id
    engine.set_name(fid, "=이서연")
    engine.add_message(ChatMessage(engine.now(), "2026-11-23T10:00:00+00:00", "다른 학생", SAD,
                                   author_id=fid + 100, author_name="someone else"))
    wait_for(lambda: engine.latest().faces and engine.latest().faces[0].name == "=이서연")
    engine.add_message(ChatMessage(engine.now(), "2026-11-23T10:00:01+00:00", "슬퍼요", SAD, author_id=fid))
    wait_for(lambda: engine.source_ended)
    time.sleep(0.3)
    engine.stop_session()
    with open(session.csv_path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["face_id"]]
    named = [r for r in rows if r["name"]]
    assert named and all(r["name"] == "'=이서연" for r in named)  # guarded against formula injection
    own = [r for r in rows if r["face_id"] == str(fid)]
    assert any(r["text_sad"] and float(r["text_sad"]) > 0.9 for r in own)  # after their own message
    assert any(r["text_sad"] == "" for r in named)  # the other student's message did not colour this face
    assert all(r["text_sad"] == "" for r in rows if r["face_id"] != str(fid))  # nor anyone else's
    sidecar = json.loads(session.sidecar_path.read_text(encoding="utf-8"))
    assert sidecar["names"] == {str(fid): "=이서연"}
