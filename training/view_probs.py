"""Per-view softmax outputs of a weights file over a set of faces, computed once and cached on disk.

`python -m training.view_probs --weights A.pt B.pt --data ../shared/data/fer2013/PublicTest.npz --views ten --cache runs/probs`

Used for distillation targets (`train_fer --teacher`, the clean and mirrored view of every Training
image) and for choosing an ensemble (`training.choose_ensemble`, every view of every PublicTest face).
A cache file is named by a hash of the weights file, of the images and of the view kind, so a stale
file is never reused.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

from core.classes import NUM_CLASSES
from core.vision.classifier import VIEWS, EmotionClassifier, test_views
from core.vision.preprocess import normalize


def per_view_probs(classifier: EmotionClassifier, images: np.ndarray, views: str, batch: int = 256) -> np.ndarray:
    """Softmax of the bare network (no logit bias) for each view of each face: [V, N, 7] float32.

    Views are in `test_views` order: the crop, its mirror, then each shifted crop and its mirror.
    """
    out = np.zeros((VIEWS[views], len(images), NUM_CLASSES), np.float32)
    with torch.inference_mode():
        for i in range(0, len(images), batch):
            x = torch.from_numpy(normalize(images[i : i + batch])).to(classifier.device,
                                                                       memory_format=torch.channels_last)
            n = len(x)
            logits = classifier.model(test_views(x, views)).float()
            out[:, i : i + n] = torch.softmax(logits, 1).view(-1, n, NUM_CLASSES).cpu().numpy()
    return out


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:12]


def cache_file(cache: Path, weights: str | Path, images: np.ndarray, views: str) -> Path:
    """Where the per-view probabilities of these weights on these images are cached."""
    key = f"{_digest(Path(weights).read_bytes())}-{_digest(np.ascontiguousarray(images).tobytes())}-{views}"
    return Path(cache) / f"{Path(weights).parent.name}_{Path(weights).stem}-{key}.npy"


def cached_view_probs(weights: str | Path, images: np.ndarray, views: str, cache: str | Path | None,
                      device: str = "cpu") -> np.ndarray:
    """`per_view_probs` of a weights file, read from `cache` when present, else computed and written there."""
    path = cache_file(Path(cache), weights, images, views) if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    probs = per_view_probs(EmotionClassifier(weights, device=device, views="one"), images, views)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npy")
        np.save(tmp, probs)
        os.replace(tmp, path)
    return probs


def main(argv: list[str] | None = None) -> int:
    from training.fer_data import load_npz

    p = argparse.ArgumentParser(prog="python -m training.view_probs", description=__doc__.splitlines()[0])
    p.add_argument("--weights", nargs="+", required=True)
    p.add_argument("--data", required=True, help="a FER2013-format .npz")
    p.add_argument("--views", default="ten", choices=tuple(VIEWS))
    p.add_argument("--cache", required=True, help="folder for the cached arrays")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    try:
        images, _ = load_npz(args.data)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in args.weights:
        t0 = time.time()
        try:
            probs = cached_view_probs(w, images, args.views, args.cache)
        except (FileNotFoundError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"{w}: {probs.shape} in {time.time() - t0:.0f} s -> {cache_file(Path(args.cache), w, images, args.views)}",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
