"""The analyzer a run starts with: detector, classifier and (when asked) the attention reader, loaded once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.workflow.errors import RunFailed
from core.workflow.options import AnalysisOptions

if TYPE_CHECKING:
    from core.vision.analyzer import FrameAnalyzer


def load_analyzer(options: AnalysisOptions, warn: Callable[[str], None]) -> FrameAnalyzer:
    """The analyzer for these options; RunFailed (one line) when a model cannot load, `warn` for what still runs."""
    from core.vision.analyzer import FrameAnalyzer
    from core.vision.detector import DetectorError

    try:
        analyzer = FrameAnalyzer.create(options.device, options.weights, options.smooth, options.full_every,
                                        views=options.views)
    except (DetectorError, FileNotFoundError, ValueError) as e:
        raise RunFailed(str(e)) from None
    if analyzer.classifier.warning:
        warn(analyzer.classifier.warning)
    if options.attention:
        from core.attention.reader import load_reader

        analyzer.attention, warning = load_reader()
        if warning:
            warn(warning)
    return analyzer
