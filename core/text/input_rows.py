"""Texts as BERT's input rows, without torch: [CLS] tokens [SEP], right-padded, and their attention mask.

One place for the rule, so that the torch model (training and inference) and the numpy model
in the window's helper process cut, mark and pad a text alike.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def input_rows(texts: list[str], token_ids: Callable[[str], list[int]], cls_id: int, sep_id: int, pad_id: int,
               max_length: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """(token ids, attention mask), int64 [N, L] each, L the longest row (at most `max_length`)."""
    rows = []
    for text in texts:
        # A lone surrogate (broken UTF-16 from a paste) would crash the Rust tokenizer: make it "?".
        text = text.encode("utf-8", "replace").decode("utf-8")
        rows.append([cls_id, *token_ids(text)[: max_length - 2], sep_id])
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, np.int64)
    mask = np.zeros((len(rows), width), np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask
