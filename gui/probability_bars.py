"""Live per-class probability bars for the selected face (updated in place, never rebuilt)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from core.classes import EMOTIONS, NUM_CLASSES
from gui.i18n import emotion_names
from gui.palette import EMOTION_COLORS


class ProbabilityBars(pg.PlotWidget):
    """Seven bars in the fixed class order, fixed colours, y from 0 to 1."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setYRange(0.0, 1.0, padding=0.02)
        self.setXRange(-0.6, NUM_CLASSES - 0.4, padding=0)
        names = emotion_names()
        self.getAxis("bottom").setTicks([[(i, names[name]) for i, name in enumerate(EMOTIONS)]])
        self.getAxis("left").setLabel(self.tr("probability"))
        self.heights = np.zeros(NUM_CLASSES)
        self.bars = pg.BarGraphItem(x=np.arange(NUM_CLASSES), height=self.heights, width=0.7,
                                    brushes=[pg.mkBrush(EMOTION_COLORS[e]) for e in EMOTIONS])
        self.addItem(self.bars)
        self.updates = 0

    def set_probabilities(self, probs: np.ndarray | None) -> None:
        """Show these probabilities (None: empty bars, e.g. no face)."""
        self.heights = np.zeros(NUM_CLASSES) if probs is None else np.asarray(probs, dtype=float)
        self.bars.setOpts(height=self.heights)
        self.updates += 1
