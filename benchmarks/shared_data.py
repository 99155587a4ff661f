"""Where the benchmarks find the data sets: `shared/data` beside the checkout, whichever folder they start from.

A relative default (`../shared/...`) read nothing when a benchmark ran from another folder (a git worktree),
and a benchmark that falls back to generated faces then measured something else without failing.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("EMOSYNC_SHARED_DATA", ROOT.parent / "shared" / "data"))
FER_TEST = SHARED_DATA / "fer2013" / "PublicTest.npz"  # never trained on: the faces of every generated clip


def faces_or_astronaut(path: Path):
    """(images, labels, what they are) of a FER2013 .npz at `path`, or of scikit-image's astronaut variants when
    there is no file there (all one person, labels 0: the finder and tracker are exercised, not the classifier)."""
    import numpy as np

    if path.is_file():
        from training.fer_data import load_npz

        images, labels = load_npz(path)
        return images, labels, path.name
    from benchmarks.gallery_clip import astronaut_faces

    images = astronaut_faces()
    return images, np.zeros(len(images), np.int64), "astronaut variants"
