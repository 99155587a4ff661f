"""The heap trimmer: trims on its interval only, and is harmless where glibc is missing."""

from __future__ import annotations

import platform
import sys

import pytest

from core.live.heap_trim import HeapTrimmer


def test_trims_once_per_interval():
    heap = HeapTrimmer(interval_s=5.0)
    if not heap.available:
        pytest.skip("no malloc_trim in this C library")
    t0 = heap._last
    assert not heap.maybe_trim(t0 + 1.0)
    assert heap.maybe_trim(t0 + 5.0)
    assert not heap.maybe_trim(t0 + 6.0)
    assert heap.maybe_trim(t0 + 10.5) and heap.trims == 2


def test_glibc_has_it():
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc only")
    assert HeapTrimmer().available


def test_missing_trim_is_a_no_op(monkeypatch):
    monkeypatch.setattr("core.live.heap_trim._malloc_trim", lambda: None)
    heap = HeapTrimmer(interval_s=0.0)
    assert not heap.available and not heap.maybe_trim() and heap.trims == 0
