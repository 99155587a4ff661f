import os

import pytest

from core.sources.frame_source import SourceError
from core.sources.screen import ScreenSource


@pytest.mark.skipif(bool(os.environ.get("DISPLAY")), reason="needs a machine without a display")
def test_no_display_is_a_clear_source_error(monkeypatch):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(SourceError, match="screen capture is not available"):
        ScreenSource(1)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs a display (e.g. xvfb-run)")
def test_grabs_a_region_as_bgr_frames():
    src = ScreenSource(1, region=(0, 0, 64, 48), fps=50)
    frames = [src.read() for _ in range(3)]
    src.close()
    assert all(f.image.shape == (48, 64, 3) for f in frames)
    assert [f.index for f in frames] == [0, 1, 2] and frames[2].time_s > frames[0].time_s
    with pytest.raises(SourceError, match="no screen"):
        ScreenSource(99)
