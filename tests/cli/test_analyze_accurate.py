"""`analyze --accurate`: the shipped ensemble, resolved the way `training.eval_fer --accurate` resolves it."""

from __future__ import annotations

import argparse

from cli.analyze import add_arguments
from cli.analyze_options import views_of, with_accurate_model
from core.vision.ensemble import accurate_weights


def _args(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    add_arguments(p)
    return p.parse_args(["clip.mp4", *argv])


def test_accurate_runs_the_shipped_ensemble_with_its_own_views():
    args = with_accurate_model(_args("--accurate"))
    assert args.weights == str(accurate_weights()) and views_of(args) is None


def test_accurate_with_weights_means_ten_views_of_them():
    args = with_accurate_model(_args("--accurate", "--weights", "mine.pt"))
    assert args.weights == "mine.pt" and views_of(args) == "ten"


def test_plain_runs_are_untouched():
    args = with_accurate_model(_args())
    assert args.weights is None and views_of(args) is None
