"""Faces in every frame for a fraction of a full detection per frame.

A full-frame res10 pass runs every `full_every` frames, on scene cuts, and whenever a face
was lost or none is known. In between, each known face is followed by its pixels: the grey
thumbnail of its box when the detector last confirmed it is matched nearby by normalised
cross-correlation (core/vision/follow.py; ~0.2 ms, against ~7 ms for a region pass and ~20 ms
for a full pass on two cores). Only when that match fails (a turn, a hand, a fast move), or
the face has been followed for `max_hold` frames, is it re-detected inside a square region
around its last box at a small network input, where it fills the view the way res10 likes
best; if that fails too, a full pass runs at once. The periodic full pass is there to find
faces nobody follows yet: when the frame has not changed outside the followed faces and
their surroundings since the last one (1/8-scale thumbnails, `still` grey levels), it would
see what that one saw, and is put off (at most until `revisit` frames after the last one).
A face is therefore only reported in a
frame where the detector saw it or its confirmed look was found again: a cut to an empty
scene drops it at once (a scene cut forces a full pass), it is never carried forward on faith.

With no face in view, a full pass runs at once on a scene cut, on every 2nd frame while the
picture moves (more than `idle_motion` grey levels since the last pass) and otherwise every
`idle_every` frames, so an empty scene does not cost a full pass per frame; a face that
walks into view is found within a frame or two.

Frames larger than `large_side` (a conference gallery, a screen) hold many small faces that
a 300x300 pass cannot see: they go to a `GalleryFinder` (core/vision/gallery_finder.py),
which spreads tiled coverage over frames and follows known faces by their pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

from core.records import Detection
from core.vision.boxes import iou, nms
from core.vision.detector import FaceDetector
from core.vision.follow import changed as area_changed
from core.vision.follow import follow, signature, thumbnail, unfollowed
from core.vision.gallery_finder import AS_BEFORE_LOOKS, GalleryFinder
from core.vision.preprocess import to_gray


_SCALES = (0.95, 1.0, 1.05)  # a webcam face grows and shrinks as the head moves; gallery faces keep their size
_SIDE = 24  # side of a webcam face's signature


class FaceFinder:
    """Schedules full-frame and region detections; `find(frame)` returns that frame's faces."""

    def __init__(
        self,
        detector: FaceDetector,
        full_every: int = 10,
        roi_scale: float = 2.0,
        roi_input: int = 128,
        cut_threshold: float = 18.0,
        idle_every: int = 6,
        idle_motion: float = 3.0,
        large_side: int = 1000,
        follow: bool = True,
        max_hold: int = 10,
        still: float = 1.5,
        revisit: int = 90,
        skip_coverage: bool = False,
        still_tiles: bool = True,
        second_looks: bool = True,
    ) -> None:
        self.detector = detector
        self.full_every = max(1, full_every)
        self.roi_scale = roi_scale
        self.roi_input = roi_input
        self.cut_threshold = cut_threshold
        self.idle_every = max(1, idle_every)
        self.idle_motion = idle_motion
        self.large_side = large_side
        self.follow = follow
        self.max_hold = max(1, max_hold)
        self.still, self.revisit = still, revisit
        # Skipping a gallery's unchanged coverage tiles halves its detector work but costs ~1.3 points of
        # frame accuracy (boxes refreshed by region passes instead of tiles): off unless asked for.
        self.skip_coverage = skip_coverage
        self.still_tiles = still_tiles  # a gallery face whose tile did not change is not matched again
        self.second_looks = second_looks  # gallery: weak coverage candidates, a second region look (False: as before)
        self._full_thumb: np.ndarray | None = None  # the frame at the last full pass, at 1/8 scale
        # box: (signature, frames followed since, size) as the detector last confirmed the face
        self._looks: dict[tuple[int, int, int, int], tuple[np.ndarray, int, tuple[int, int]]] = {}
        self._gallery: GalleryFinder | None = None
        self.gray: np.ndarray | None = None  # the last frame found, in grey (the analyzer crops from it)
        self.cut = False  # whether the last frame found was a scene cut
        self._idle_thumb: np.ndarray | None = None
        self._last: list[Detection] = []
        self._since_full = 0
        self._thumb: np.ndarray | None = None
        self.full_passes = 0
        self.roi_passes = 0
        self.followed = 0  # faces reported by their pixels, without a detector pass
        self.skipped_full = 0  # periodic full passes put off because nothing had changed around the faces
        detector.warm_up((roi_input, roi_input))

    def fresh(self) -> FaceFinder:
        """A new finder on the same detector and settings, as if no frame had been seen (a new run)."""
        return FaceFinder(self.detector, self.full_every, self.roi_scale, self.roi_input, self.cut_threshold,
                          self.idle_every, self.idle_motion, self.large_side, self.follow, self.max_hold,
                          self.still, self.revisit, self.skip_coverage, self.still_tiles, self.second_looks)

    @property
    def gallery(self) -> GalleryFinder | None:
        """The finder that large frames go to (None until one came)."""
        return self._gallery

    def reset(self) -> None:
        """Forget known faces; the next frame gets a full pass."""
        self._last, self._thumb, self._idle_thumb = [], None, None
        self._looks, self._full_thumb = {}, None
        if self._gallery is not None:
            self._gallery.reset()

    @staticmethod
    def _difference(a: np.ndarray | None, b: np.ndarray) -> float:
        if a is None or a.shape != b.shape:
            return float("inf")
        return float(np.abs(a - b).mean())

    def _scene_cut(self, frame: np.ndarray) -> bool:
        small = cv2.resize(frame, (32, 24), interpolation=cv2.INTER_AREA).astype(np.int16)
        previous, self._thumb = self._thumb, small
        return previous is not None and self._difference(previous, small) > self.cut_threshold

    def _in_region(self, frame: np.ndarray, prev: Detection) -> Detection | None:
        self.roi_passes += 1
        return self.detector.redetect(frame, prev.box, self.roi_scale, self.roi_input)

    def _full(self, frame: np.ndarray, confirm: bool) -> list[Detection]:
        self.full_passes += 1
        self._since_full = 0
        self._idle_thumb = self._thumb
        dets = self.detector.detect(frame)
        if confirm:  # small faces the 300x300 pass misses are still confirmed up close
            for prev in self._last:
                if all(iou(prev.box, d.box) < 0.3 for d in dets) and (d := self._in_region(frame, prev)):
                    dets.append(d)
        return dets

    def find(self, frame: np.ndarray) -> list[Detection]:
        """Faces in this frame, best first."""
        if max(frame.shape[:2]) > self.large_side:
            if self._gallery is None:
                looks = {} if self.second_looks else AS_BEFORE_LOOKS
                self._gallery = GalleryFinder(self.detector, still=1.5 if self.follow and self.skip_coverage else -1.0,
                                              still_face=1.0 if self.follow and self.still_tiles else -1.0, **looks)
            found = self._gallery.find(frame)
            self.cut, self.gray = self._gallery.cut, self._gallery.gray
            return found
        cut = self.cut = self._scene_cut(frame)
        self.gray = None
        if self.full_every > 1 and not self._last and not cut:
            changed = self._difference(self._idle_thumb, self._thumb) > self.idle_motion
            due = self._idle_thumb is None or self._since_full + 1 >= (2 if changed else self.idle_every)
            if not due:  # nothing known: look on every 2nd frame while the picture moves
                self._since_full += 1
                return []
        gray = self.gray = to_gray(frame)
        due = self._since_full + 1 >= self.full_every
        if due and self.full_every > 1 and self._last and not cut and self.follow and \
                self._since_full + 1 < self.revisit:
            small = thumbnail(gray)
            if not area_changed(small, self._full_thumb, unfollowed(small.shape, [d.box for d in self._last]), self.still):
                due = False
                self.skipped_full += 1
        if cut or not self._last or due:
            dets = self._full(frame, confirm=not cut)
            looks = {d.box: (signature(gray, d.box, _SIDE), 0, d.box[2:]) for d in dets}
            self._full_thumb = thumbnail(gray)
        else:
            self._since_full += 1
            dets, looks = [], {}
            for prev in self._last:
                sign, age, size = self._looks.get(prev.box, (None, self.max_hold, prev.box[2:]))
                moved = None
                if self.follow and sign is not None and age < self.max_hold:
                    # sizes are tried around the confirmed one, so that a followed box cannot drift in size
                    x, y, w, h = prev.box
                    around = (round(x + (w - size[0]) / 2), round(y + (h - size[1]) / 2), *size)
                    moved = follow(gray, around, sign, scales=_SCALES)
                if moved is not None:
                    self.followed += 1
                    dets.append(Detection(moved, prev.score))
                    looks[moved] = (sign, age + 1, size)
                elif (d := self._in_region(frame, prev)) is not None:
                    dets.append(d)
                    looks[d.box] = (signature(gray, d.box, _SIDE), 0, d.box[2:])
            if len(dets) < len(self._last):  # a face left or moved fast: look everywhere, now
                full = self._full(frame, confirm=False)
                looks.update({d.box: (signature(gray, d.box, _SIDE), 0, d.box[2:]) for d in full})
                self._full_thumb = thumbnail(gray)
                dets = full + dets
        self._last = nms(dets)
        self._looks = {d.box: looks[d.box] for d in self._last if d.box in looks}
        return list(self._last)
