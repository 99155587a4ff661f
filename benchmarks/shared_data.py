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
