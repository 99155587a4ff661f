"""Train the character n-gram head (core.text.ngrams) and choose its mixing weight with BERT.

Run as the `ngram` stage of `python -m training.train_text` (after `finetune`): the head is
trained on train.csv, its best epoch and the BERT/n-gram mixing weight are chosen on
val.csv, and it is saved beside the fine-tuned BERT.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from core.classes import NUM_CLASSES
from core.text.ngrams import NgramHead, mix_probs, ngram_ids


def _bags(texts: list[str], buckets: int, max_n: int, use_morphemes: bool) -> list[torch.Tensor]:
    return [torch.from_numpy(ngram_ids(t, buckets, max_n, use_morphemes)) for t in texts]


def _batch(ids: list[torch.Tensor], idx) -> tuple[torch.Tensor, torch.Tensor]:
    parts = [ids[j] for j in idx]
    offsets = torch.tensor([0] + [len(p) for p in parts[:-1]]).cumsum(0)
    return torch.cat(parts), offsets


def train_ngram_head(tr_texts: list[str], tr_labels: list[int], va_texts: list[str], va_labels: list[int],
                     buckets: int = 1 << 18, max_n: int = 4, epochs: int = 4, lr: float = 0.05,
                     batch: int = 64, seed: int = 0, use_morphemes: bool = True) -> tuple[NgramHead, list[float]]:
    """Softmax regression on mean-pooled hashed n-grams (Adam, label smoothing 0.1); keeps the best val epoch.

    With use_morphemes, Kiwi's morpheme features (core.text.morphemes) join the character ones.

    Returns the head (bert_weight still at its default) and val accuracy per epoch.
    """
    gen = torch.Generator().manual_seed(seed)
    emb = torch.nn.EmbeddingBag(buckets, NUM_CLASSES, mode="mean")
    torch.nn.init.zeros_(emb.weight)
    bias = torch.nn.Parameter(torch.zeros(NUM_CLASSES))
    opt = torch.optim.Adam([emb.weight, bias], lr=lr)
    tr_ids = _bags(tr_texts, buckets, max_n, use_morphemes)
    va_ids = _bags(va_texts, buckets, max_n, use_morphemes)
    y = torch.tensor(tr_labels)
    va_y = np.array(va_labels)
    best, best_state, history = -1.0, None, []
    for _ in range(epochs):
        order = torch.randperm(len(tr_ids), generator=gen).tolist()
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            logits = emb(*_batch(tr_ids, idx)) + bias
            loss = F.cross_entropy(logits, y[idx], label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():
            va_logits = emb(*_batch(va_ids, range(len(va_ids)))) + bias if va_ids else torch.zeros(0, NUM_CLASSES)
        acc = float((va_logits.argmax(1).numpy() == va_y).mean()) if len(va_y) else 0.0
        history.append(acc)
        if acc > best:
            best = acc
            best_state = (emb.weight.detach().numpy().copy(), bias.detach().numpy().copy())
    return NgramHead(best_state[0], best_state[1], max_n=max_n, use_morphemes=use_morphemes), history


def choose_bert_weight(bert_probs: np.ndarray, ngram_logits: np.ndarray, labels: list[int],
                       grid: np.ndarray | None = None) -> tuple[float, dict[float, float]]:
    """The mixing weight (0 = n-grams only, 1 = BERT only) with the best accuracy; ties go to more BERT."""
    grid = np.round(np.linspace(0, 1, 11), 2) if grid is None else grid
    y = np.asarray(labels)
    scores = {float(w): float((mix_probs(bert_probs, ngram_logits, float(w)).argmax(1) == y).mean()) for w in grid}
    best = max(scores, key=lambda w: (scores[w], w))
    return best, scores
