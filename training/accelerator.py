"""Where training runs and in what precision: one choice shared by the FER and text trainers."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import torch

TRAIN_DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True)
class Precision:
    """Mixed-precision settings: autocast to `dtype` when `enabled`; a gradient scaler only for float16."""

    enabled: bool
    dtype: torch.dtype = torch.float32
    scaler: bool = False

    def autocast(self, device: torch.device) -> contextlib.AbstractContextManager:
        """The autocast context for one forward pass (a no-op when disabled)."""
        return torch.autocast(device.type, dtype=self.dtype, enabled=self.enabled)


def training_device(name: str) -> torch.device:
    """auto (CUDA when present, else CPU), cpu or cuda; asking for CUDA without one is an error."""
    if name not in TRAIN_DEVICES:
        raise ValueError(f"unknown device {name!r}; choose one of {', '.join(TRAIN_DEVICES)}")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda: no CUDA device is available here")
    return torch.device("cuda" if name == "cuda" or (name == "auto" and torch.cuda.is_available()) else "cpu")


def precision_for(device: torch.device, bf16_supported: bool | None = None) -> Precision:
    """bfloat16 autocast on CUDA (no scaler needed: its exponent range is float32's); float16 with a gradient
    scaler on older GPUs without bfloat16; full float32 on the CPU, where autocast buys little for training."""
    if device.type != "cuda":
        return Precision(False)
    if bf16_supported is None:
        bf16_supported = torch.cuda.is_bf16_supported()
    return Precision(True, torch.bfloat16) if bf16_supported else Precision(True, torch.float16, scaler=True)
