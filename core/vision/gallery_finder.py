"""Many small faces on large frames (a conference gallery, a screen) for a bounded cost per frame.

res10 sees a 300x300 picture: squeezing a 1920x1080 gallery into it shrinks a 120 px face to
20 px, below what it finds. Running it at a scale where faces stay big enough costs ~0.3 s a
frame on two cores, and re-detecting each of 45 known faces in its own region costs ~6 ms a
face. So the work is spread over frames:

* **Coverage**: the frame is covered by overlapping square tiles at a scale where the
  smallest face wanted (`min_face`) is still `net_face` pixels for the network, plus one
  coarse pass over the whole frame for faces too big for a tile. One of these passes runs per
  frame, in turn; all of them run at once on the first frame and after a scene cut. A face
  they find that is not yet known is followed only once a region pass finds it again. Because
  of that check, coverage keeps detections down to `candidate_score` (0.25, below the
  detector's 0.5) as candidates: res10 scores a 75-80 px face seen at 45-48 px far lower
  than the same face seen close (0.29 against 0.79-0.99, a 720p 5x5 tile), and a candidate
  costs one or two region passes, at most `region_budget` a coverage pass. A candidate never
  confirms a face already known; only the detector's own threshold does.
  Coverage looks for faces nobody follows yet, so a pass whose area has not changed outside
  the followed faces since it last ran (mean grey-level change of a 1/8-scale thumbnail,
  followed faces and their surroundings masked out) would see what it saw then: it is
  skipped, and the next pass in turn is considered, at most `revisit` frames apart. A
  steady class costs almost no coverage; a camera switched on, a new face, a moving
  background brings the passes back at once. (`still` < 0: never skip. `FaceFinder` asks for
  skipping only with `skip_coverage=True`: it cost ~1.3 points of frame accuracy on the 5x5
  benchmark gallery, boxes being refreshed by region passes instead of tiles.)
* **Verification by pixels**: a known face whose pixels have not changed since the detector
  last confirmed it (mean grey-level change of a 16x16 thumbnail of its box) is still there.
  It is reported without a detector pass, for at most `max_hold` frames.
* **Unchanged tiles**: a followed face whose surroundings at 1/8 scale (its box in the frame's
  thumbnail) differ from what they were when it was last followed or confirmed by at most
  `still_face` grey levels on average has not moved or changed: it is reported at its box
  without the template match (camera noise averages out at that scale; a drift of half a
  pixel does not). `still_face` < 0: follow every face every frame.
* **Region passes**: a known face whose pixels changed (a new expression, a head turn, the
  camera switched off) is re-detected in a square around its box, oldest confirmation first,
  at most `region_budget` a frame. Each of `region_looks` (square 1.3 times the box, seen at
  128 px, then at 160 px) is tried until one finds it: res10's score for one face swings with
  the scale it is seen at (0.24 at 128 px, 0.68 at 160 px for one FER face), and of 995 gallery
  faces the first look found 97.1%, both 98.9%, the 1.6x/128 px look used before 95.4%
  (`AS_BEFORE_LOOKS`). Until then it is not reported: nothing is carried forward on faith. A
  face missed `max_misses` times in a row is forgotten; coverage finds it again when it comes
  back (the tracker keeps its id).
* **One box per face**: res10 sometimes boxes only part of a face (half of it, 35x89 px on a
  120 px face). A box lying mostly inside another (`_PART` of the smaller one) is the same
  face: a coverage detection refreshes the known face it holds or lies in, and of two reported
  boxes one inside the other only the better is kept, so a student is not split in two ids.
  It has also boxed one face's left and right thirds apart, each followed as a face: two boxes
  side by side that together are one face's size are reported as one box around both
  (`one_box_per_face`; two faces side by side are twice as wide as tall). A box followed by its pixels can
  slide off its face while its tile looks the same: a coverage detection sharing `_SHARED` of itself with a
  face not confirmed this frame is that face found again (two faces in a gallery do not overlap).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from core.records import Detection
from core.vision.boxes import FACE_ASPECT, Box, face_shaped, iou, nms, overlap_of_smaller
from core.vision.detector import FaceDetector
from core.vision.follow import THUMB as _THUMB
from core.vision.follow import TEMPLATE, changed, follow, signature, thumbnail, unfollowed  # noqa: F401 (TEMPLATE: its old home)
from core.vision.preprocess import to_gray




# the finder as it was before weak candidates and the second look (benchmarks compare the two in one run)
AS_BEFORE_LOOKS = {"region_looks": ((1.6, 128),), "candidate_score": 1.0}
_PART = 0.7  # a box this much inside another is a part of that face (res10 sometimes boxes half a face)
_SHARED = 0.35  # a detection sharing this much of itself with a followed box is that face (faces do not overlap)
_JOINED = 0.25  # two boxes of one frame sharing this much of the smaller, face-shaped together, are one face
_SIDE_HEIGHTS = 1.3  # two boxes side by side within this of each other's height ...
_SIDE_LEVEL = 0.7  # ... sharing this much of the shorter one's rows ...
_FACE_WIDE = FACE_ASPECT  # ... and together no wider than a face's box may be for the taller's height: one face


def _area(small: np.ndarray, box: Box) -> np.ndarray:
    """The part of a 1/_THUMB-scale image that a frame-pixel box covers."""
    x, y, w, h = box
    return small[y // _THUMB : (y + h) // _THUMB + 1, x // _THUMB : (x + w) // _THUMB + 1]


def sides_of_one_face(a: Box, b: Box) -> bool:
    """Whether two boxes side by side are parts of one face: about as tall as each other, level, and together
    no wider than `_FACE_WIDE` times their height (res10 boxed one 80 px face's left and right thirds, 24x54 and
    26x59, 29 px apart, for seconds: two ids for one student; two faces side by side are twice as wide)."""
    short, tall = sorted((a[3], b[3]))
    if short <= 0 or tall > _SIDE_HEIGHTS * short:
        return False
    level = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    wide = max(a[0] + a[2], b[0] + b[2]) - min(a[0], b[0])
    return level >= _SIDE_LEVEL * short and wide <= _FACE_WIDE * tall


def parts_of_one_face(a: Box, b: Box) -> bool:
    """Whether two boxes are parts of one face: `sides_of_one_face`, or sharing `_JOINED` of the smaller one
    with a face-shaped box around both (res10 boxed an 80 px face's right half, 40x67, and its upper left,
    44x48, at once for seconds; another's right half, 34x86, and lower left, 56x49, sharing 0.32 of the
    smaller: two ids for one student each time over 60 s; faces in a gallery do not overlap at all)."""
    if sides_of_one_face(a, b):
        return True
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    around = (x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0)
    return overlap_of_smaller(a, b) >= _JOINED and face_shaped(around)


def one_box_per_face(dets: list[Detection]) -> list[Detection]:
    """The detections with each pair that `parts_of_one_face` joins reported as one box around both (the
    better score); each followed part goes on being followed on its own."""
    if len(dets) < 2 or not _any_joined(dets):  # the usual frame: one array pass over every pair
        return dets
    out = list(dets)
    i = 0
    while i < len(out):
        j = next((j for j in range(i + 1, len(out)) if parts_of_one_face(out[i].box, out[j].box)), None)
        if j is None:
            i += 1
            continue
        a, b = out[i], out.pop(j)
        x0, y0 = min(a.box[0], b.box[0]), min(a.box[1], b.box[1])
        x1 = max(a.box[0] + a.box[2], b.box[0] + b.box[2])
        y1 = max(a.box[1] + a.box[3], b.box[1] + b.box[3])
        out[i] = Detection((x0, y0, x1 - x0, y1 - y0), max(a.score, b.score))
    return out


def _any_joined(dets: list[Detection]) -> bool:
    """Whether any two of the detections are `parts_of_one_face` (all pairs at once)."""
    x, y, w, h = np.asarray([d.box for d in dets], np.float64).T
    short, tall = np.minimum.outer(h, h), np.maximum.outer(h, h)
    level = np.minimum.outer(y + h, y + h) - np.maximum.outer(y, y)
    wide = np.maximum.outer(x + w, x + w) - np.minimum.outer(x, x)
    join = (short > 0) & (tall <= _SIDE_HEIGHTS * short) & (level >= _SIDE_LEVEL * short) & (wide <= _FACE_WIDE * tall)
    across = np.minimum.outer(x + w, x + w) - np.maximum.outer(x, x)
    high = np.maximum.outer(y + h, y + h) - np.minimum.outer(y, y)
    shared = np.clip(across, 0, None) * np.clip(level, 0, None)
    smaller = np.maximum(np.minimum.outer(w * h, w * h), 1)
    join |= (shared >= _JOINED * smaller) & (wide <= _FACE_WIDE * high) & (high <= _FACE_WIDE * wide)
    np.fill_diagonal(join, False)
    return bool(join.any())


def _still(now: np.ndarray, then: np.ndarray, level: float) -> bool:
    """Whether two thumbnail areas of a face are the same within `level` grey levels on average."""
    return now.shape == then.shape and float(np.abs(now - then).mean()) <= level


@dataclass
class _Known:
    """A face the finder follows: its last confirmed box and what its pixels looked like then."""

    box: Box
    score: float
    signature: np.ndarray
    confirmed: int  # frame number of the last detector confirmation
    misses: int = 0
    thumb: np.ndarray | None = None  # its box in the 1/8 thumbnail when it was last followed or confirmed


def coverage_passes(width: int, height: int, min_face: int, net_face: int, net_input: int, overlap: int
                    ) -> list[Box]:
    """Square tiles covering the frame (each seen at `net_input` px) and, first, the whole frame.

    A tile spans `net_input * min_face / net_face` frame pixels, so a face of `min_face` is
    `net_face` pixels for the network; neighbours overlap by `overlap` pixels so that a face
    up to that size lies whole inside some tile.
    """
    side = min(int(round(net_input * min_face / net_face)), width, height)
    stride = max(1, side - overlap)

    def starts(extent: int) -> list[int]:
        xs = list(range(0, max(1, extent - side + 1), stride))
        if xs[-1] + side < extent:
            xs.append(extent - side)
        return xs

    tiles = [(x, y, side, side) for y in starts(height) for x in starts(width)]
    return [(0, 0, width, height), *tiles] if len(tiles) > 1 else [(0, 0, width, height)]


class GalleryFinder:
    """Schedules coverage, pixel verification and region passes; `find(frame)` returns its faces."""

    def __init__(
        self,
        detector: FaceDetector,
        min_face: int = 60,
        net_face: int = 36,
        net_input: int = 300,
        overlap: int = 160,
        region_looks: tuple[tuple[float, int], ...] = ((1.3, 128), (1.3, 160)),
        candidate_score: float = 0.25,
        region_budget: int = 4,
        match_threshold: float = 0.6,
        search: float = 0.25,
        max_hold: int = 24,
        max_misses: int = 2,
        cut_threshold: float = 18.0,
        still: float = 1.5,
        revisit: int = 300,
        still_face: float = 1.0,
    ) -> None:
        self.detector = detector
        self.min_face, self.net_face, self.net_input, self.overlap = min_face, net_face, net_input, overlap
        self.region_looks, self.region_budget = region_looks, region_budget
        self.candidate_score = candidate_score
        self.match_threshold, self.search = match_threshold, search
        self.max_hold, self.max_misses = max_hold, max_misses
        self.cut_threshold = cut_threshold
        self.still, self.revisit = still, revisit
        self.still_face = still_face
        self._seen: dict[int, tuple[np.ndarray, int]] = {}  # pass: (its 1/8 thumbnail when it last ran, frame)
        self._known: list[_Known] = []
        self._passes: list[Box] = []
        self._shape: tuple[int, int] | None = None
        self._next_pass = 0
        self._frame = 0
        self._thumb: np.ndarray | None = None
        self.cut = False  # whether the last frame found was a scene cut (or the first frame)
        self.gray: np.ndarray | None = None  # the last frame found, in grey
        self.full_passes = 0  # coverage passes (tiles or the whole frame)
        self.roi_passes = 0
        self.skipped_passes = 0  # coverage passes left out because their area had not changed
        self.unchanged = 0  # followed faces reported without a template match: their tile had not changed
        for _, side in region_looks:
            detector.warm_up((side, side))
        detector.warm_up((net_input, net_input))

    def reset(self) -> None:
        """Forget known faces; the next frame gets a whole coverage."""
        self._known, self._thumb, self._shape = [], None, None
        self._seen = {}

    def _template(self, gray: np.ndarray, box: Box) -> np.ndarray:
        return signature(gray, box)

    def _follow(self, gray: np.ndarray, known: _Known) -> Box | None:
        """Where the face's confirmed look is now, by normalised cross-correlation nearby; None if gone."""
        return follow(gray, known.box, known.signature, self.search, self.match_threshold)

    def _scene_cut(self, small: np.ndarray) -> bool:
        small = cv2.resize(small, (32, 24), interpolation=cv2.INTER_AREA).astype(np.float32)
        previous, self._thumb = self._thumb, small
        return previous is None or float(np.abs(previous - small).mean()) > self.cut_threshold

    def _cover(self, frame: np.ndarray, box: Box) -> list[Detection]:
        self.full_passes += 1
        low = min(self.candidate_score, self.detector.threshold)
        if box[2] == box[3]:
            return self.detector.detect(frame, roi=box, input_size=(self.net_input, self.net_input), min_score=low)
        # the whole frame, its aspect kept so that faces are not squeezed
        return self.detector.detect(frame, input_size=(self.net_input, max(1, round(self.net_input * box[3] / box[2]))),
                                    min_score=low)

    def _unfollowed(self, small: np.ndarray) -> np.ndarray:
        """A mask of the 1/8-scale frame: where no followed face (or its surroundings) is."""
        return unfollowed(small.shape, [k.box for k in self._known])

    def _forget_seen(self, box: Box) -> None:
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        for i, (x, y, w, h) in enumerate(self._passes):
            if x <= cx <= x + w and y <= cy <= y + h:
                self._seen.pop(i, None)

    def _next_cover(self, small: np.ndarray, free: np.ndarray) -> Box | None:
        """The next coverage pass in turn whose area changed where no face is followed; None if none did."""
        for _ in range(len(self._passes)):
            i = self._next_pass % len(self._passes)
            self._next_pass += 1
            now, mask = _area(small, self._passes[i]), _area(free, self._passes[i])
            seen = self._seen.get(i)
            if self.still < 0 or seen is None or self._frame - seen[1] >= self.revisit or \
                    changed(now, seen[0], mask, self.still):
                self._seen[i] = (now, self._frame)
                return self._passes[i]
            self.skipped_passes += 1
        return None

    def _in_region(self, frame: np.ndarray, known: _Known) -> Detection | None:
        for scale, side in self.region_looks:
            self.roi_passes += 1
            found = self.detector.redetect(frame, known.box, scale, side)
            if found is not None:
                return found
        return None

    def _confirm(self, known: _Known, det: Detection, gray: np.ndarray) -> None:
        known.box, known.score, known.misses = det.box, det.score, 0
        known.signature = self._template(gray, det.box)
        known.confirmed = self._frame
        known.thumb = None  # the next frame follows it by its pixels, and keeps its tile's look then

    def _absorb(self, frame: np.ndarray, dets: list[Detection], gray: np.ndarray, reported: dict[int, _Known]) -> None:
        """Coverage detections: refresh the known face they overlap, or start following a new one.

        A new face must be found again by a region pass, at another scale, before it is
        followed: a weak false detection on a textured background would otherwise be held by
        its own pixels until its next confirmation falls due.
        """
        tried = 0
        for det in nms(dets, contain=_PART):
            match = max(self._known, key=lambda k: iou(k.box, det.box), default=None)
            if match is None or iou(match.box, det.box) <= 0.3:  # or one box holds the other: a part of one face
                match = max(self._known, key=lambda k: overlap_of_smaller(k.box, det.box), default=None)
                share = overlap_of_smaller(match.box, det.box) if match is not None else 0.0
                # a box followed by its pixels can slide off its face (a 95x120 box on a 120 px face's lower right
                # and below it, held for frames as its tile's look stayed the same): a detection sharing a third of
                # itself with a face not confirmed this frame is that face, found again where it is
                match = match if share > _PART or share > _SHARED and match.confirmed < self._frame else None
            if match is not None:
                if det.score < self.detector.threshold:  # a candidate only: it confirms nobody
                    continue
                self._confirm(match, det, gray)
            else:
                if tried >= self.region_budget:  # weak candidates on a busy background must not stall a frame
                    continue
                tried += 1
                match = _Known(det.box, det.score, self._template(gray, det.box), self._frame)
                again = self._in_region(frame, match)
                if again is None:
                    continue
                self._confirm(match, again, gray)
                self._known.append(match)
            reported[id(match)] = match

    def find(self, frame: np.ndarray) -> list[Detection]:
        """Faces in this frame, best first."""
        self._frame += 1
        gray = self.gray = to_gray(frame)
        fh, fw = gray.shape[:2]
        reported: dict[int, _Known] = {}
        if self._shape != (fw, fh):
            self._shape = (fw, fh)
            self._passes = coverage_passes(fw, fh, self.min_face, self.net_face, self.net_input, self.overlap)
            self._next_pass, self._thumb = 0, None
        small = thumbnail(gray)
        self.cut = self._scene_cut(small.astype(np.uint8))
        if self.cut:
            self._known = []
            for box in self._passes:
                self._absorb(frame, self._cover(frame, box), gray, reported)
            self._seen = {i: (_area(small, box), self._frame) for i, box in enumerate(self._passes)}
        else:
            stale = []
            for k in self._known:
                fresh = self._frame - k.confirmed <= self.max_hold
                if fresh and self.still_face >= 0 and k.thumb is not None and \
                        _still(_area(small, k.box), k.thumb, self.still_face):
                    self.unchanged += 1
                    reported[id(k)] = k
                    continue
                moved = self._follow(gray, k) if fresh else None
                if moved is not None:
                    k.box = moved
                    k.thumb = _area(small, moved)
                    reported[id(k)] = k
                else:
                    stale.append(k)
            stale.sort(key=lambda k: k.confirmed)
            for k in stale[: self.region_budget]:
                det = self._in_region(frame, k)
                if det is not None:
                    self._confirm(k, det, gray)
                    reported[id(k)] = k
                else:
                    k.misses += 1
            gone = {id(k) for k in stale if k.misses >= self.max_misses}
            for k in stale:
                if id(k) in gone:  # the passes that saw this face must look again, changed pixels or not
                    self._forget_seen(k.box)
            self._known = [k for k in self._known if id(k) not in gone]
            box = self._next_cover(small, self._unfollowed(small))
            if box is not None:
                self._absorb(frame, self._cover(frame, box), gray, reported)
        # two followed faces that converged on one face, or a part of a face and the face: keep the better one
        kept = nms([Detection(k.box, k.score) for k in reported.values()], contain=_PART)
        boxes = {d.box for d in kept}
        self._known = [k for k in self._known if id(k) not in reported or k.box in boxes]
        return one_box_per_face(kept)
