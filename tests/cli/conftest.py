"""Command-line tests read English pages and messages, whatever the machine's language."""

from __future__ import annotations

import pytest

from benchmarks.gallery_clip import PlateLabels
from core.sources.face_clip import write_video


@pytest.fixture(autouse=True)
def english_system(monkeypatch):
    """The report's default language follows the system: pin it to English here."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture(scope="session")
def labelled_video(tmp_path_factory, synthetic_frames):
    """The synthetic clip with its one camera's name at the bottom left, as a conference shows a speaker."""
    frames, present = synthetic_frames
    plates = PlateLabels(16)
    out = []
    face = [f for f, p in zip(frames, present) if p]
    for f in face + face[::-1] + face:  # 2.4 s, drifting right, back and right again: one face, settled
        f = f.copy()
        plates.draw(f, "김민준", (0, 0, f.shape[1], f.shape[0]))
        out.append(f)
    return write_video(tmp_path_factory.mktemp("named") / "speaker.avi", out, 25.0)


@pytest.fixture(scope="session")
def named_gallery(tmp_path_factory):
    """A 2-tile gallery (1.6 s at 25 frames/s) whose tiles carry Zoom-style name plates: 김민준 and Park Jiwoo."""
    import numpy as np

    from benchmarks.gallery_clip import astronaut_faces, plan_gallery, write_gallery

    faces = astronaut_faces(4)
    students = plan_gallery(len(faces), 2, 1, 2, 40, face_px=(110, 110), away=0, names=("김민준", "Park Jiwoo"),
                            width=960, height=300, fps=25.0)
    path = tmp_path_factory.mktemp("gallery") / "class.avi"
    write_gallery(path, students, faces, np.zeros(len(faces), np.int64), 40, fps=25.0, label_style="plate",
                  label_px=18, width=960, height=300)
    return path
