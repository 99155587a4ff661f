import json

import numpy as np
import pytest
import torch

from core.classes import EMOTIONS
from core.vision.classifier import EmotionClassifier
from training import eval_fer, finalize_fer, train_fer
from training.fer_data import Augmenter, load_npz, to_tensor


def write_npz(path, n, seed):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 7
    images = rng.integers(0, 60, (n, 48, 48), dtype=np.uint8)
    images[labels == 3, 30:40, 10:38] = 250  # a learnable "smile" for class happy
    np.savez(path, images=images, labels=labels, classes=np.array(EMOTIONS), names=np.array([f"{i}.jpg" for i in range(n)]))


@pytest.fixture()
def data_dir(tmp_path):
    write_npz(tmp_path / "Training.npz", 140, 0)
    write_npz(tmp_path / "PublicTest.npz", 70, 1)
    return tmp_path


def test_train_resume_and_eval(data_dir, tmp_path, capsys):
    run = tmp_path / "run"
    common = ["--data", str(data_dir), "--out", str(run), "--model", "emonet_t", "--batch", "32", "--threads", "1"]
    assert train_fer.main(common + ["--epochs", "1"]) == 0
    assert train_fer.main(common + ["--epochs", "2", "--resume"]) == 0
    hist = [json.loads(line) for line in (run / "history.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in hist] == [1, 2]
    capsys.readouterr()
    assert eval_fer.main(["--data", str(data_dir / "PublicTest.npz"), "--weights", str(run / "best.pt"),
                          "--device", "cpu"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"accuracy", "per_class_recall", "confusion", "n"}
    assert report["n"] == 70 and list(report["per_class_recall"]) == list(EMOTIONS)
    assert report["accuracy"] == max(h["val_acc"] for h in hist)  # best.pt is the best epoch
    EmotionClassifier(run / "best.pt", device="cpu")
    final = tmp_path / "final.pt"
    assert finalize_fer.main(["--weights", str(run / "best.pt"), "--data", str(data_dir), "--out", str(final)]) == 0
    chosen = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["chosen"]
    clf = EmotionClassifier(final, device="cpu")
    assert (clf.views == "flip") == chosen["tta_flip"] and (clf.logit_bias is None) == (chosen["alpha"] == 0)
    assert chosen["accuracy"] >= report["accuracy"]  # the untouched setting is among the candidates


def test_eval_reports_bad_data_in_one_line(tmp_path, capsys):
    assert eval_fer.main(["--data", str(tmp_path / "absent.npz")]) == 2
    assert "no such dataset file" in capsys.readouterr().err


def test_class_order_is_checked(tmp_path):
    np.savez(tmp_path / "x.npz", images=np.zeros((2, 48, 48), np.uint8), labels=np.zeros(2, np.int64),
             classes=np.array(["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]))
    with pytest.raises(ValueError, match="class order"):
        load_npz(tmp_path / "x.npz")


def test_class_weights_favour_rare_classes():
    labels = np.array([3] * 100 + [1] * 4 + list(range(7)))
    w = train_fer.class_weights(labels, 0.5)
    counts = np.bincount(labels, minlength=7)
    assert w[1] > w[3] and float((w.numpy() * counts).sum() / counts.sum()) == pytest.approx(1.0)


def test_augmenter_keeps_shape_and_changes_pixels():
    import torch

    x = to_tensor(np.random.default_rng(0).integers(0, 255, (8, 48, 48), dtype=np.uint8))
    y = Augmenter(generator=torch.Generator().manual_seed(0))(x)
    assert y.shape == x.shape and not torch.allclose(x, y)


def test_distillation_from_a_teacher_with_views(data_dir, tmp_path, tiny_weights, capsys):
    run = tmp_path / "student"
    assert train_fer.main(["--data", str(data_dir), "--out", str(run), "--model", "emonet_t", "--batch", "32",
                           "--threads", "1", "--epochs", "1", "--teacher", str(tiny_weights),
                           "--teacher-views", "flip", "--device", "cpu"]) == 0
    assert "teacher" in capsys.readouterr().err and (run / "best.pt").exists()


def test_distillation_loss_is_zero_when_the_student_agrees():
    import torch

    target = torch.softmax(torch.tensor([[2.0, 0.5, 0, 0, 0, 0, -1]]), 1)
    assert float(train_fer.distillation_loss(target.log(), target, 2.0)) == pytest.approx(0.0, abs=1e-6)
    assert float(train_fer.distillation_loss(torch.zeros(1, 7), target, 2.0)) > 0.01


def test_eval_accurate_runs_an_ensemble_file_and_rejects_views(data_dir, tmp_path, tiny_weights, capsys):
    from training import make_ensemble

    ens = tmp_path / "ens.pt"
    assert make_ensemble.main(["--weights", str(tiny_weights), str(tiny_weights), "--views", "flip",
                               "--out", str(ens)]) == 0
    capsys.readouterr()
    val = str(data_dir / "PublicTest.npz")
    assert eval_fer.main(["--data", val, "--weights", str(ens), "--device", "cpu"]) == 0
    ensemble_report = json.loads(capsys.readouterr().out)
    assert eval_fer.main(["--data", val, "--weights", str(tiny_weights), "--views", "flip", "--device", "cpu"]) == 0
    assert json.loads(capsys.readouterr().out)["accuracy"] == ensemble_report["accuracy"]
    assert eval_fer.main(["--data", val, "--accurate", "--views", "one"]) == 2
    assert "--accurate" in capsys.readouterr().err


def test_several_teachers_are_cached_once(data_dir, tmp_path, tiny_weights):
    from training.fer_data import load_npz

    images, _ = load_npz(data_dir / "Training.npz")
    cache = tmp_path / "cache"
    a = train_fer.teacher_targets([str(tiny_weights)] * 2, images, "flip", "cpu", cache)
    assert a.shape == (len(images), 7) and torch.allclose(a.sum(1), torch.ones(len(images)), atol=1e-5)
    files = list(cache.iterdir())
    assert len(files) == 1  # the same weights twice: one cache file
    assert torch.allclose(train_fer.teacher_targets([str(tiny_weights)], images, "flip", "cpu", cache), a, atol=1e-6)
