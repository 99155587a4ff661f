"""Average the weights of several checkpoints of one network and recompute its BatchNorm statistics.

`python -m training.average_weights --weights runs/fer_s3/best.pt runs/fer_s4/best.pt --data ../shared/data/fer2013 --out runs/swa.pt`

Stochastic weight averaging (Izmailov et al., 2018): the ends of successive warm-restart
cycles lie in one basin, and their mean sits nearer its centre, which tends to generalise
better, at no cost per face. BatchNorm running statistics do not average linearly, so they
are recomputed by one pass over the clean (unaugmented) training images; this also fixes
the statistics that training gathered on augmented batches (erased patches, jittered
contrast), which are not the faces inference sees. Prints PublicTest accuracy before and after.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

from core.vision.network.weights import load_weights, save_weights
from training.fer_data import load_npz, to_tensor
from training.metrics import classification_report
from training.train_fer import predict_logits


def average_state(models: list[torch.nn.Module]) -> dict[str, torch.Tensor]:
    """Element-wise mean of floating-point tensors; integer buffers (BN batch counts) from the first model."""
    states = [m.state_dict() for m in models]
    return {k: torch.stack([s[k].float() for s in states]).mean(0) if v.is_floating_point() else v.clone()
            for k, v in states[0].items()}


def recalibrate_batchnorm(model: torch.nn.Module, images: np.ndarray, batch: int = 512) -> None:
    """Recompute every BatchNorm's running mean/variance as a plain average over `images` (uint8 faces)."""
    bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    momenta = [bn.momentum for bn in bns]
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None  # cumulative average over all batches
    model.train()
    with torch.no_grad():
        for i in range(0, len(images), batch):
            model(to_tensor(images[i : i + batch]))
    for bn, momentum in zip(bns, momenta):
        bn.momentum = momentum
    model.eval()


def accuracy(model: torch.nn.Module, images: np.ndarray, labels: np.ndarray) -> dict:
    """Classification report of a raw network (no post-hoc settings)."""
    preds = predict_logits(model, to_tensor(images), torch.device("cpu")).argmax(1)
    return classification_report(labels, preds.numpy())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.average_weights", description=__doc__.splitlines()[0])
    p.add_argument("--weights", nargs="+", required=True, help="checkpoints of one architecture")
    p.add_argument("--data", required=True, help="folder with Training.npz (BN statistics) and PublicTest.npz")
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    try:
        loaded = [load_weights(w) for w in args.weights]
        tr_img, _ = load_npz(Path(args.data) / "Training.npz")
        va_img, va_lab = load_npz(Path(args.data) / "PublicTest.npz")
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    names = {meta["model"] for _, meta in loaded}
    if len(names) != 1:
        print(f"error: the checkpoints are different networks ({', '.join(sorted(names))})", file=sys.stderr)
        return 2
    name = names.pop()
    for w, (model, _) in zip(args.weights, loaded):
        print(json.dumps({"weights": w, "val_accuracy": accuracy(model, va_img, va_lab)["accuracy"]}))
    model = loaded[0][0]
    model.load_state_dict(average_state([m for m, _ in loaded]))
    recalibrate_batchnorm(model, tr_img)
    rep = accuracy(model, va_img, va_lab)
    meta = {k: v for k, v in loaded[0][1].items() if k != "model"}
    meta.update(averaged_from=list(args.weights), batchnorm="recomputed on clean Training images",
                val_accuracy=rep["accuracy"], val_per_class_recall=rep["per_class_recall"])
    save_weights(args.out, model, name, meta)
    print(json.dumps({"averaged": len(args.weights), "val_accuracy": rep["accuracy"],
                      "per_class_recall": rep["per_class_recall"], "out": args.out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
