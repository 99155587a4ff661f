"""Evaluate a text emotion model on a CSV with `text,label` columns; prints one JSON object.

`python -m training.eval_text --csv ../shared/data/korean_emotion/val.csv [--model DIR]`
prints {"accuracy", "per_class_recall", "confusion", "n"} (the shipped model by default;
`--bert-only` leaves out the folder's n-gram head, to measure what it adds).
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from core.text.model import TextEmotionModel
from training.korean_text_data import read_labeled_csv
from training.metrics import classification_report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.eval_text", description=__doc__.splitlines()[0])
    p.add_argument("--csv", required=True)
    p.add_argument("--model", help="model folder (default: the shipped model)")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--bert-only", action="store_true", help="ignore the folder's n-gram head")
    args = p.parse_args(argv)
    try:
        texts, labels = read_labeled_csv(args.csv)
        model = TextEmotionModel(args.model, use_ngram=not args.bert_only)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    preds = np.concatenate([model.predict(texts[i : i + args.batch]).argmax(1)
                            for i in range(0, len(texts), args.batch)]) if texts else np.zeros(0, int)
    print(json.dumps(classification_report(np.array(labels), preds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
