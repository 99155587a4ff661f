from __future__ import annotations

import numpy as np
import pytest

import core.workflow.pipeline as pipeline
from core.records import FaceResult, FrameResult
from core.workflow.stages import Workflow, finish_stages


class _Beside:
    """A stage that works beside the loop: counts frames and finishes."""

    def __init__(self, fail: bool = False) -> None:
        self.frames, self.finished, self.fail = 0, 0, fail

    def apply(self, result: FrameResult) -> FrameResult:
        self.frames += 1
        return result

    def finish(self) -> None:
        self.finished += 1
        if self.fail:
            raise RuntimeError("last reading failed")


def _frames(n: int, fail_at: int | None = None):
    def fake(source, analyzer, on_result, **kwargs):
        for k in range(n):
            if k == fail_at:
                raise ValueError("decoder broke")
            on_result(FrameResult(k, k / 30, [FaceResult(1, (0, 0, 9, 9), 0.9, np.full(7, 1 / 7))]))
        return n
    return fake


def test_run_finishes_every_stage_after_the_last_frame(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "run_pipeline", _frames(5))
    a, b = _Beside(), _Beside()
    assert Workflow(None, [a, b]).run(None) == 5  # type: ignore[arg-type]
    assert (a.frames, a.finished, b.finished) == (5, 1, 1)


def test_a_failed_run_still_finishes_its_stages_and_raises_its_own_error(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "run_pipeline", _frames(5, fail_at=3))
    a = _Beside(fail=True)
    with pytest.raises(ValueError, match="decoder broke"):
        Workflow(None, [a]).run(None)  # type: ignore[arg-type]
    assert a.finished == 1


def test_a_stage_that_fails_to_finish_fails_the_run_after_the_others_finished() -> None:
    a, b = _Beside(fail=True), _Beside()
    with pytest.raises(RuntimeError, match="last reading"):
        finish_stages([a, b])
    assert b.finished == 1
    finish_stages([a, b], quiet=True)
    assert a.finished == 2
