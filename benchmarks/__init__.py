"""Benchmarks that print the tables in docs/ (run as `python -m benchmarks.NAME`)."""

import core  # noqa: F401  (first: it sets OMP_WAIT_POLICY before any benchmark imports torch)
