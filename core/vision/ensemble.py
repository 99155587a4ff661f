"""Several emotion networks as one: their softmax outputs averaged, stored compactly in one weights file.

An ensemble file holds {model: "ensemble", classes, members: [{model, state_dict, meta}], meta} with
each member's floating-point weights in float16 (BatchNorm statistics float32); loading casts them
back to float32. `EmotionClassifier` loads it like any weights file and averages the members' softmax
over the views the file names (`meta["views"]`), which is what `analyze --accurate` runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
from torch import nn

from core.classes import EMOTIONS
from core.resources import asset_path
from models.emotion_cnn import create_model
from models.weights import _plain, load_weights

ENSEMBLE = "ensemble"
ENSEMBLE_WEIGHTS = "emotion_ensemble.pt"


def accurate_weights() -> Path:
    """The shipped ensemble that `analyze --accurate` and `training.eval_fer --accurate` run."""
    return asset_path(ENSEMBLE_WEIGHTS)


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
    """float16 weights; BatchNorm running statistics stay float32 (their variances span many decades)."""
    return {k: (v.float() if "running_" in k else v.half()).contiguous().cpu() if v.is_floating_point() else v.cpu()
            for k, v in state.items()}


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
            net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in m["state_dict"].items()})
            members.append(net)
        model = EmotionEnsemble(members)
    except (KeyError, TypeError, ValueError, RuntimeError) as e:
        raise ValueError(f"bad emotion ensemble {path}: {type(e).__name__}: {e}") from None
    names = "+".join(str(m["model"]) for m in ck["members"])
    return model.eval(), dict(ck.get("meta", {}), model=f"{ENSEMBLE}({names})")
