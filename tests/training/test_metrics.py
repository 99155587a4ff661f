import numpy as np

from core.classes import EMOTIONS
from training.metrics import classification_report


def test_report_fields():
    y = np.array([0, 0, 1, 3, 3, 3])
    p = np.array([0, 1, 1, 3, 3, 0])
    r = classification_report(y, p)
    assert r["n"] == 6 and r["accuracy"] == round(4 / 6, 4)
    assert list(r["per_class_recall"]) == list(EMOTIONS)
    assert r["per_class_recall"]["angry"] == 0.5 and r["per_class_recall"]["happy"] == round(2 / 3, 4)
    assert r["per_class_recall"]["fear"] == 0.0  # no support: 0, not NaN
    assert np.array(r["confusion"]).sum() == 6 and r["confusion"][3][0] == 1
