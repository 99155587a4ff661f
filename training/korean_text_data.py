"""Reading the Korean emotion CSVs and the unlabeled review corpus."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from pathlib import Path

from core.classes import EMOTIONS


def read_labeled_csv(path: str | Path) -> tuple[list[str], list[int]]:
    """(texts, label indices) from a CSV with `text` and `label` (English class name) columns."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    texts, labels = [], []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise ValueError(f"{path} needs 'text' and 'label' columns")
        for n, row in enumerate(reader, start=2):
            label = (row["label"] or "").strip().lower()
            if label not in EMOTIONS:
                raise ValueError(f"{path}:{n}: unknown label {row['label']!r}")
            texts.append(row["text"] or "")
            labels.append(EMOTIONS.index(label))
    return texts, labels


def iter_corpus(path: str | Path, limit: int = 0) -> Iterator[str]:
    """Non-empty lines of a (gzipped) text corpus, at most `limit` of them (0: all)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield line
                n += 1
                if limit and n >= limit:
                    return
