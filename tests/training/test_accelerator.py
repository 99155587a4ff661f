"""Device and mixed-precision choice shared by the trainers."""

from __future__ import annotations

import pytest
import torch

from training.accelerator import Precision, precision_for, training_device


def test_cpu_trains_in_float32():
    p = precision_for(torch.device("cpu"))
    assert p == Precision(False) and not p.scaler
    with p.autocast(torch.device("cpu")):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.float32


def test_cuda_uses_bfloat16_without_a_scaler_and_float16_with_one():
    assert precision_for(torch.device("cuda"), bf16_supported=True) == Precision(True, torch.bfloat16, scaler=False)
    assert precision_for(torch.device("cuda"), bf16_supported=False) == Precision(True, torch.float16, scaler=True)


def test_enabled_autocast_really_lowers_precision():
    # The CUDA branch's context, exercised on the CPU (which also autocasts to bfloat16).
    with Precision(True, torch.bfloat16).autocast(torch.device("cpu")):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.bfloat16


def test_device_choice():
    assert training_device("cpu") == torch.device("cpu")
    assert training_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(ValueError, match="unknown device"):
        training_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA"):
            training_device("cuda")
