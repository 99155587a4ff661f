from pathlib import Path

from core.live.events import ENDED, LOST, EngineEvent
from core.view.status_line import MESSAGES_KEPT, StatusLine


def test_a_video_that_ends_marks_the_source_until_another_opens():
    s = StatusLine()
    s.source_opened("a.mp4")
    s.take(EngineEvent("warning", LOST, {"source": "a.mp4"}))
    assert not s.ended
    s.take(EngineEvent("info", ENDED, {"name": "a.mp4"}))
    assert s.ended and s.source == "a.mp4"
    s.source_opened("camera 0")
    assert not s.ended and s.source == "camera 0"


def test_messages_are_kept_newest_last_and_bounded():
    s = StatusLine()
    for i in range(MESSAGES_KEPT + 5):
        s.said("info", f"m{i}")
    assert len(s.messages) == MESSAGES_KEPT and s.messages[-1] == ("info", f"m{MESSAGES_KEPT + 4}")
    assert s.recording is None
    s.recording = Path("x.csv")
    assert s.recording.name == "x.csv"
