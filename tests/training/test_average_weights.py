import json

import numpy as np
import torch

from core.vision.classifier import EmotionClassifier
from core.vision.network.emotion_cnn import create_model
from core.vision.network.weights import load_weights, save_weights
from tests.training.test_train_fer import write_npz
from training import average_weights
from training.fer_data import to_tensor


def test_average_state_is_the_elementwise_mean():
    torch.manual_seed(0)
    a, b = create_model("emonet_t"), create_model("emonet_t")
    avg = average_weights.average_state([a, b])
    for k, v in a.state_dict().items():
        if v.is_floating_point():
            torch.testing.assert_close(avg[k], (v + b.state_dict()[k]) / 2)
        else:
            assert torch.equal(avg[k], v)


def test_batchnorm_statistics_become_those_of_the_data():
    torch.manual_seed(0)
    model = create_model("emonet_t").eval()
    images = np.random.default_rng(0).integers(0, 255, (300, 48, 48), dtype=np.uint8)
    first_conv = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
    first_bn = next(m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d))
    with torch.no_grad():
        expected = first_conv(to_tensor(images)).mean(dim=(0, 2, 3))
    average_weights.recalibrate_batchnorm(model, images, batch=64)
    assert not model.training and first_bn.momentum == 0.1
    torch.testing.assert_close(first_bn.running_mean, expected, atol=1e-4, rtol=1e-4)


def test_cli_writes_loadable_weights_and_reports(tmp_path, capsys):
    write_npz(tmp_path / "Training.npz", 140, 0)
    write_npz(tmp_path / "PublicTest.npz", 70, 1)
    paths = []
    for seed in (0, 1):
        torch.manual_seed(seed)
        paths.append(str(tmp_path / f"w{seed}.pt"))
        save_weights(paths[-1], create_model("emonet_t"), "emonet_t", {"recipe": {"seed": seed}})
    out = tmp_path / "avg.pt"
    assert average_weights.main(["--weights", *paths, "--data", str(tmp_path), "--out", str(out), "--threads", "1"]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["averaged"] == 2 and 0.0 <= last["val_accuracy"] <= 1.0
    model, meta = load_weights(out)
    assert meta["averaged_from"] == paths and meta["val_accuracy"] == last["val_accuracy"]
    assert EmotionClassifier(out, device="cpu").predict(np.zeros((2, 48, 48), np.uint8)).shape == (2, 7)


def test_cli_refuses_different_networks_and_missing_files(tmp_path, capsys):
    write_npz(tmp_path / "Training.npz", 14, 0)
    write_npz(tmp_path / "PublicTest.npz", 14, 1)
    save_weights(tmp_path / "t.pt", create_model("emonet_t"), "emonet_t")
    save_weights(tmp_path / "s.pt", create_model("emonet_s"), "emonet_s")
    args = ["--data", str(tmp_path), "--out", str(tmp_path / "x.pt")]
    assert average_weights.main(["--weights", str(tmp_path / "t.pt"), str(tmp_path / "s.pt"), *args]) == 2
    assert "different networks" in capsys.readouterr().err
    assert average_weights.main(["--weights", str(tmp_path / "absent.pt"), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:")
    assert not (tmp_path / "x.pt").exists()
