"""Choose post-hoc inference settings on the validation split and write the shipped weights.

`python -m training.finalize_fer --weights runs/fer/best.pt --data ../shared/data/fer2013 --out assets/emotion_cnn.pt`

Training weighs rare classes up (disgust has 436 images), which also shifts every prediction
toward them. Logit adjustment (Menon et al., 2021) adds `-alpha * log(class_weight)` to the
logits to undo that shift; mirror averaging (test-time flip) averages with the mirrored face.
Each combination is scored on PublicTest; the best is stored in the weights' metadata if it
beats the plain network by `--min-gain`. The printed table goes into the model card.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from core.vision.classifier import EmotionClassifier
from core.vision.network.weights import load_weights, save_weights
from training.fer_data import load_npz
from training.metrics import classification_report
from training.train_fer import class_weights


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.finalize_fer", description=__doc__.splitlines()[0])
    p.add_argument("--weights", required=True)
    p.add_argument("--data", required=True, help="folder with Training.npz (class counts) and PublicTest.npz")
    p.add_argument("--out", required=True)
    p.add_argument("--no-flip", action="store_true", help="never choose mirror averaging (keeps latency)")
    p.add_argument("--min-gain", type=float, default=0.005,
                   help="a post-hoc change must beat the plain network by this much accuracy (default 0.005: "
                        "smaller gains are within noise on 3,589 images and not worth their cost)")
    args = p.parse_args(argv)
    _, tr_lab = load_npz(Path(args.data) / "Training.npz")
    va_img, va_lab = load_npz(Path(args.data) / "PublicTest.npz")
    model, meta = load_weights(args.weights)
    power = float(meta.get("recipe", {}).get("class_weight_power", 0.5))
    log_w = np.log(class_weights(tr_lab, power).numpy())
    results = []
    for flip in ([False] if args.no_flip else [False, True]):
        for alpha in (0.0, 0.5, 1.0):
            clf = EmotionClassifier(args.weights, device="cpu")
            clf.views = "flip" if flip else "one"
            clf.logit_bias = torch.tensor(-alpha * log_w, dtype=torch.float32) if alpha else None
            preds = np.concatenate([clf.predict(va_img[i : i + 512]).argmax(1) for i in range(0, len(va_img), 512)])
            rep = classification_report(va_lab, preds)
            results.append((rep["accuracy"], flip, alpha, rep))
            print(json.dumps({"tta_flip": flip, "alpha": alpha, "accuracy": rep["accuracy"],
                              "per_class_recall": rep["per_class_recall"]}))
    plain = results[0]
    best = max(results, key=lambda r: r[0])
    acc, flip, alpha, rep = best if best[0] >= plain[0] + args.min_gain else plain
    meta = {k: v for k, v in meta.items() if k != "model"}
    meta.update(tta_flip=flip, logit_bias=[float(b) for b in -alpha * log_w] if alpha else None,
                logit_adjustment_alpha=alpha, val_accuracy=acc, val_per_class_recall=rep["per_class_recall"])
    save_weights(args.out, model, load_weights(args.weights)[1]["model"], meta)
    print(json.dumps({"chosen": {"tta_flip": flip, "alpha": alpha, "accuracy": acc}, "out": args.out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
