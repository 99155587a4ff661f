import numpy as np
import pytest
import torch

from core.classes import EMOTIONS, NUM_CLASSES
from core.resources import default_emotion_weights
from core.vision.classifier import EmotionClassifier, resolve_device
from core.vision.preprocess import crop_face
from core.vision.network.weights import load_weights


@pytest.fixture(scope="module")
def classifier(tiny_weights):
    return EmotionClassifier(tiny_weights, device="cpu")


def test_predict_shapes_and_probabilities(classifier):
    faces = np.random.default_rng(0).integers(0, 255, (5, 48, 48), dtype=np.uint8)
    p = classifier.predict(faces)
    assert p.shape == (5, NUM_CLASSES) and p.dtype == np.float32
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5) and (p >= 0).all()
    assert classifier.predict(np.zeros((0, 48, 48), np.uint8)).shape == (0, NUM_CLASSES)


def test_batching_does_not_change_results(classifier):
    faces = np.random.default_rng(1).integers(0, 255, (4, 48, 48), dtype=np.uint8)
    batched = classifier.predict(faces)
    single = np.concatenate([classifier.predict(faces[i : i + 1]) for i in range(4)])
    assert np.allclose(batched, single, atol=1e-5)


def test_batchnorm_fusion_matches_the_trained_network(classifier, tiny_weights):
    model, _ = load_weights(tiny_weights)
    faces = np.random.default_rng(2).integers(0, 255, (3, 48, 48), dtype=np.uint8)
    from core.vision.preprocess import normalize

    with torch.inference_mode():
        ref = torch.softmax(model(torch.from_numpy(normalize(faces))), 1).numpy()
    assert np.allclose(classifier.predict(faces), ref, atol=1e-4)


def test_device_resolution():
    assert resolve_device("cpu") == (torch.device("cpu"), None)
    with pytest.raises(ValueError, match="unknown device"):
        resolve_device("tpu")
    if not torch.cuda.is_available():
        dev, warning = resolve_device("cuda")
        assert dev.type == "cpu" and "CUDA" in warning
        assert resolve_device("auto") == (torch.device("cpu"), None)


def test_bad_weights_give_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        EmotionClassifier(tmp_path / "absent.pt", device="cpu")
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(ValueError, match="bad.pt"):
        EmotionClassifier(bad, device="cpu")


@pytest.mark.skipif(not default_emotion_weights().is_file(), reason="shipped weights not trained yet")
def test_shipped_model_sees_the_astronauts_smile(astronaut_bgr):
    from core.vision.detector import FaceDetector

    box = FaceDetector().detect(astronaut_bgr)[0].box
    probs = EmotionClassifier(device="cpu").predict(crop_face(astronaut_bgr, box)[None])[0]
    assert EMOTIONS[int(probs.argmax())] == "happy"


def test_mirror_averaging_and_logit_bias(tiny_weights):
    plain = EmotionClassifier(tiny_weights, device="cpu")
    faces = np.random.default_rng(3).integers(0, 255, (4, 48, 48), dtype=np.uint8)
    tta = EmotionClassifier(tiny_weights, device="cpu", views="flip")
    expected = 0.5 * (plain.predict(faces) + plain.predict(faces[:, :, ::-1].copy()))
    assert np.allclose(tta.predict(faces), expected, atol=1e-5)
    biased = EmotionClassifier(tiny_weights, device="cpu")
    biased.logit_bias = torch.tensor([0, 0, 0, 5.0, 0, 0, 0])
    p = biased.predict(faces)
    assert np.allclose(p.sum(1), 1, atol=1e-5) and (p[:, 3] > plain.predict(faces)[:, 3]).all()


def test_ten_views_average_shifted_and_mirrored_crops(tiny_weights):
    import pytest

    from core.vision.classifier import test_views

    plain = EmotionClassifier(tiny_weights, device="cpu")
    ten = EmotionClassifier(tiny_weights, device="cpu", views="ten")
    faces = np.random.default_rng(4).integers(0, 255, (3, 48, 48), dtype=np.uint8)
    padded = np.pad(faces, ((0, 0), (3, 3), (3, 3)), mode="edge")
    crops = [faces] + [padded[:, dy:dy + 48, dx:dx + 48] for dx, dy in ((0, 0), (6, 0), (0, 6), (6, 6))]
    views = [v for c in crops for v in (c, c[:, :, ::-1])]
    expected = np.mean([plain.predict(np.ascontiguousarray(v)) for v in views], axis=0)
    assert np.allclose(ten.predict(faces), expected, atol=1e-5)
    assert test_views(torch.zeros(2, 1, 48, 48), "ten").shape == (20, 1, 48, 48)
    with pytest.raises(ValueError):
        EmotionClassifier(tiny_weights, device="cpu", views="twelve")
