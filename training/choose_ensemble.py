"""Score ensembles of emotion networks on PublicTest from cached per-view probabilities; print a table.

`python -m training.choose_ensemble --weights runs/*/best.pt --data ../shared/data/fer2013/PublicTest.npz --cache runs/probs --max-mb 30`

Every subset of the given weights is scored with each view set (one, flip, ten): the members'
softmax outputs over the views are averaged, as `EmotionClassifier` does with an ensemble file.
Prints one JSON line per single network, the full set, and the best subsets whose float16 size
fits `--max-mb`. The chosen set is written with `training.make_ensemble`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

from core.vision.classifier import VIEWS
from training.fer_data import load_npz
from training.view_probs import cache_file, cached_view_probs


def compact_mb(weights: str | Path) -> float:
    """Size in MB of a network's weights in float16 (what an ensemble file stores)."""
    from core.vision.network.weights import load_weights

    model, _ = load_weights(weights)
    return sum(v.numel() * (4 if "running_" in k else 2) for k, v in model.state_dict().items()
               if v.is_floating_point()) / 1e6


def ensemble_accuracy(probs: list[np.ndarray], labels: np.ndarray, views: str) -> float:
    """Accuracy of the mean softmax over members and the first VIEWS[views] views of each [V, N, 7] array."""
    mean = np.mean([p[: VIEWS[views]].mean(0) for p in probs], axis=0)
    return float((mean.argmax(1) == labels).mean())


def _cached(weights: str, images: np.ndarray, views: list[str], cache: str) -> np.ndarray:
    """The richest cached view set of these weights; the widest asked for is computed when none is cached."""
    for kind in sorted(VIEWS, key=VIEWS.get, reverse=True):
        if cache_file(Path(cache), weights, images, kind).is_file():
            return cached_view_probs(weights, images, kind, cache)
    return cached_view_probs(weights, images, max(views, key=VIEWS.get), cache)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.choose_ensemble", description=__doc__.splitlines()[0])
    p.add_argument("--weights", nargs="+", required=True)
    p.add_argument("--data", required=True, help="PublicTest.npz")
    p.add_argument("--cache", required=True, help="folder of `training.view_probs` arrays (computed when absent)")
    p.add_argument("--views", nargs="+", default=list(VIEWS), choices=tuple(VIEWS))
    p.add_argument("--max-mb", type=float, default=30.0, help="size budget of the ensemble file")
    p.add_argument("--top", type=int, default=10)
    args = p.parse_args(argv)
    try:
        images, labels = load_npz(args.data)
        probs = {w: _cached(w, images, args.views, args.cache) for w in args.weights}
        sizes = {w: compact_mb(w) for w in args.weights}
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    rows = []
    for k in range(1, len(args.weights) + 1):
        for subset in itertools.combinations(args.weights, k):
            mb = sum(sizes[w] for w in subset)
            for views in args.views:
                if any(len(probs[w]) < VIEWS[views] for w in subset):
                    continue
                acc = ensemble_accuracy([probs[w] for w in subset], labels, views)
                rows.append({"members": [Path(w).parent.name for w in subset], "views": views,
                             "accuracy": round(acc, 4), "mb": round(mb, 1)})
    for r in rows:
        if len(r["members"]) in (1, len(args.weights)):
            print(json.dumps(r))
    fits = sorted((r for r in rows if r["mb"] <= args.max_mb),
                  key=lambda r: (-r["accuracy"], r["mb"] * VIEWS[r["views"]]))
    print(f"# best within {args.max_mb} MB of {len(rows)} scored", flush=True)
    for r in fits[: args.top]:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
