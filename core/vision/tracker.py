"""Face identity across frames by IoU matching, with optional per-face temporal smoothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.records import Detection
from core.vision.boxes import Box, overlap_of_smaller


@dataclass
class Track:
    """A face followed across frames."""

    face_id: int
    box: Box
    last_time_s: float
    missed: int = 0
    probs: np.ndarray | None = None
    probs_time_s: float = 0.0
    seat: bool = True  # may be matched by seat when it comes back (not across a scene cut)
    whole: Box | None = None  # where the face was last boxed whole (`IoUTracker._next_whole`), not a part of it

    def __post_init__(self) -> None:
        if self.whole is None:
            self.whole = self.box


def _intersections(a: list[Box], b: list[Box]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both box lists broadcast against each other, and the area of each pair's intersection."""
    p, q = np.asarray(a, np.float64)[:, None], np.asarray(b, np.float64)[None]
    iw = np.minimum(p[..., 0] + p[..., 2], q[..., 0] + q[..., 2]) - np.maximum(p[..., 0], q[..., 0])
    ih = np.minimum(p[..., 1] + p[..., 3], q[..., 1] + q[..., 3]) - np.maximum(p[..., 1], q[..., 1])
    return p, q, np.clip(iw, 0, None) * np.clip(ih, 0, None)


def iou_matrix(a: list[Box], b: list[Box]) -> np.ndarray:
    """Intersection over union of every box of `a` with every box of `b`: [len(a), len(b)]."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    p, q, inter = _intersections(a, b)
    union = p[..., 2] * p[..., 3] + q[..., 2] * q[..., 3] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def part_matrix(a: list[Box], b: list[Box]) -> np.ndarray:
    """How much of the smaller of each pair of boxes lies inside the other: [len(a), len(b)]."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    p, q, inter = _intersections(a, b)
    smaller = np.minimum(p[..., 2] * p[..., 3], q[..., 2] * q[..., 3])
    return np.where(smaller > 0, inter / np.where(smaller > 0, smaller, 1), 0.0)


SEAT_SCALE = 1.6  # one person in one seat: boxes at most this many times wider or narrower than each other


def same_seat(a: Box, b: Box, max_shift: float = 0.6, max_scale: float = SEAT_SCALE) -> float | None:
    """How far apart two boxes' centres are, in face widths, if they could be one person in one seat.

    None when the centres are more than `max_shift` face widths apart or the sizes differ by
    more than `max_scale` times: someone else, or the same person somewhere else. (0.6: res10's boxes on
    part of a drifting face, lost 3.7 s, came back 0.51 of their width apart on a tuning-side 7x7 gallery;
    a gallery's next tile is two widths or more away.)
    """
    size = max(a[2], a[3], b[2], b[3], 1)
    ratio = max(a[2], 1) / max(b[2], 1)
    if not 1 / max_scale <= ratio <= max_scale:
        return None
    dx = (a[0] + a[2] / 2) - (b[0] + b[2] / 2)
    dy = (a[1] + a[3] / 2) - (b[1] + b[3] / 2)
    shift = float(np.hypot(dx, dy)) / size
    return shift if shift <= max_shift else None


TileOf = Callable[[Box], Box | None]  # the gallery tile holding a box in this frame, None where there is none


def _centre_in(box: Box, region: Box) -> bool:
    """Whether `box`'s centre lies inside `region`."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return region[0] <= cx <= region[0] + region[2] and region[1] <= cy <= region[1] + region[3]


def _within(part: Box, whole: Box) -> bool:
    """Whether `part` is a smaller box whose centre lies inside `whole`."""
    return part[2] * part[3] < whole[2] * whole[3] and _centre_in(part, whole)


def _moved_to_hold(whole: Box, box: Box) -> Box:
    """`whole` moved the least that puts `box` (no bigger than it) inside it."""
    x = min(max(whole[0], box[0] + box[2] - whole[2]), box[0])
    y = min(max(whole[1], box[1] + box[3] - whole[3]), box[1])
    return (x, y, whole[2], whole[3])


CUT_SIDE = 1.25  # a box on part of a face keeps its other side within this of the whole face's
FACE_ASPECT = 0.8  # res10 boxes a whole face about this many times as wide as tall (62x81, 69x89, 82x94 here)


def face_width(box: Box) -> float:
    """The least width of the face `box` lies on: its own, or its height's share (`FACE_ASPECT`) where it is a
    part cut short on its width (a 50x69 box on an 82x94 face)."""
    return max(box[2], box[3] * FACE_ASPECT)


class IoUTracker:
    """Greedy IoU matching of each frame's detections to known faces; new faces get new ids.

    A box that holds most of a track's box, or lies mostly inside it (`part_threshold` of the
    smaller one), continues that track: res10 sometimes boxes only part of a face, and when the
    finder later boxes the whole face it is the same person (the split of one student into two
    ids in a steady gallery was exactly this: a 35x89 box on half a face, then the whole face).

    A face unseen for more than `max_missed` frames stops being matched by overlap, but its id
    is kept for `keep_lost_s` seconds: a face that comes back in the same seat (a student
    looking down, stepping away or turning the camera off and on in a gallery tile) gets it
    back: by its box's size and place (`_seat_shift`) or, given the gallery's tiles, by the tile it
    was lost in (`_tile_seats`). Ids are never reused. Tracks are never reported without a detection
    in the same frame.
    """

    def __init__(self, iou_threshold: float = 0.3, max_missed: int = 15, smooth_half_life_s: float = 0.0,
                 keep_lost_s: float = 30.0, part_threshold: float = 0.7) -> None:
        self.iou_threshold = iou_threshold
        self.part_threshold = part_threshold
        self.max_missed = max_missed
        self.smooth_half_life_s = smooth_half_life_s
        self.keep_lost_s = keep_lost_s
        self._tracks: list[Track] = []
        self._next_id = 1

    def fresh(self) -> IoUTracker:
        """A new tracker with the same settings whose ids start again at 1 (a new run)."""
        return IoUTracker(self.iou_threshold, self.max_missed, self.smooth_half_life_s, self.keep_lost_s,
                          self.part_threshold)

    def reset(self) -> None:
        """Forget every face (new source); ids carry on, so none is reused."""
        self._tracks.clear()

    def scene_cut(self) -> None:
        """A new scene: faces that were lost are gone, and nobody seen so far comes back by seat."""
        self._tracks = [t for t in self._tracks if t.missed <= self.max_missed]
        for t in self._tracks:
            t.seat = False

    def _part_of(self, part: Box, whole: Box) -> bool:
        """Whether `part` is a smaller box lying mostly inside `whole` (res10 on part of that face)."""
        return part[2] * part[3] < whole[2] * whole[3] and overlap_of_smaller(part, whole) > self.part_threshold

    def _cut_of(self, part: Box, whole: Box) -> bool:
        """Whether `part` is `whole` cut short on one side (as tall or as wide, within `CUT_SIDE` times, and lying
        inside it): res10's box on half a face, not a smaller face (a face is about as wide as tall at any size)."""
        tall = part[3] * CUT_SIDE >= whole[3]
        wide = part[2] * CUT_SIDE >= whole[2]
        return (tall or wide) and self._part_of(part, whole)

    def _next_whole(self, t: Track, box: Box) -> Box:
        """Where track `t`'s face is whole once boxed at `box`: the box, unless it lies mostly inside the whole
        (a part), or is a part's width (`SEAT_SCALE` times narrower) that has left it: then the whole moves the
        least that holds it (a tuning-side 7x7: an 89x92 face boxed on a 49x69 part as it wandered left; that
        part, 0.69 inside the whole, became the whole, and the face back whole at 85x92 after 2.4 s was 1.6
        times wider: a second id)."""
        if self._part_of(box, t.whole):
            return t.whole
        if box[2] * SEAT_SCALE < t.whole[2] and box[3] <= t.whole[3]:
            return _moved_to_hold(t.whole, box)
        return box

    def _seat_shift(self, t: Track, box: Box) -> float | None:
        """How far `box` sits from unmatched track `t`'s seat, in face widths, if it could be that face come back.

        res10 boxes part of a face now and then, and each such box taken for someone else split a student into
        two ids; so these sit in the seat whatever their size:

        * a box on part of the face: lying mostly inside its last box (a student back from a camera toggle,
          boxed in part, kept the second id once the whole face was boxed) or where it was last seen whole (a
          tuning-side 720p 5x5: a 62x81 face lost 1.3 s, back as 33x42 on its right side, 0.82 of it inside
          the whole and 0.61 inside the last box);
        * the whole face of a track last boxed on part of it: that part cut short on one side (the tuning
          Teams 7x7: lost at a 37x75 box on half a face, back whole at 62x80), or lying inside the box that
          comes back, no wider than the face was whole times `SEAT_SCALE` (a tuning-side 720p 7x7: a 61x73
          face last boxed 20x32, back 3.2 s later as 38x56 around it), the face's width told by its height
          where it was never boxed whole (a tuning 7x7, seed 11 at 8 s: a face boxed 50x69-50x75 for 2.7 s,
          its camera off 3 s, back whole at 82x94, 1.64 times the width it had ever had);
        * a smaller box centred in a face boxed moments before (any live track), as res10 gives when the face
          changes at once (a tuning 720p tile's 53x73 face boxed 31x41 on its lower right, half of it outside;
          a tuning-side 7x7's 50x56 face boxed 31x25 one frame after it was lost).

        Anything else is matched by `same_seat` to the last box or to where the face was last seen whole, at
        about that size (tuning-side 7x7s: 35x68, 49x60 and 36x54 boxes on 80 px faces, lost for seconds, back
        whole at 69x89, 82x89 and 72x88).
        """
        part = self._part_of(box, t.box) or self._part_of(box, t.whole)
        whole_back = self._cut_of(t.box, box) or (
            self._part_of(t.box, box) and box[2] <= face_width(t.whole) * SEAT_SCALE)
        centred = t.missed <= self.max_missed and _within(box, t.box)
        if part or whole_back or centred:
            return same_seat(t.box, box, max_scale=float("inf"))
        shifts = [s for s in (same_seat(t.box, box), same_seat(t.whole, box)) if s is not None]
        return min(shifts, default=None)

    def _tile_seats(self, detections: list[Detection], used: set[int], track_of: dict[int, int],
                    tile_of: TileOf) -> list[tuple[int, int]]:
        """(track, detection) pairs of a face that came back in the gallery tile where it was lost, alone there.

        The box rules of `_seat_shift` judge a seat by the box's size and place, and res10 boxes an 80 px face
        anywhere from 45 to 89 px wide: tuning-side Teams 7x7s split a student boxed 45x51, lost under a second
        and back whole at 89x95 (1.98x wider), and one boxed whole at 85x111, lost 1.1 s and back as a 37x54
        part on the face's lower right, half outside its last box. In a gallery the tile says who sits there,
        whatever the box: a face no box rule placed is the lost face whose last box is in its tile, when no
        other face, lost or seen, has been in that tile and no other box is in it now. A frame with no tiles
        (one camera) has no such seats. A tile is looked for only around a box with a lost face near it.
        """
        pairs: list[tuple[int, int]] = []
        taken = set(used)
        for di, d in enumerate(detections):
            if di in track_of:
                continue
            reach = 2 * max(d.box[2], d.box[3])
            near = [ti for ti, t in enumerate(self._tracks) if ti not in taken and t.seat and
                    abs(t.box[0] + t.box[2] / 2 - d.box[0] - d.box[2] / 2) <= reach and
                    abs(t.box[1] + t.box[3] / 2 - d.box[1] - d.box[3] / 2) <= reach]
            if not near or (tile := tile_of(d.box)) is None or overlap_of_smaller(d.box, tile) < 0.9:
                continue
            inside = [ti for ti, t in enumerate(self._tracks) if _centre_in(t.box, tile)]
            others = [e for e, other in enumerate(detections) if e != di and _centre_in(other.box, tile)]
            if len(inside) == 1 and inside[0] in near and not others:
                pairs.append((inside[0], di))
                taken.add(inside[0])
        return pairs

    def update(self, detections: list[Detection], time_s: float, tile_of: TileOf | None = None) -> list[int]:
        """Assign a face id to each detection, in the order given; `tile_of` (a gallery's tiles in this frame)
        lets a face come back to the tile where it was lost (`_tile_seats`)."""
        live = [ti for ti, t in enumerate(self._tracks) if t.missed <= self.max_missed]
        overlaps = iou_matrix([self._tracks[ti].box for ti in live], [d.box for d in detections])
        # a box that turned from a part of a face into the whole face (or back) is the same face
        parts = part_matrix([self._tracks[ti].box for ti in live], [d.box for d in detections])
        overlaps = np.where(parts > self.part_threshold, np.maximum(overlaps, self.iou_threshold), overlaps)
        rows, cols = np.nonzero(overlaps >= self.iou_threshold)  # the few pairs that can match, not all of them
        pairs = sorted(((float(overlaps[r, c]), live[r], int(c)) for r, c in zip(rows, cols)), reverse=True)
        track_of: dict[int, int] = {}
        used: set[int] = set()
        for score, ti, di in pairs:
            if score < self.iou_threshold:
                break
            if ti in used or di in track_of:
                continue
            used.add(ti)
            track_of[di] = ti
        # faces that came back: the nearest unmatched track whose seat they sit in (`_seat_shift`)
        seats = sorted(
            (shift, ti, di) for ti, t in enumerate(self._tracks) if ti not in used and t.seat
            for di, d in enumerate(detections) if di not in track_of
            if (shift := self._seat_shift(t, d.box)) is not None
        )
        for _, ti, di in seats:
            if ti in used or di in track_of:
                continue
            used.add(ti)
            track_of[di] = ti
        if tile_of is not None and len(track_of) < len(detections):
            for ti, di in self._tile_seats(detections, used, track_of, tile_of):
                used.add(ti)
                track_of[di] = ti
        ids = []
        for di, d in enumerate(detections):
            if di in track_of:
                t = self._tracks[track_of[di]]
                t.whole = self._next_whole(t, d.box)
                t.box, t.missed, t.last_time_s = d.box, 0, time_s
            else:
                t = Track(self._next_id, d.box, time_s)
                self._next_id += 1
                self._tracks.append(t)
                used.add(len(self._tracks) - 1)
            ids.append(t.face_id)
        for ti, t in enumerate(self._tracks):
            if ti not in used:
                t.missed += 1
        self._tracks = [t for t in self._tracks
                         if t.missed <= self.max_missed or time_s - t.last_time_s <= self.keep_lost_s]
        return ids

    def smooth(self, face_id: int, probs: np.ndarray, time_s: float) -> np.ndarray:
        """Exponentially smooth a face's probabilities over time (half-life in seconds; 0 = off)."""
        if self.smooth_half_life_s <= 0:
            return probs
        track = next((t for t in self._tracks if t.face_id == face_id), None)
        if track is None:
            return probs
        if track.probs is None:
            track.probs = probs.astype(np.float64)
        else:
            keep = 0.5 ** (max(0.0, time_s - track.probs_time_s) / self.smooth_half_life_s)
            track.probs = keep * track.probs + (1.0 - keep) * probs
        track.probs_time_s = time_s
        return (track.probs / track.probs.sum()).astype(probs.dtype)
