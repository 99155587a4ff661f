"""Evaluate emotion weights on a FER2013-format `.npz`; prints one JSON object.

`python -m training.eval_fer --data ../shared/data/fer2013/PublicTest.npz [--weights PATH] [--views ten]`
prints {"accuracy", "per_class_recall", "confusion", "n"} (the shipped weights by default).
`--accurate` evaluates what `analyze --accurate` runs: the shipped ensemble (`assets/emotion_ensemble.pt`)
with the views it ships with, or with `--weights`, ten views of those weights.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from core.vision.classifier import DEVICES, VIEWS, EmotionClassifier
from core.vision.ensemble import accurate_choice
from training.fer_data import load_npz
from training.metrics import classification_report


def evaluate(classifier: EmotionClassifier, images: np.ndarray, labels: np.ndarray, batch: int = 256) -> dict:
    """Accuracy report of a classifier over uint8 faces and integer labels."""
    preds = np.concatenate([classifier.predict(images[i : i + batch]).argmax(1) for i in range(0, len(images), batch)])
    return classification_report(labels, preds)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.eval_fer", description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="a FER2013-format .npz (images, labels)")
    p.add_argument("--weights", help="weights file (default: the shipped model)")
    p.add_argument("--device", default="auto", choices=DEVICES)
    p.add_argument("--views", choices=tuple(VIEWS), help="test-time views (default: what the weights ship with)")
    p.add_argument("--accurate", action="store_true", help="what `analyze --accurate` runs (the shipped ensemble)")
    args = p.parse_args(argv)
    if args.accurate and args.views:
        print("error: --accurate chooses the views itself; drop --views", file=sys.stderr)
        return 2
    weights, views = accurate_choice(args.weights) if args.accurate else (args.weights, args.views)
    try:
        images, labels = load_npz(args.data)
        classifier = EmotionClassifier(weights, device=args.device, views=views)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(classifier, images, labels)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
