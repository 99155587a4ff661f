"""Emotion CNN for 48x48 grayscale faces: a compact VGG-style network with a timm-style factory."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from core.classes import NUM_CLASSES


@dataclass(frozen=True)
class EmoNetConfig:
    """Architecture hyper-parameters of one named variant."""

    widths: tuple[int, ...]
    depths: tuple[int, ...]
    dropout: float = 0.3


VARIANTS: dict[str, EmoNetConfig] = {
    # The full-resolution stage costs the most per layer, so it gets one conv only.
    "emonet_t": EmoNetConfig(widths=(24, 48, 96, 192), depths=(1, 2, 2, 2)),
    "emonet_s": EmoNetConfig(widths=(32, 64, 128, 256), depths=(1, 2, 2, 2)),
    "emonet_m": EmoNetConfig(widths=(64, 128, 256, 512), depths=(2, 2, 2, 2)),
}


def _conv_bn_relu(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class EmoNet(nn.Module):
    """Stages of 3x3 conv-BN-ReLU blocks, each stage halving resolution; global pooling head."""

    def __init__(self, cfg: EmoNetConfig, num_classes: int = NUM_CLASSES, in_chans: int = 1) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        cin = in_chans
        for width, depth in zip(cfg.widths, cfg.depths):
            for _ in range(depth):
                layers.append(_conv_bn_relu(cin, width))
                cin = width
            layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cin, num_classes)
        self.num_classes = num_classes
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return class logits [N, num_classes] for input [N, 1, 48, 48]."""
        x = self.pool(self.features(x)).flatten(1)
        return self.head(self.dropout(x))


def create_model(name: str = "emonet_s", **kwargs: object) -> EmoNet:
    """Build a named EmoNet variant with freshly initialised weights."""
    if name not in VARIANTS:
        raise ValueError(f"unknown model {name!r}; choose one of {', '.join(VARIANTS)}")
    return EmoNet(VARIANTS[name], **kwargs)  # type: ignore[arg-type]
