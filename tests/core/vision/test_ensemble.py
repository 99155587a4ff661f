"""Ensemble weights files: compact storage, averaged members, the views they ship with."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.classes import EMOTIONS
from core.vision.classifier import EmotionClassifier
from core.vision.classifier import test_views as views_of
from core.vision.ensemble import (EmotionEnsemble, accurate_choice, accurate_weights, load_emotion_model,
                                  save_ensemble)
from core.vision.preprocess import normalize
from core.vision.network.emotion_cnn import create_model


@pytest.fixture(scope="module")
def members():
    torch.manual_seed(1)
    nets = [create_model(name).eval() for name in ("emonet_t", "emonet_t", "emonet_s")]
    with torch.no_grad():  # trained-looking BatchNorm statistics, so fusion and storage are really exercised
        for net in nets:
            for m in net.modules():
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.5, 0.5)
                    m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5)
    return nets


@pytest.fixture(scope="module")
def faces():
    return np.random.default_rng(0).integers(0, 255, (6, 48, 48), dtype=np.uint8)


def _mean_softmax(nets, x):
    with torch.inference_mode():
        return torch.stack([torch.softmax(n(x), 1) for n in nets]).mean(0).numpy()


def test_ensemble_file_is_compact_and_averages_its_members(members, faces, tmp_path):
    path = tmp_path / "ens.pt"
    save_ensemble(path, [(name, m, {"src": name}) for name, m in zip(("emonet_t", "emonet_t", "emonet_s"), members)],
                  "one", {"note": "test"})
    assert path.stat().st_size < 0.45 * sum(p.numel() * 4 for m in members for p in m.parameters())
    clf = EmotionClassifier(path, device="cpu")
    assert clf.model_name == "ensemble(emonet_t+emonet_t+emonet_s)" and clf.views == "one"
    x = torch.from_numpy(normalize(faces))
    loaded, meta = load_emotion_model(path)
    assert isinstance(loaded, EmotionEnsemble) and meta["note"] == "test"
    exact = _mean_softmax(loaded.members, x)
    p = clf.predict(faces)
    assert np.allclose(p, exact, atol=1e-4) and np.allclose(p.sum(1), 1, atol=1e-5)
    # int8 weights stay close to the float32 networks they came from
    assert np.abs(p - _mean_softmax(members, x)).max() < 0.02


def test_ensemble_ships_its_views(members, faces, tmp_path):
    path = tmp_path / "ens_flip.pt"
    save_ensemble(path, [("emonet_t", members[0], {}), ("emonet_t", members[1], {})], "flip", {})
    clf = EmotionClassifier(path, device="cpu")
    assert clf.views == "flip"
    assert EmotionClassifier(path, device="cpu", views="one").views == "one"
    loaded, _ = load_emotion_model(path)
    x = views_of(torch.from_numpy(normalize(faces)), "flip")
    expected = _mean_softmax(loaded.members, x).reshape(2, len(faces), -1).mean(0)
    assert np.allclose(clf.predict(faces), expected, atol=1e-4)


def test_single_network_files_still_load(tiny_weights):
    model, meta = load_emotion_model(tiny_weights)
    assert meta["model"] == "emonet_t" and not isinstance(model, EmotionEnsemble)


def test_bad_ensemble_files_fail_in_one_line(tmp_path, members):
    bad = tmp_path / "bad_ens.pt"
    torch.save({"model": "ensemble", "classes": ["x"] * 7, "members": []}, bad)
    with pytest.raises(ValueError, match="bad_ens.pt"):
        EmotionClassifier(bad, device="cpu")
    torch.save({"model": "ensemble", "classes": list(EMOTIONS),
                "members": [{"model": "emonet_t", "state_dict": {}}]}, bad)
    with pytest.raises(ValueError, match="bad emotion ensemble"):
        EmotionClassifier(bad, device="cpu")
    with pytest.raises(ValueError, match="at least one"):
        EmotionEnsemble([])


def test_accurate_means_the_shipped_ensemble_or_ten_views_of_given_weights():
    assert accurate_choice(None) == (str(accurate_weights()), None)
    assert accurate_choice("mine.pt") == ("mine.pt", "ten")
    assert accurate_weights().name == "emotion_ensemble.pt"
