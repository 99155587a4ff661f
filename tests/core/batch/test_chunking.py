"""Time chunks: the plan, frame ranges with global indices and times, the merge in order."""

from core.batch.chunking import FrameRange, merge, plan_chunks
from core.batch.jobs import JobResult
from core.sources.frame_source import VideoFileSource


def test_plan_covers_the_video_and_the_last_chunk_reads_to_the_end():
    jobs = plan_chunks(3, "v.mp4", frames=100, fps=25.0, split_minutes=1 / 60)  # 25 frames each
    assert [(j.chunk, j.chunks, j.start_frame, j.stop_frame) for j in jobs] == [
        (0, 4, 0, 25), (1, 4, 25, 50), (2, 4, 50, 75), (3, 4, 75, None)]
    assert plan_chunks(3, "p.jpg", frames=1, fps=0.0, split_minutes=1.0)[0].chunks == 1
    assert plan_chunks(3, "v.mp4", frames=None, fps=25.0, split_minutes=1.0)[0].chunks == 1


def test_frame_range_keeps_global_indices_and_times(synthetic_video):
    with VideoFileSource(synthetic_video) as whole:
        every = [(f.index, f.time_s) for f in whole]
    with VideoFileSource(synthetic_video) as source:
        part = FrameRange(source, 12, 20)
        got = [(f.index, f.time_s) for f in part]
    assert part.frame_count == 8 and part.frames_read == 8
    assert got == every[12:20]


def test_merge_orders_chunks():
    parts = [JobResult(1, 1, b"b\n", 2, 1, 1.0, retried=1), JobResult(1, 0, b"a\n", 3, 2, 2.0)]
    merged = merge(parts)
    assert (merged.body, merged.frames, merged.faces, merged.video_s, merged.retried) == (b"a\nb\n", 5, 3, 3.0, 1)
