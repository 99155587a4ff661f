"""The batch benchmark's clips: as many and as long as asked, each a readable video with the face in view."""

from benchmarks.bench_batch import FPS, make_clips
from core.sources.frame_source import VideoFileSource


def test_make_clips(tmp_path):
    assert make_clips(tmp_path, 2, 0.5) == 1.0
    for clip in sorted(tmp_path.iterdir()):
        with VideoFileSource(clip) as source:
            assert source.fps == FPS and sum(1 for _ in source) == 15
