import numpy as np
import pytest

from core.vision.preprocess import FACE_SIZE, crop_face, normalize, square_box


def test_square_box_adds_margin_and_centres():
    x0, y0, side = square_box((100, 100, 40, 60), margin=0.1)
    assert side == 72
    assert x0 + side / 2 == pytest.approx(120, abs=1) and y0 + side / 2 == pytest.approx(130, abs=1)


def test_crop_face_shape_dtype_and_gray(astronaut_bgr):
    crop = crop_face(astronaut_bgr, (180, 60, 90, 110))
    assert crop.shape == (FACE_SIZE, FACE_SIZE) and crop.dtype == np.uint8
    assert crop.std() > 10  # real content, not padding


def test_crop_face_at_the_border_keeps_its_shape():
    frame = np.full((100, 100, 3), 128, np.uint8)
    crop = crop_face(frame, (-20, 80, 50, 50))
    assert crop.shape == (FACE_SIZE, FACE_SIZE)
    assert (crop == 128).all()
    assert crop_face(frame, (500, 500, 10, 10)).shape == (FACE_SIZE, FACE_SIZE)


def test_normalize_shape_and_range():
    faces = np.stack([np.zeros((48, 48), np.uint8), np.full((48, 48), 255, np.uint8)])
    x = normalize(faces)
    assert x.shape == (2, 1, 48, 48) and x.dtype == np.float32
    assert x[0].max() == pytest.approx(-2.0) and x[1].min() == pytest.approx(2.0)
    with pytest.raises(ValueError):
        normalize(np.zeros((2, 32, 32), np.uint8))
