"""Per-frame analysis: find faces, keep their identities, crop, classify (or reuse), smooth."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from core.records import Detection, FaceResult, Frame, FrameResult
from core.vision.classifier import EmotionClassifier
from core.vision.detector import FaceDetector
from core.vision.finder import FaceFinder
from core.vision.gallery_tiles import gallery_tile
from core.vision.preprocess import FACE_SIZE, crop_face, to_gray
from core.vision.reuse import ClassificationReuse
from core.vision.tracker import IoUTracker


@dataclass(frozen=True)
class LocatedFrame:
    """A frame after detection and tracking, before classification (crosses the stage boundary)."""

    frame: Frame
    detections: list[Detection]
    face_ids: list[int]
    crops: np.ndarray  # [N, 48, 48] uint8
    cut: bool = False  # the finder saw a scene cut at this frame
    gray: np.ndarray | None = None  # the grey frame the crops were cut from (reuse compares faces in it)


class FrameAnalyzer:
    """Turns frames into FrameResults; `locate` and `classify` can run on two threads in turn."""

    def __init__(self, finder: FaceFinder, classifier: EmotionClassifier, tracker: IoUTracker | None = None,
                 reuse: ClassificationReuse | None = None):
        self.finder = finder
        self.classifier = classifier
        self.tracker = tracker or IoUTracker()
        self.attention = None  # an optional core.attention.reader.AttentionReader, applied after classification
        self.reuse = reuse if reuse is not None else ClassificationReuse()

    @classmethod
    def create(
        cls,
        device: str = "auto",
        weights: str | Path | None = None,
        smooth_half_life_s: float = 0.0,
        full_every: int = 10,
        det_threshold: float = 0.5,
        roi_input: int = 128,
        views: str | None = None,
        reuse_max_age_s: float = 0.2,
        follow: bool = True,
    ) -> FrameAnalyzer:
        """Build the standard pipeline: res10 detector, face finder, tracker and the shipped classifier.

        `reuse_max_age_s` bounds how long a still face's classification is reused (0: classify
        every crop); `follow=False` re-detects known faces every frame instead of following them.
        """
        finder = FaceFinder(FaceDetector(threshold=det_threshold), full_every=full_every, roi_input=roi_input,
                            follow=follow)
        classifier = EmotionClassifier(weights, device=device, views=views)
        return cls(finder, classifier, IoUTracker(smooth_half_life_s=smooth_half_life_s),
                   ClassificationReuse(max_age_s=reuse_max_age_s))

    def fresh(self) -> FrameAnalyzer:
        """A new analyzer sharing the loaded networks, in the state of a new run: ids from 1, the
        finder's schedule from its start (`reset` keeps both going, as the window wants)."""
        fresh = FrameAnalyzer(self.finder.fresh(), self.classifier, self.tracker.fresh(),
                              ClassificationReuse(self.reuse.max_change, self.reuse.max_age_s, self.reuse.align))
        fresh.attention = self.attention.fresh() if self.attention is not None else None
        return fresh

    def reset(self) -> None:
        """Start afresh, as for a new source."""
        self.finder.reset()
        self.tracker.reset()
        if self.attention is not None:
            self.attention.reset()
        self.reuse.reset()

    def locate(self, frame: Frame) -> LocatedFrame:
        """Detect, identify and crop the faces of a frame."""
        dets = self.finder.find(frame.image)
        if self.finder.cut:
            self.tracker.scene_cut()
        gray = getattr(self.finder, "gray", None)  # the finder's grey frame when it made one
        if gray is None or gray.shape != frame.image.shape[:2]:
            gray = to_gray(frame.image)  # once per frame, not once per face: a gallery has dozens
        ids = self.tracker.update(dets, frame.time_s, partial(gallery_tile, gray))
        crops = np.stack([crop_face(gray, d.box) for d in dets]) if dets else \
            np.zeros((0, FACE_SIZE, FACE_SIZE), np.uint8)
        return LocatedFrame(frame, dets, ids, crops, self.finder.cut, gray)

    def classify(self, located: LocatedFrame, keep_image: bool = False) -> FrameResult:
        """Classify the crops of a located frame that changed (all of them in one batch); reuse the others'."""
        t = located.frame.time_s
        if located.cut:
            self.reuse.reset()
        ids, crops = located.face_ids, located.crops
        boxes = [d.box for d in located.detections]
        todo, answers = self.reuse.plan(ids, crops, t, boxes, located.gray)
        if todo:
            batch = crops if len(todo) == len(ids) else crops[todo]
            probs = self.classifier.predict(batch)
            todo_ids = ids if len(todo) == len(ids) else [ids[i] for i in todo]
            self.reuse.remember(todo_ids, batch, probs, t, [boxes[i] for i in todo])
            for i, p in zip(todo, probs):
                answers[i] = (p, 0.0)
        faces = [
            FaceResult(fid, d.box, d.score, self.tracker.smooth(fid, a[0], t), probs_age_s=a[1])
            for fid, d, a in zip(ids, located.detections, answers)
        ]
        frame = located.frame
        if self.attention is not None:
            faces = self.attention.apply(frame, faces)
        return FrameResult(frame.index, t, faces, frame.image if keep_image else None, frame.captured_at)

    def analyze(self, frame: Frame, keep_image: bool = False) -> FrameResult:
        """Both stages, on the calling thread."""
        return self.classify(self.locate(frame), keep_image)
