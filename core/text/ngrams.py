"""A character n-gram companion to the text model: hashed n-grams, one linear layer, mixed with BERT.

A small BERT pretrained on two CPU cores still knows little Korean; character n-grams of the
message itself (endings such as "ㅋㅋ", "짜증", "무서") carry what it misses. The head is a
linear model over hashed features (words, word bigrams, 1..max_n-grams of each word with
boundary marks), the fastText idea without hidden layer. A head trained with morphemes
(core.text.morphemes: Kiwi's forms with their tags, lemmas, adjacent pairs) hashes those too;
its file says so. It lives beside the BERT weights as `ngram_head.safetensors` with the
mixing weight chosen on the validation split; a folder without it (a user's KoBERT) runs BERT alone.
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.classes import NUM_CLASSES
from core.text.morphemes import morpheme_features, morphemes

NGRAM_FILE = "ngram_head.safetensors"


def ngram_ids(text: str, buckets: int, max_n: int = 4, use_morphemes: bool = False) -> np.ndarray:
    """Hashed feature ids of one message (crc32, stable across runs and machines); never empty."""
    words = unicodedata.normalize("NFC", text).lower().split()
    feats = [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    for w in words:
        feats.append(f"w:{w}")
        marked = f"<{w}>"
        for n in range(1, max_n + 1):
            feats.extend(marked[i : i + n] for i in range(len(marked) - n + 1))
    if use_morphemes and words:
        feats += morpheme_features(morphemes(text))
    if not feats:
        feats = ["<empty>"]
    return np.fromiter((zlib.crc32(f.encode("utf-8", "surrogatepass")) % buckets for f in feats),
                       dtype=np.int64, count=len(feats))


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax, stable for large logits."""
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def mix_probs(bert_probs: np.ndarray, ngram_logits: np.ndarray, bert_weight: float) -> np.ndarray:
    """Geometric mix of the two models' distributions: softmax(w·log p_bert + (1−w)·log p_ngram)."""
    log_p = bert_weight * np.log(np.clip(bert_probs, 1e-9, None)) + (1 - bert_weight) * log_softmax(ngram_logits)
    return np.exp(log_softmax(log_p)).astype(np.float32)


@dataclass
class NgramHead:
    """Linear model over hashed n-grams: logits = mean of the feature rows of `weight` + `bias` (class order fixed)."""

    weight: np.ndarray  # [buckets, 7]
    bias: np.ndarray  # [7]
    max_n: int = 4
    bert_weight: float = 0.7
    use_morphemes: bool = False

    @property
    def buckets(self) -> int:
        """Number of hash buckets (rows of weight)."""
        return int(self.weight.shape[0])

    def logits(self, texts: list[str]) -> np.ndarray:
        """[N, 7] logits in the fixed class order."""
        out = np.empty((len(texts), NUM_CLASSES), np.float32)
        for i, t in enumerate(texts):
            ids = ngram_ids(t, self.buckets, self.max_n, self.use_morphemes)
            out[i] = self.weight[ids].mean(axis=0, dtype=np.float32)
        return out + self.bias

    def save(self, path: Path) -> None:
        """Write to a safetensors file (weights as float16, settings as metadata), atomically."""
        from safetensors.numpy import save_file

        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        features = "crc32 of NFC-lowercased words, word bigrams, char 1..max_n-grams"
        if self.use_morphemes:
            features += ", Kiwi morpheme/tag unigrams and bigrams, lemmas"
        save_file({"weight": self.weight.astype(np.float16), "bias": self.bias.astype(np.float32)}, str(tmp),
                  metadata={"max_n": str(self.max_n), "bert_weight": repr(float(self.bert_weight)),
                            "morphemes": "kiwi" if self.use_morphemes else "none", "features": features})
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "NgramHead":
        """Read a head written by `save`; a clear ValueError when the file is not one."""
        from safetensors import safe_open

        try:
            with safe_open(str(path), framework="numpy") as f:
                meta = f.metadata() or {}
                weight = f.get_tensor("weight").astype(np.float32)
                bias = f.get_tensor("bias").astype(np.float32)
            # Heads written before morphemes existed have no "morphemes" entry: character n-grams only.
            kind = meta.get("morphemes", "none")
            head = cls(weight, bias, int(meta["max_n"]), float(meta["bert_weight"]), kind == "kiwi")
        except Exception as e:  # safetensors raises its own error types
            raise ValueError(f"cannot read the n-gram head {path}: {e}") from None
        if weight.ndim != 2 or weight.shape[1] != NUM_CLASSES or bias.shape != (NUM_CLASSES,):
            raise ValueError(f"the n-gram head {path} has shape {weight.shape}; expected [buckets, {NUM_CLASSES}]")
        if kind not in ("kiwi", "none"):
            raise ValueError(f"the n-gram head {path} wants morphemes from {kind!r}; this version knows 'kiwi'")
        if not 0.0 <= head.bert_weight <= 1.0:
            raise ValueError(f"the n-gram head {path} has bert_weight {head.bert_weight}; expected 0..1")
        return head
