import numpy as np
import pytest

from core.records import Detection
from core.vision.boxes import overlap_of_smaller
from core.vision.tracker import SEAT_SCALE, IoUTracker, face_width


def det(x, y, w=50, h=50):
    return Detection((x, y, w, h), 0.9)


def test_ids_follow_moving_faces():
    tr = IoUTracker()
    a, b = tr.update([det(0, 0), det(200, 0)], 0.0)
    assert a != b
    for step in range(1, 10):  # both drift by 5 px per frame; order of detections swapped
        assert tr.update([det(200 + 5 * step, 0), det(5 * step, 0)], step / 30) == [b, a]


def test_new_face_gets_a_new_id_and_lost_faces_expire():
    tr = IoUTracker(max_missed=2, keep_lost_s=0.0)
    (a,) = tr.update([det(0, 0)], 0.0)
    (c,) = tr.update([det(300, 300)], 0.1)
    assert c != a
    for t in (0.2, 0.3, 0.4):
        tr.update([], t)
    (again,) = tr.update([det(0, 0)], 0.5)
    assert again not in (a, c)  # forgotten after max_missed frames


def test_brief_dropout_keeps_identity():
    tr = IoUTracker(max_missed=5)
    (a,) = tr.update([det(10, 10)], 0.0)
    tr.update([], 0.033)
    assert tr.update([det(12, 10)], 0.066) == [a]


def test_smoothing_follows_half_life():
    tr = IoUTracker(smooth_half_life_s=1.0)
    (fid,) = tr.update([det(0, 0)], 0.0)
    p0 = np.array([1, 0, 0, 0, 0, 0, 0], np.float32)
    p1 = np.array([0, 0, 0, 1, 0, 0, 0], np.float32)
    assert np.allclose(tr.smooth(fid, p0, 0.0), p0)
    tr.update([det(0, 0)], 1.0)
    s = tr.smooth(fid, p1, 1.0)  # one half-life later: halfway
    assert s[0] == pytest.approx(0.5) and s[3] == pytest.approx(0.5)
    assert s.sum() == pytest.approx(1.0)


def test_smoothing_off_returns_input():
    tr = IoUTracker()
    (fid,) = tr.update([det(0, 0)], 0.0)
    p = np.full(7, 1 / 7, np.float32)
    assert tr.smooth(fid, p, 0.0) is p


def test_face_back_in_its_seat_within_keep_lost_gets_its_id_back():
    tr = IoUTracker(max_missed=3, keep_lost_s=30.0)
    a, b = tr.update([det(100, 100), det(500, 100)], 0.0)
    t = 0.0
    for _ in range(250):  # b turns the camera off for 25 s (250 frames at 10/s); a stays
        t += 0.1
        assert tr.update([det(102, 101)], t) == [a]
    assert tr.update([det(103, 99), det(508, 104)], t + 0.1) == [a, b]


def test_seat_memory_ends_and_ids_are_never_reused():
    tr = IoUTracker(max_missed=3, keep_lost_s=30.0)
    (a,) = tr.update([det(100, 100)], 0.0)
    tr.update([], 0.1)
    (far,) = tr.update([det(600, 400)], 5.0)  # somebody else, elsewhere
    assert far != a
    for t in (10.0, 20.0, 31.0):
        tr.update([det(600, 400)], t)
    later, again = tr.update([det(600, 400), det(100, 100)], 31.1)  # after 31 s away: a new id
    assert later == far and again not in (a, far)
    assert again == max(a, far) + 1


def test_another_size_in_the_seat_is_someone_else():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(100, 100, 50, 50)], 0.0)
    for t in (0.1, 0.2, 0.3):
        tr.update([], t)
    (b,) = tr.update([det(90, 90, 120, 120)], 0.4)  # centre nearby but more than 1.6 times the size
    assert b != a


def test_after_a_scene_cut_nobody_comes_back_by_seat():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(100, 100)], 0.0)
    tr.update([], 0.1)
    tr.update([], 0.2)
    tr.scene_cut()  # another scene: a face in the same place is someone else
    (b,) = tr.update([det(104, 100)], 0.3)
    assert b != a


def test_a_part_of_a_face_that_becomes_the_whole_face_keeps_its_id():
    from core.records import Detection
    from core.vision.tracker import IoUTracker

    tracker = IoUTracker()
    half = Detection((1358, 936, 35, 89), 0.6)  # res10 on half a face, followed for a while
    whole = Detection((1296, 919, 97, 106), 0.9)  # then the whole face (IoU 0.27 with the half)
    first = tracker.update([half], 0.0)
    again = tracker.update([whole], 0.1)
    assert first == again


def test_nms_with_containment_keeps_one_box_per_face():
    from core.records import Detection
    from core.vision.boxes import nms, overlap_of_smaller

    half, whole = Detection((1358, 936, 35, 89), 0.95), Detection((1296, 919, 97, 106), 0.9)
    assert overlap_of_smaller(half.box, whole.box) > 0.9
    assert len(nms([half, whole])) == 2  # plain IoU keeps both
    assert nms([half, whole], contain=0.7) == [half]
    apart = Detection((1500, 919, 97, 106), 0.8)
    assert len(nms([half, whole, apart], contain=0.7)) == 2


def test_a_face_back_in_its_seat_boxed_only_in_part_keeps_its_id():
    tr = IoUTracker(keep_lost_s=30.0)
    whole, part = det(100, 100, 120, 120), det(140, 110, 45, 100)  # res10 on half of the face
    for k in range(10):
        (a,) = tr.update([whole], k / 30)
    for k in range(10, 40):  # the camera off for a second
        tr.update([], k / 30)
    (b,) = tr.update([part], 41 / 30)
    (c,) = tr.update([whole], 42 / 30)
    assert a == b == c  # one id to the end, not a second one from the half box on


def test_a_face_last_boxed_in_part_and_back_whole_in_its_seat_keeps_its_id():
    # the tuning Teams 7x7: a track lost at a 37x75 box on half a face, back after a camera toggle as 62x80
    tr = IoUTracker(keep_lost_s=30.0)
    whole, part = det(651, 343, 62, 80), det(681, 351, 37, 75)
    (a,) = tr.update([whole], 0.0)
    (b,) = tr.update([part], 1 / 30)
    for k in range(2, 60):  # the camera off for two seconds
        tr.update([], k / 30)
    (c,) = tr.update([whole], 60 / 30)
    assert a == b == c
    (d,) = tr.update([det(300, 343, 62, 80)], 61 / 30)  # a face in another seat is someone else
    assert d != a


def test_a_smaller_box_centred_in_the_face_just_boxed_is_that_face():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(103, 327, 53, 73)], 0.0)
    # the face changed at once and res10 boxed its lower right only: half of it outside the old box, 1.7x narrower
    (b,) = tr.update([det(139, 345, 31, 41)], 0.1)
    assert b == a


def test_a_smaller_box_in_the_seat_of_a_face_lost_frames_ago_is_someone_else():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(103, 327, 53, 73)], 0.0)
    for t in (0.1, 0.2, 0.3):
        tr.update([], t)
    (b,) = tr.update([det(139, 345, 31, 41)], 0.4)
    assert b != a


def test_a_face_boxed_in_part_comes_back_to_its_seat_a_little_aside():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(682, 835, 41, 52)], 0.0)
    for t in (0.1, 0.2, 0.3):
        tr.update([], t)
    (b,) = tr.update([det(655, 826, 46, 50)], 3.7)  # the other side of the drifting face: 0.51 of a box apart
    assert b == a


def test_a_face_lost_while_boxed_in_part_and_back_whole_where_it_was_whole_keeps_its_id():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(649, 798, 64, 85)], 0.0)
    assert tr.update([det(678, 822, 35, 68)], 0.1) == [a]  # res10 on the face's right half
    for t in (0.2, 0.3, 0.4):
        tr.update([], t)
    # back whole 4.7 s later: twice as wide as the half it was last boxed on, about the size it had whole
    (b,) = tr.update([det(663, 791, 69, 89)], 4.8)
    assert b == a


def test_a_bigger_face_in_the_seat_of_a_face_always_boxed_small_is_someone_else():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(678, 822, 35, 68)], 0.0)  # never boxed bigger: nothing says the face was larger
    for t in (0.1, 0.2, 0.3):
        tr.update([], t)
    (b,) = tr.update([det(640, 780, 110, 130)], 4.8)
    assert b != a


def test_a_smaller_box_centred_in_a_face_lost_a_frame_ago_is_that_face():
    tr = IoUTracker(max_missed=2, keep_lost_s=30.0)
    (a,) = tr.update([det(1211, 672, 50, 56)], 0.0)
    tr.update([], 0.033)
    # its top edge above the old box's (0.68 of it inside): not a part by overlap, but centred in the face
    (b,) = tr.update([det(1229, 664, 31, 25)], 0.067)
    assert b == a


def test_a_face_last_boxed_on_a_small_part_and_back_around_it_keeps_its_id():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(600, 300, 61, 73)], 0.0)
    assert tr.update([det(630, 330, 20, 32)], 0.1) == [a]  # res10 on a small part of the face
    for t in (0.2, 0.3, 0.4):
        tr.update([], t)
    # back 3.2 s later around that part: 1.6x narrower than the whole face, 1.9x wider than the part
    (b,) = tr.update([det(612, 318, 38, 56)], 3.3)
    assert b == a


def test_a_face_much_wider_than_the_whole_around_the_last_part_is_someone_else():
    tr = IoUTracker(max_missed=1, keep_lost_s=30.0)
    (a,) = tr.update([det(600, 300, 61, 73)], 0.0)
    tr.update([det(630, 330, 20, 32)], 0.1)
    for t in (0.2, 0.3, 0.4):
        tr.update([], t)
    (b,) = tr.update([det(560, 260, 110, 130)], 3.3)  # 1.8x wider than the face ever was
    assert b != a


def test_a_face_only_ever_boxed_narrow_and_back_whole_around_that_box_keeps_its_id():
    tr = IoUTracker(max_missed=15, keep_lost_s=30.0)
    (a,) = tr.update([det(645, 654, 50, 75)], 0.0)  # a tuning 7x7 (seed 11): its 80 px face boxed narrow
    t = 0.0
    for x in range(645, 653):
        t += 1 / 30
        assert tr.update([det(x, 664, 50, 69)], t) == [a]
    for _ in range(88):  # the camera off 3 s
        t += 1 / 30
        tr.update([], t)
    # back whole around the last box: 1.64 times wider than any box it had, about as wide as it was tall
    (b,) = tr.update([det(654, 654, 82, 94)], t + 1 / 30)
    assert b == a
    assert face_width((652, 664, 50, 69)) * SEAT_SCALE >= 82 > 50 * SEAT_SCALE


def test_a_small_box_lying_mostly_where_the_face_was_whole_is_that_face():
    tr = IoUTracker(max_missed=15, keep_lost_s=30.0)
    (a,) = tr.update([det(1113, 313, 62, 81)], 0.0)
    assert tr.update([det(1114, 320, 54, 85)], 0.1) == [a]  # taller and narrower: still a part of the whole
    for k in range(40):  # lost 1.3 s
        tr.update([], 0.1 + (k + 1) / 30)
    # back on the face's right side: 0.61 of it inside the last box, 0.82 inside the whole
    (b,) = tr.update([det(1148, 334, 33, 42)], 1.5)
    assert b == a


def test_a_face_boxed_on_a_part_as_it_wanders_keeps_its_whole_size_and_comes_back_whole():
    tr = IoUTracker(max_missed=15, keep_lost_s=30.0)
    (a,) = tr.update([det(1752, 493, 89, 92)], 0.0)  # whole (a tuning-side 7x7, seed 92, at 22 s)
    t = 0.0
    # then boxed on a part while the face wanders left: the last one lies 0.69 inside where it was whole
    for x in (1745, 1742, 1740, 1738, 1737, 1740, 1742):
        t += 1 / 30
        assert tr.update([det(x, 515, 49, 69)], t) == [a]
    (track,) = tr._tracks
    assert track.whole[2:] == (89, 92) and overlap_of_smaller(track.box, track.whole) == 1.0
    for _ in range(71):  # lost 2.4 s
        t += 1 / 30
        tr.update([], t)
    (b,) = tr.update([det(1735, 497, 85, 92)], t + 1 / 30)  # back whole, 1.7x wider than the part
    assert b == a


def test_a_face_boxed_whole_somewhere_else_is_its_new_whole():
    tr = IoUTracker(max_missed=15, keep_lost_s=30.0)
    tr.update([det(1752, 493, 89, 92)], 0.0)
    tr.update([det(1722, 500, 80, 90)], 1 / 30)  # moved and boxed a little smaller: still the whole face
    (track,) = tr._tracks
    assert track.whole == (1722, 500, 80, 90)


def grid_tiles_of(cols: int = 7, rows: int = 7, w: int = 274, h: int = 154):
    """A gallery's tiles as `tile_of` gives them: the grid cell holding a box's centre."""
    def tile_of(box):
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        c, r = int(cx // w), int(cy // h)
        return (c * w, r * h, w, h) if c < cols and r < rows else None
    return tile_of


def _lost_then_back(first, last, back, lost_frames, tile_of):
    """Ids of a face boxed `first` then `last`, lost `lost_frames` frames, then boxed `back`."""
    tr = IoUTracker(max_missed=15, keep_lost_s=30.0)
    (a,) = tr.update([det(*first)], 0.0, tile_of)
    assert tr.update([det(*last)], 1 / 30, tile_of) == [a]
    t = 1 / 30
    for _ in range(lost_frames):
        t += 1 / 30
        tr.update([], t, tile_of)
    (b,) = tr.update([det(*back)], t + 1 / 30, tile_of)
    return a, b


def test_a_face_back_whole_twice_as_wide_in_its_tile_keeps_its_id():
    # a tuning-side Teams 7x7 (seed 91): an 80 px face boxed 45x51, lost 0.7 s, back whole at 89x95 around it
    first, last, back = (1750, 805, 51, 59), (1759, 799, 45, 51), (1748, 795, 89, 95)
    a, b = _lost_then_back(first, last, back, 20, None)
    assert b != a  # by the boxes alone: 1.98 times wider than any box it had
    a, b = _lost_then_back(first, last, back, 20, grid_tiles_of())
    assert b == a


def test_a_face_back_as_a_part_half_outside_its_last_box_in_its_tile_keeps_its_id():
    # a tuning-side Teams 7x7 (seed 86): boxed whole at 85x111, lost 1.1 s, back as a 37x54 part on its lower right
    first, last, back = (369, 956, 66, 87), (358, 935, 85, 111), (421, 981, 37, 54)
    a, b = _lost_then_back(first, last, back, 33, None)
    assert b != a  # by the boxes alone: 0.59 of it inside the last box, too long lost to be centred in it
    a, b = _lost_then_back(first, last, back, 33, grid_tiles_of())
    assert b == a


def test_no_tiles_no_seat_by_tile():
    a, b = _lost_then_back((1750, 805, 51, 59), (1759, 799, 45, 51), (1748, 795, 89, 95), 20, lambda box: None)
    assert b != a  # one camera filling the frame: the boxes alone say


def test_a_tile_two_faces_were_seen_in_is_no_ones_seat():
    tile_of = grid_tiles_of()
    tr = IoUTracker(max_missed=2, keep_lost_s=30.0)
    a, b = tr.update([det(1650, 790, 45, 51), det(1750, 800, 45, 51)], 0.0, tile_of)  # two in one tile
    for k in range(5):
        tr.update([det(1650, 790, 45, 51)], (k + 1) / 30, tile_of)  # the second lost
    (c, d) = tr.update([det(1650, 790, 45, 51), det(1730, 780, 100, 110)], 0.3, tile_of)
    assert c == a and d not in (a, b)  # a bigger box where the second was: the tile does not say who


def _lost_in_a_tile():
    """A tracker over a 7x7 gallery whose one face (a 45x51 box) was lost 5 frames ago, and that face's id."""
    tile_of = grid_tiles_of()
    tr = IoUTracker(max_missed=2, keep_lost_s=30.0)
    (a,) = tr.update([det(1759, 799, 45, 51)], 0.0, tile_of)
    for k in range(5):
        tr.update([], (k + 1) / 30, tile_of)
    return tr, a, tile_of


def test_a_face_in_its_tile_beside_another_box_there_is_not_given_the_lost_id():
    tr, a, tile_of = _lost_in_a_tile()
    ids = tr.update([det(1648, 780, 89, 95), det(1748, 795, 89, 95)], 0.3, tile_of)  # two boxes in its tile
    assert a not in ids


def test_a_face_in_the_next_tile_is_someone_else():
    tr, a, tile_of = _lost_in_a_tile()
    (b,) = tr.update([det(1759, 650, 89, 95)], 0.3, tile_of)  # the tile above, as near as a face
    assert b != a


def test_tiles_are_looked_for_only_around_a_new_box_near_a_lost_face():
    calls = []
    grid = grid_tiles_of()

    def tile_of(box):
        calls.append(box)
        return grid(box)

    tr = IoUTracker(max_missed=2, keep_lost_s=30.0)
    class_ = [det(10 + 274 * c, 40 + 154 * r, 80, 80) for r in range(7) for c in range(7)]
    ids = tr.update(class_, 0.0, tile_of)
    assert tr.update(class_, 1 / 30, tile_of) == ids
    assert calls == []  # a class's first faces, then the same faces: no lost face, no lookup
    assert tr.update([det(1700, 800, 89, 95)], 2 / 30, tile_of) == [ids[5 * 7 + 6]]  # its seat by the boxes
    assert calls == []
    for k in range(3, 7):
        tr.update([], k / 30, tile_of)
    # lost, then boxed almost twice as wide around its last box: no box rule places it, its tile does
    assert tr.update([det(1660, 790, 150, 120)], 7 / 30, tile_of) == [ids[5 * 7 + 6]]
    assert len(calls) == 1
