import numpy as np
import pytest

from core.sources.frame_source import ArraySource, SourceError, VideoFileSource


def test_array_source_indices_and_times():
    frames = [np.zeros((4, 4, 3), np.uint8) for _ in range(5)]
    got = list(ArraySource(frames, fps=10.0))
    assert [f.index for f in got] == [0, 1, 2, 3, 4]
    assert [f.time_s for f in got] == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])


def test_array_source_rejects_bad_fps():
    with pytest.raises(ValueError):
        ArraySource([], fps=0)


def test_video_file_frames_and_timestamps(synthetic_video, synthetic_frames):
    frames, _ = synthetic_frames
    with VideoFileSource(synthetic_video) as src:
        assert src.fps == pytest.approx(25.0)
        got = list(src)
    assert len(got) == len(frames)
    assert [f.index for f in got] == list(range(len(frames)))
    times = np.array([f.time_s for f in got])
    assert times[0] == pytest.approx(0.0)
    assert np.diff(times) == pytest.approx(np.full(len(times) - 1, 0.04), abs=1e-3)
    assert got[0].image.shape == (480, 640, 3)


def test_video_file_errors(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        VideoFileSource(tmp_path / "absent.mp4")
    with pytest.raises(SourceError, match="not a file"):
        VideoFileSource(tmp_path)
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"this is not a video" * 100)
    with pytest.raises(SourceError):
        VideoFileSource(junk)
