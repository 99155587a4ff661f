"""OpenCV DNN face detector: the res10 SSD, on a whole frame or on a region of it.

The network ships as ONNX (assets/detector/, converted once from Caffe by
training/convert_detector.py), which OpenCV 4 and 5 both read; its prior boxes and NMS run in
numpy (core/vision/ssd.py). `backend="caffe"` reads the original Caffe files instead (OpenCV 4
only), to check that both give the same boxes.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from core.records import Detection
from core.resources import DETECTOR_CAFFEMODEL, DETECTOR_ONNX, DETECTOR_PROTOTXT, caffe_detector_dir, detector_dir
from core.vision import ssd
from core.vision.boxes import iou, square_around

_MEAN = (104.0, 177.0, 123.0)  # BGR means the network was trained with


class DetectorError(RuntimeError):
    """The detector's files are missing or unreadable; the message names the file."""


class FaceDetector:
    """res10 SSD face detector with a confidence threshold and a minimum face size."""

    def __init__(
        self,
        model_dir: str | Path | None = None,
        threshold: float = 0.5,
        min_face: int = 20,
        input_size: tuple[int, int] = (300, 300),
        backend: str = "onnx",
    ) -> None:
        if backend not in ("onnx", "caffe"):
            raise ValueError(f"unknown detector backend {backend!r}; choose onnx or caffe")
        self.backend = backend
        if backend == "onnx":
            folder = Path(model_dir) if model_dir is not None else detector_dir()
            self._proto, self._weights = None, folder / DETECTOR_ONNX
        else:
            folder = Path(model_dir) if model_dir is not None else caffe_detector_dir()
            self._proto, self._weights = folder / DETECTOR_PROTOTXT, folder / DETECTOR_CAFFEMODEL
        for f in (self._proto, self._weights):
            if f is None:
                continue
            if not f.is_file():
                raise DetectorError(f"face detector file missing: {f}")
        self.threshold = threshold
        self.min_face = min_face
        self.input_size = input_size
        # One network per input size: OpenCV re-plans a network whenever its input shape
        # changes, which costs more than a small forward pass itself.
        self._nets: dict[tuple[int, int], cv2.dnn.Net] = {}
        self._net_for(input_size)

    def warm_up(self, size: tuple[int, int]) -> None:
        """Prepare the network for this input size now rather than on first use."""
        self._net_for(size)

    def _net_for(self, size: tuple[int, int]) -> cv2.dnn.Net:
        net = self._nets.get(size)
        if net is None:
            try:
                if self._proto is None:
                    net = cv2.dnn.readNetFromONNX(str(self._weights))
                else:
                    net = cv2.dnn.readNetFromCaffe(str(self._proto), str(self._weights))
                # Garbage weights can parse without complaint; a first forward pass (also the
                # warm-up) is what exposes them.
                net.setInput(np.zeros((1, 3, size[1], size[0]), np.float32))
                self._outputs(net, size, 1.0)
            except (cv2.error, ValueError, IndexError, AttributeError):
                raise DetectorError(f"face detector files are corrupt or unreadable: {self._weights}") from None
            self._nets[size] = net
        return net

    def _outputs(self, net: cv2.dnn.Net, size: tuple[int, int], min_score: float) -> np.ndarray:
        """The faces of the input set on `net`: [K, 5] (score, x0, y0, x1, y1 relative to the input)."""
        if self._proto is not None:
            out = net.forward()[0, 0]  # [K, 7]: image_id, label, score, x0, y0, x1, y1 (relative)
            return out[out[:, 2] >= min_score][:, 2:7]
        heads = net.forward(list(ssd.OUTPUTS))
        return ssd.detections(list(heads), size[0], size[1], min_score)

    def detect(
        self,
        frame: np.ndarray,
        roi: tuple[int, int, int, int] | None = None,
        input_size: tuple[int, int] | None = None,
        min_score: float | None = None,
    ) -> list[Detection]:
        """Faces in `frame` (BGR), or only within `roi` (x, y, w, h); boxes in frame pixels, best first
        (those scoring at least `min_score`, the detector's threshold unless given)."""
        fh, fw = frame.shape[:2]
        ox, oy = 0, 0
        img = frame
        if roi is not None:
            x, y, w, h = roi
            ox, oy = max(0, x), max(0, y)
            img = frame[oy : min(fh, y + h), ox : min(fw, x + w)]
            if img.size == 0:
                return []
        if img.ndim == 2:
            img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
        elif img.shape[2] == 4:
            img = cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
        ih, iw = img.shape[:2]
        size = input_size or self.input_size
        net = self._net_for(size)
        net.setInput(cv2.dnn.blobFromImage(img, 1.0, size, _MEAN, swapRB=False, crop=False))
        found = []
        for score, x0, y0, x1, y1 in self._outputs(net, size, self.threshold if min_score is None else min_score):
            bx0 = int(round(np.clip(x0, 0, 1) * iw)) + ox
            by0 = int(round(np.clip(y0, 0, 1) * ih)) + oy
            bx1 = int(round(np.clip(x1, 0, 1) * iw)) + ox
            by1 = int(round(np.clip(y1, 0, 1) * ih)) + oy
            w, h = bx1 - bx0, by1 - by0
            if w >= self.min_face and h >= self.min_face:
                found.append(Detection((bx0, by0, w, h), float(score)))
        found.sort(key=lambda d: -d.score)
        return found

    def redetect(self, frame: np.ndarray, box: tuple[int, int, int, int], scale: float, side: int) -> Detection | None:
        """The face nearest a known box, looked for in a square `scale` times its size, seen at `side` px."""
        fh, fw = frame.shape[:2]
        found = self.detect(frame, roi=square_around(box, scale, fw, fh), input_size=(side, side))
        best = max(found, key=lambda d: iou(d.box, box), default=None)
        return best if best is not None and iou(best.box, box) > 0.1 else None
