"""Emotion classifier: batched PyTorch inference on 48x48 face crops, CPU or CUDA."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from core.classes import NUM_CLASSES
from core.resources import default_emotion_weights
from core.vision.preprocess import FACE_SIZE, normalize
from core.vision.ensemble import load_emotion_model

DEVICES = ("auto", "cpu", "cuda")
VIEWS = {"one": 1, "flip": 2, "ten": 10}
"""Test-time views of each face: the crop alone, with its mirror image, or ten (the crop and four
3-pixel shifts, each also mirrored). Their softmax outputs are averaged."""


def test_views(x: torch.Tensor, kind: str) -> torch.Tensor:
    """The views of a normalised batch [N, 1, 48, 48], stacked view by view: [V * N, 1, 48, 48]."""
    if kind not in VIEWS:
        raise ValueError(f"unknown views {kind!r}; choose one of {', '.join(VIEWS)}")
    if kind == "one":
        return x
    crops = [x]
    if kind == "ten":
        side = x.shape[-1]
        padded = torch.nn.functional.pad(x, (3, 3, 3, 3), mode="replicate")
        crops += [padded[:, :, dy : dy + side, dx : dx + side] for dx, dy in ((0, 0), (6, 0), (0, 6), (6, 6))]
    return torch.cat([v for c in crops for v in (c, torch.flip(c, dims=[3]))])


def resolve_device(device: str) -> tuple[torch.device, str | None]:
    """Map auto/cpu/cuda to a torch device; return (device, warning when CUDA was asked for but absent)."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}; choose one of {', '.join(DEVICES)}")
    if device == "cpu":
        return torch.device("cpu"), None
    if torch.cuda.is_available():
        return torch.device("cuda"), None
    return torch.device("cpu"), ("CUDA is not available; using the CPU" if device == "cuda" else None)


def _fuse_batchnorm(module: nn.Module) -> nn.Module:
    """Fold every Conv2d followed by BatchNorm2d into one conv (inference only)."""
    for name, child in module.named_children():
        if isinstance(child, nn.Sequential):
            items = list(child.children())
            for i in range(len(items) - 1):
                if isinstance(items[i], nn.Conv2d) and isinstance(items[i + 1], nn.BatchNorm2d):
                    child[i] = fuse_conv_bn_eval(items[i], items[i + 1])
                    child[i + 1] = nn.Identity()
        _fuse_batchnorm(child)
    return module


class EmotionClassifier:
    """Loads the shipped (or given) weights once, warms up, and predicts 7-class probabilities."""

    def __init__(self, weights: str | Path | None = None, device: str = "auto", half: bool = False,
                 views: str | None = None) -> None:
        self.device, self.warning = resolve_device(device)
        self.weights_path = Path(weights) if weights is not None else default_emotion_weights()
        model, self.meta = load_emotion_model(self.weights_path)
        self.model_name = str(self.meta.get("model", "?"))
        # Post-hoc settings chosen on the validation split (training/finalize_fer.py): a per-class
        # logit bias that undoes the class weighting of training (logit adjustment), and
        # whether to average with the mirrored face.
        bias = self.meta.get("logit_bias")
        self.logit_bias = torch.tensor(bias, dtype=torch.float32) if bias else None
        # `views` overrides what the weights ship with (an ensemble names its views; `tta_flip`: the crop
        # and its mirror)
        self.views = views or self.meta.get("views") or ("flip" if self.meta.get("tta_flip", False) else "one")
        test_views(torch.zeros(1, 1, FACE_SIZE, FACE_SIZE), self.views)  # an unknown kind fails here
        model = _fuse_batchnorm(model.eval())
        self.half = half and self.device.type == "cuda"
        model = model.to(self.device, memory_format=torch.channels_last)
        if self.half:
            model = model.half()
        self.model = model
        self.predict(np.zeros((1, FACE_SIZE, FACE_SIZE), np.uint8))  # warm-up: first call allocates

    def predict(self, faces: np.ndarray) -> np.ndarray:
        """Probabilities [N, 7] in the fixed class order for uint8 crops [N, 48, 48]; rows sum to 1."""
        if len(faces) == 0:
            return np.zeros((0, NUM_CLASSES), np.float32)
        x = torch.from_numpy(normalize(faces)).to(self.device, memory_format=torch.channels_last)
        if self.half:
            x = x.half()
        with torch.inference_mode():
            probs = self.probabilities(x)
        return probs.cpu().numpy()

    def probabilities(self, x: torch.Tensor) -> torch.Tensor:
        """Softmax of the network (test-time views averaged, then the shipped bias) for a normalised batch."""
        if self.views != "one":
            n = len(x)
            probs = torch.softmax(self.model(test_views(x, self.views)).float(), 1).view(-1, n, NUM_CLASSES).mean(0)
            if self.logit_bias is None:
                return probs
            logits = probs.clamp_min(1e-12).log()
        else:
            logits = self.model(x).float()
        if self.logit_bias is not None:
            logits = logits + self.logit_bias.to(logits.device)
        return torch.softmax(logits, dim=1)
