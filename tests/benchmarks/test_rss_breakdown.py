"""The benchmark's memory breakdown: kinds add up to the process's RSS and see a new block."""

from __future__ import annotations

import mmap
import sys

import numpy as np
import pytest

from benchmarks.rss_breakdown import rss_breakdown

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/smaps")


def _vm_rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def test_kinds_add_up_and_a_large_block_shows_as_anonymous():
    before = rss_breakdown()
    assert set(before) == {"main heap", "other anonymous", "stacks", "files"}
    assert sum(before.values()) == pytest.approx(_vm_rss_mb(), rel=0.05)
    # 64 MB privately mapped and touched: a mapping of its own, whatever the allocator does with a large array (after
    # other tests in the same process, a 64 MB numpy array was given pages already resident: the RSS did not move)
    block = mmap.mmap(-1, 64 * 1024 * 1024, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    np.frombuffer(block, np.uint8)[::4096] = 1
    after = rss_breakdown()
    assert after["other anonymous"] - before["other anonymous"] >= 60
    assert after["files"] == pytest.approx(before["files"], abs=8)
    block.close()


def test_pss_is_at_most_rss_and_positive():
    from benchmarks.rss_breakdown import pss_mb

    pss = pss_mb()
    assert 0 < pss <= _vm_rss_mb() * 1.01
