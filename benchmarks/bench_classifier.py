"""Per-face CPU time of emotion weights files, side by side in one run: `python -m benchmarks.bench_classifier`.

`python -m benchmarks.bench_classifier --weights assets/emotion_cnn.pt runs/kd/best.pt --accurate --threads 1`

Each file is loaded as `EmotionClassifier` loads it (the views it ships with; `--accurate` adds what
`analyze --accurate` runs) and timed at batch 1 and batch 32 in rounds that alternate between the files, so
a machine's changing load falls on all of them alike. Prints one JSON line per file: median ms per face,
its ratio to the first file, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import numpy as np
import torch

from core.vision.classifier import EmotionClassifier
from core.vision.ensemble import accurate_choice


def time_per_face(classifier: EmotionClassifier, faces: np.ndarray, batch: int) -> float:
    """Milliseconds per face for one pass over `faces` in batches of `batch`."""
    t0 = time.perf_counter()
    for i in range(0, len(faces), batch):
        classifier.predict(faces[i : i + batch])
    return 1000 * (time.perf_counter() - t0) / len(faces)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_classifier", description=__doc__.splitlines()[0])
    p.add_argument("--weights", nargs="*", default=[], help="weights files (default: the shipped model)")
    p.add_argument("--accurate", action="store_true", help="also time what `analyze --accurate` runs")
    p.add_argument("--faces", type=int, default=64, help="faces per round")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    setups = [(w, None) for w in (args.weights or [None])]
    if args.accurate:
        setups.append(accurate_choice(None))
    classifiers = [EmotionClassifier(w, device="cpu", views=v) for w, v in setups]
    faces = np.random.default_rng(0).integers(0, 255, (args.faces, 48, 48), dtype=np.uint8)
    times: dict[int, list[list[float]]] = {1: [[] for _ in classifiers], 32: [[] for _ in classifiers]}
    for _ in range(args.rounds):
        for batch in times:
            for i, clf in enumerate(classifiers):
                times[batch][i].append(time_per_face(clf, faces, batch))
    base = {b: statistics.median(times[b][0]) for b in times}
    for i, clf in enumerate(classifiers):
        med = {b: statistics.median(times[b][i]) for b in times}
        print(json.dumps({"weights": str(clf.weights_path), "model": clf.model_name, "views": clf.views,
                          "ms_per_face_batch1": round(med[1], 2), "ms_per_face_batch32": round(med[32], 2),
                          "ratio_batch1": round(med[1] / base[1], 2), "ratio_batch32": round(med[32] / base[32], 2),
                          "threads": args.threads, "loadavg": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
