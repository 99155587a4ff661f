"""Several emotion networks as one: their softmax outputs averaged, stored compactly in one weights file.

An ensemble file holds {model: "ensemble", classes, members: [{model, state_dict, meta}], meta}. Each
member's conv and linear weights are stored as int8 with one float32 scale per output channel (the key
plus SCALE_SUFFIX: symmetric, max |w| maps to 127), other floating-point tensors as float16 (BatchNorm
running statistics float32); loading rebuilds float32 weights. That keeps seven networks under 30 MB. `EmotionClassifier` loads it like any weights file and averages the members' softmax
over the views the file names (`meta["views"]`), which is what `analyze --accurate` runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
from torch import nn

from core.classes import EMOTIONS
from core.resources import accurate_emotion_weights
from core.vision.network.emotion_cnn import create_model
from core.vision.network.weights import _plain, load_weights

ENSEMBLE = "ensemble"
SCALE_SUFFIX = "@scale"


def accurate_weights() -> Path:
    """The shipped ensemble that `analyze --accurate` and `training.eval_fer --accurate` run."""
    return accurate_emotion_weights()


def accurate_choice(weights: str | Path | None) -> tuple[str, str | None]:
    """(weights, views) that `--accurate` means: the shipped ensemble with the views it ships with; with
    weights of your own, ten views of those weights."""
    if weights is None:
        return str(accurate_weights()), None
    return str(weights), "ten"


class EmotionEnsemble(nn.Module):
    """Averages its members' softmax; returns the log of that mean, so a softmax of it is the mean."""

    def __init__(self, members: list[nn.Module]) -> None:
        super().__init__()
        if not members:
            raise ValueError("an ensemble needs at least one member")
        self.members = nn.ModuleList(members)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Log of the members' mean probabilities [N, 7] for input [N, 1, 48, 48]."""
        probs = torch.stack([torch.softmax(m(x).float(), 1) for m in self.members]).mean(0)
        return probs.clamp_min(1e-12).log()


def _compact(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """int8 conv/linear weights with per-output-channel scales; float16 biases and BatchNorm affine
    parameters; BatchNorm running statistics stay float32 (their variances span many decades)."""
    out: dict[str, torch.Tensor] = {}
    for k, v in state.items():
        v = v.detach().cpu()
        if not v.is_floating_point():
            out[k] = v
        elif v.ndim >= 2:
            scale = v.float().abs().flatten(1).amax(1).clamp_min(1e-12) / 127.0
            out[k] = (v.float() / scale.view(-1, *[1] * (v.ndim - 1))).round().clamp(-127, 127).to(torch.int8)
            out[k + SCALE_SUFFIX] = scale
        else:
            out[k] = (v.float() if "running_" in k else v.half()).contiguous()
    return out


def _expand(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The float32 state dict that `_compact` stored."""
    out: dict[str, torch.Tensor] = {}
    for k, v in state.items():
        if k.endswith(SCALE_SUFFIX):
            continue
        scale = state.get(k + SCALE_SUFFIX)
        if scale is not None:
            out[k] = v.float() * scale.float().view(-1, *[1] * (v.ndim - 1))
        else:
            out[k] = v.float() if v.is_floating_point() else v
    return out


def save_ensemble(path: str | Path, members: list[tuple[str, nn.Module, dict]], views: str, meta: dict) -> None:
    """Write an ensemble file atomically from (network name, network, its meta) triples."""
    path = Path(path)
    ck = {"model": ENSEMBLE, "classes": list(EMOTIONS),
          "members": [{"model": name, "state_dict": _compact(m.state_dict()), "meta": _plain(mm)}
                      for name, m, mm in members],
          "meta": _plain(dict(meta, views=views))}
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(ck, tmp)
    os.replace(tmp, path)


def load_emotion_model(path: str | Path) -> tuple[nn.Module, dict]:
    """Load a single network's weights file or an ensemble file (weights_only); return (eval model, meta)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"emotion model weights not found: {path}")
    try:
        ck = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # corrupt pickle, truncated file, ...
        raise ValueError(f"cannot load emotion model weights {path}: {type(e).__name__}: {e}") from None
    if not isinstance(ck, dict) or ck.get("model") != ENSEMBLE:
        return load_weights(path)
    try:
        if list(ck["classes"]) != list(EMOTIONS):
            raise ValueError(f"class order {ck['classes']} differs from {list(EMOTIONS)}")
        members = []
        for m in ck["members"]:
            net = create_model(m["model"])
            net.load_state_dict(_expand(m["state_dict"]))
            members.append(net)
        model = EmotionEnsemble(members)
    except (KeyError, TypeError, ValueError, RuntimeError) as e:
        raise ValueError(f"bad emotion ensemble {path}: {type(e).__name__}: {e}") from None
    names = "+".join(str(m["model"]) for m in ck["members"])
    return model.eval(), dict(ck.get("meta", {}), model=f"{ENSEMBLE}({names})")
