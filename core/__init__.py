"""EmoSync without Qt: shared records, class order and asset paths here; each concern in its own sub-package."""

import os

# PyTorch's OpenMP threads otherwise spin after each parallel region (GNU OpenMP's default), holding
# the core that the detector's thread needs next; under load that cost the gallery a third of its
# frames (docs/realtime.md). libgomp reads this once, when torch loads it: so it is set here, and
# main.py, the benchmarks and the batch workers import core before torch. A user's own value wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
