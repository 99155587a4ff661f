import numpy as np
import pytest

from core.classes import EMOTIONS
from core.live.roster import ClassRoster
from core.records import FaceResult, FrameResult


def face(fid: int, cls: str, p: float = 0.8) -> FaceResult:
    probs = np.full(7, (1 - p) / 6)
    probs[EMOTIONS.index(cls)] = p
    return FaceResult(fid, (10 * fid, 0, 50, 50), 0.9, probs)


def test_dominant_duration_presence_and_sorting():
    r = ClassRoster(present_within_s=1.0)
    r.update(FrameResult(0, 0.0, [face(1, "happy"), face(2, "sad"), face(3, "happy", 0.5)]))
    r.update(FrameResult(1, 2.0, [face(1, "happy"), face(2, "angry")]))
    r.update(FrameResult(2, 5.0, [face(1, "happy", 0.9)]))
    one, two, three = (r.get(i) for i in (1, 2, 3))
    assert one.dominant_since_s == 0.0 and r.now_s - one.dominant_since_s == 5.0  # happy for 5 s
    assert EMOTIONS[two.dominant] == "angry" and two.dominant_since_s == 2.0
    assert [s.face_id for s in r.present()] == [1]
    assert three.unseen_s(r.now_s) == 5.0
    assert [s.face_id for s in r.students("not seen")] == [3, 2, 1]
    assert [s.face_id for s in r.students("happy")] == [1, 3, 2]
    assert [s.face_id for s in r.students("id")] == [1, 2, 3]
    with pytest.raises(ValueError):
        r.students("loudness")


def test_names_label_students_and_survive_a_new_source():
    r = ClassRoster()
    r.update(FrameResult(0, 0.0, [face(4, "neutral")]))
    r.set_name(4, "  김민준 ")
    assert r.get(4).label() == "김민준"
    r.clear()
    r.update(FrameResult(0, 0.0, [face(4, "neutral"), face(5, "fear")]))
    assert r.get(4).label() == "김민준" and r.get(5).label() == "#5"
    r.set_name(4, "")
    assert r.get(4).label() == "#4"


def test_mood_is_the_share_of_present_students_per_emotion_sampled_each_second():
    r = ClassRoster()
    for i in range(30):  # 10 frames a second for 3 s
        r.update(FrameResult(i, i / 10, [face(1, "happy"), face(2, "happy"), face(3, "sad"), face(4, "fear")]))
    times, shares = r.mood_series()
    assert len(times) == 3 and times[-1] <= 0 and times[0] >= -3
    assert np.allclose(shares.sum(axis=1), 1.0)
    assert shares[-1][EMOTIONS.index("happy")] == pytest.approx(0.5)
    empty = ClassRoster()
    assert empty.mood_series()[1].shape == (0, 7) and empty.mood_now().sum() == 0


def test_camera_off_participants_are_present_by_name():
    r = ClassRoster(present_within_s=1.0)
    r.update(FrameResult(0, 0.0, [face(1, "happy"), face(2, "sad")]))
    r.set_name(1, "김민준")
    named = FrameResult(1, 0.5, [FaceResult(2, (20, 0, 50, 50), 0.9, np.full(7, 1 / 7), name="박지우")])
    r.update(named)
    assert r.get(2).label() == "박지우"  # the tile's name, as the engine laid it on the face
    r.update(FrameResult(2, 5.0, []))
    r.set_camera_off(["박지우", "서유진 (조교)"])
    assert r.camera_off_names == ["서유진 (조교)"]  # a participant never seen on camera
    assert r.get(2).camera_off and not r.get(1).camera_off  # 박지우 turned the camera off; 김민준 is just gone
    r.update(FrameResult(3, 6.0, [FaceResult(2, (20, 0, 50, 50), 0.9, np.full(7, 1 / 7), name="박지우")]))
    assert not r.get(2).camera_off
