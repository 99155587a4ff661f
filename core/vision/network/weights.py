"""The shipped-weights file format: a state dict plus the facts needed to rebuild and trust it."""

from __future__ import annotations

import os
from pathlib import Path

import torch

from core.classes import EMOTIONS
from core.vision.network.emotion_cnn import EmoNet, create_model


def save_weights(path: str | Path, model: torch.nn.Module, name: str, meta: dict | None = None) -> None:
    """Write weights atomically as {model, classes, state_dict, meta} (fp32, contiguous)."""
    path = Path(path)
    state = {k: v.detach().float().contiguous().cpu() if v.is_floating_point() else v.cpu()
             for k, v in model.state_dict().items()}
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save({"model": name, "classes": list(EMOTIONS), "state_dict": state, "meta": _plain(meta or {})}, tmp)
    os.replace(tmp, path)


def load_weights(path: str | Path) -> tuple[EmoNet, dict]:
    """Rebuild the network a weights file names and load it (weights_only); return (model, meta)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"emotion model weights not found: {path}")
    try:
        ck = torch.load(path, map_location="cpu", weights_only=True)
        if list(ck["classes"]) != list(EMOTIONS):
            raise ValueError(f"class order {ck['classes']} differs from {list(EMOTIONS)}")
        model = create_model(ck["model"])
        model.load_state_dict(ck["state_dict"])
    except (FileNotFoundError, ValueError) as e:
        raise ValueError(f"bad emotion model weights {path}: {e}") from None
    except Exception as e:  # corrupt pickle, wrong keys, truncated file, ...
        raise ValueError(f"cannot load emotion model weights {path}: {type(e).__name__}: {e}") from None
    return model.eval(), dict(ck.get("meta", {}), model=ck["model"])


def _plain(obj: object) -> object:
    """Keep only types that torch.load(weights_only=True) accepts."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    return str(obj)
