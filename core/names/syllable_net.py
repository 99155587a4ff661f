"""The syllable network: a 32x32 square of one Hangul syllable in, its three jamo out (definition and weights)."""

from __future__ import annotations

import os
from pathlib import Path

import torch
from torch import nn

from core.names.hangul import FINALS, INITIALS, MEDIALS


def _block(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class SyllableNet(nn.Module):
    """Three stages of two 3x3 conv-BN-ReLU blocks (32 -> 16 -> 8 -> 4 px), one shared layer, three jamo heads."""

    def __init__(self, widths: tuple[int, int, int] = (16, 32, 64), hidden: int = 128, dropout: float = 0.2) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        cin = 1
        for w in widths:
            layers += [_block(cin, w), _block(w, w), nn.MaxPool2d(2)]
            cin = w
        self.features = nn.Sequential(*layers)
        self.shared = nn.Sequential(nn.Flatten(), nn.Linear(cin * 16, hidden), nn.ReLU(inplace=True),
                                    nn.Dropout(dropout))
        self.initial = nn.Linear(hidden, INITIALS)
        self.medial = nn.Linear(hidden, MEDIALS)
        self.final = nn.Linear(hidden, FINALS)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Logits of (initial, medial, final) for a batch of 1x32x32 squares (0..1, light text)."""
        z = self.shared(self.features(x - 0.5))
        return self.initial(z), self.medial(z), self.final(z)


def create_syllable_net() -> SyllableNet:
    """The shipped architecture."""
    return SyllableNet()


def save_syllable_net(path: str | Path, model: nn.Module, meta: dict | None = None) -> None:
    """Write the weights atomically as {state_dict, meta}."""
    path = Path(path)
    state = {k: v.detach().float().contiguous().cpu() if v.is_floating_point() else v.cpu()
             for k, v in model.state_dict().items()}
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save({"model": "syllable_net", "state_dict": state, "meta": dict(meta or {})}, tmp)
    os.replace(tmp, path)


def load_syllable_net(path: str | Path | None = None) -> SyllableNet:
    """The network with the shipped (or given) weights, in eval mode; ValueError when the file is bad."""
    from core.resources import syllable_weights_path

    path = Path(path) if path is not None else syllable_weights_path()
    if not path.is_file():
        raise FileNotFoundError(f"syllable network weights not found: {path}")
    try:
        ck = torch.load(path, map_location="cpu", weights_only=True)
        model = create_syllable_net()
        model.load_state_dict(ck["state_dict"])
    except Exception as e:  # corrupt or foreign file
        raise ValueError(f"cannot load syllable network weights {path}: {type(e).__name__}: {e}") from None
    return model.eval()
