"""Classification metrics in the JSON shape shared by eval_fer, eval_text and training logs."""

from __future__ import annotations

import numpy as np

from core.classes import EMOTIONS, NUM_CLASSES


def classification_report(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """Return {accuracy, per_class_recall (by class name), confusion (rows: true, cols: predicted), n}."""
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    conf = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=np.int64)
    np.add.at(conf, (y_true, y_pred), 1)
    support = conf.sum(axis=1)
    recall = np.divide(np.diag(conf), support, out=np.zeros(NUM_CLASSES), where=support > 0)
    n = int(len(y_true))
    return {
        "accuracy": round(float(np.trace(conf)) / n, 4) if n else 0.0,
        "per_class_recall": {name: round(float(r), 4) for name, r in zip(EMOTIONS, recall)},
        "confusion": conf.tolist(),
        "n": n,
    }
