"""The text model in numpy: BERT's forward pass from the folder's safetensors weights, no torch, no transformers.

The window keeps its text model in a helper process (core.text.helper_process); with torch
and transformers that helper took ~570 MB to score one chat line through a 4-layer BERT.
This is the same network in numpy (embeddings, self-attention layers, pooler, classifier:
Hugging Face's BertForSequenceClassification in eval mode), the tokenizer from the folder's
`tokenizer.json` through `tokenizers` (or its SentencePiece model), and the same n-gram head,
so its probabilities are the torch model's within float32 rounding (tests compare them).
A folder it cannot run (another architecture, no fast tokenizer file) is said by `unsupported`,
and the caller falls back to the torch model.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.classes import NUM_CLASSES
from core.text.batches import SCORE_BATCH, score_batches
from core.text.folder import config_labels, default_text_model_dir, label_order, read_config, special_tokens
from core.text.input_rows import input_rows
from core.text.ngrams import NGRAM_FILE, NgramHead, log_softmax, mix_probs

WEIGHTS_FILE = "model.safetensors"
ACTIVATIONS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "relu")
LENGTH_GROUP = 32  # texts per forward pass within a scoring batch, grouped by length


def unsupported(model_dir: str | Path) -> str | None:
    """Why this folder's model cannot run in numpy (None when it can)."""
    folder = Path(model_dir)
    cfg = read_config(folder)
    if cfg.get("model_type") != "bert":
        return f"model type {cfg.get('model_type')!r} (numpy runs BERT)"
    if cfg.get("hidden_act", "gelu") not in ACTIVATIONS:
        return f"activation {cfg.get('hidden_act')!r}"
    if cfg.get("position_embedding_type", "absolute") != "absolute":
        return f"position embeddings {cfg.get('position_embedding_type')!r}"
    if not (folder / WEIGHTS_FILE).is_file():
        return f"no {WEIGHTS_FILE}"
    if not (folder / "tokenizer.json").is_file() and not sorted(folder.glob("*.model")):
        return "no tokenizer.json or SentencePiece model"
    return None


def erf(x: np.ndarray) -> np.ndarray:
    """Error function, Abramowitz & Stegun 7.1.26 (absolute error under 1.5e-7), in x's dtype."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * 1.061405429  # Horner's rule, in place: the intermediate layer's activations are large arrays
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += c
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def activation(name: str, x: np.ndarray) -> np.ndarray:
    """BERT's intermediate activation by its config name."""
    if name == "gelu":
        return 0.5 * x * (1.0 + erf(x * np.float32(1 / np.sqrt(2))))
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return 0.5 * x * (1.0 + np.tanh(np.float32(np.sqrt(2 / np.pi)) * (x + np.float32(0.044715) * x ** 3)))
    return np.maximum(x, 0)


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis."""
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias


@dataclass
class NumpyBert:
    """BertForSequenceClassification's weights and its forward pass (eval mode: no dropout)."""

    weights: dict[str, np.ndarray]
    layers: int
    heads: int
    eps: float
    act: str

    @classmethod
    def load(cls, model_dir: Path, cfg: dict) -> "NumpyBert":
        """The folder's safetensors weights (with or without the `bert.` prefix), as float32."""
        from safetensors.numpy import load_file

        raw = load_file(str(Path(model_dir) / WEIGHTS_FILE))
        weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in raw.items()}
        model = cls(weights, int(cfg["num_hidden_layers"]), int(cfg["num_attention_heads"]),
                    float(cfg.get("layer_norm_eps", 1e-12)), str(cfg.get("hidden_act", "gelu")))
        missing = [k for k in model.needed() if k not in weights]
        if missing:
            raise ValueError(f"the weights in {model_dir} lack {', '.join(missing[:3])}")
        return model

    def needed(self) -> list[str]:
        """The weight names the forward pass reads."""
        names = ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                 "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias", "pooler.dense.weight",
                 "pooler.dense.bias", "classifier.weight", "classifier.bias"]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            for part in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                         "intermediate.dense", "output.dense"):
                names += [f"{p}{part}.weight", f"{p}{part}.bias"]
            for part in ("attention.output.LayerNorm", "output.LayerNorm"):
                names += [f"{p}{part}.weight", f"{p}{part}.bias"]
        return names

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # As one 2-D product: numpy hands that to BLAS, while a stack of strided matrices can take its slow loop.
        w = self.weights[f"{name}.weight"]
        out = np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ w.T + self.weights[f"{name}.bias"]
        return out.reshape(*x.shape[:-1], w.shape[0])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return layer_norm(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"], self.eps)

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """[N, labels] logits for token ids [N, L] and attention mask [N, L] (1 = token, 0 = padding)."""
        w = self.weights
        n, length = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        if "embeddings.token_type_embeddings.weight" in w:
            x = x + w["embeddings.token_type_embeddings.weight"][0]  # one segment: type 0 everywhere
        x = self._norm(x, "embeddings.LayerNorm")
        hidden = x.shape[-1]
        d = hidden // self.heads
        # Padding is hidden from attention as Hugging Face does it: the float32 minimum added to its scores.
        bias = np.where(mask[:, None, None, :] > 0, np.float32(0), np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1 / np.sqrt(d))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def heads(t: np.ndarray, last: tuple[int, int] = (1, 3)) -> np.ndarray:
                # contiguous [N, heads, L, d] (or [N, heads, d, L]): batched products stay on BLAS
                return np.ascontiguousarray(t.reshape(n, length, self.heads, d).transpose(0, 2, *last))

            q = heads(self._dense(x, p + "attention.self.query"))
            k_t = heads(self._dense(x, p + "attention.self.key"), (3, 1))
            v = heads(self._dense(x, p + "attention.self.value"))
            scores = (q @ k_t) * scale + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attn = scores / scores.sum(axis=-1, keepdims=True)
            context = (attn @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
            x = self._norm(self._dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            inner = activation(self.act, self._dense(x, p + "intermediate.dense"))
            x = self._norm(self._dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = np.tanh(self._dense(x[:, 0], "pooler.dense"))
        return self._dense(pooled, "classifier")


class _FastTokenizer:
    """The folder's tokenizer.json through `tokenizers` (what transformers' fast tokenizers run)."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_truncation()  # cut and padded here, as encode_texts does, whatever the file says
        self.tok.no_padding()
        for name, token in special_tokens(folder).items():
            setattr(self, f"{name}_id", self.tok.token_to_id(token))

    def ids(self, text: str) -> list[int]:
        return self.tok.encode(text, add_special_tokens=False).ids


class _PieceTokenizer:
    """A SentencePiece model read as core.text.tokenizers does for KoBERT."""

    def __init__(self, folder: Path) -> None:
        from core.text.tokenizers import load_tokenizer

        self.tok = load_tokenizer(folder)  # a folder without tokenizer.json: SentencePiece, no transformers
        for name in ("cls_token_id", "sep_token_id", "pad_token_id"):
            setattr(self, name, getattr(self.tok, name))

    def ids(self, text: str) -> list[int]:
        return self.tok.convert_tokens_to_ids(self.tok.tokenize(text))


class NumpyTextModel:
    """`predict(texts)` -> [N, 7] probabilities, as TextEmotionModel's, computed in numpy (loads on first use)."""

    def __init__(self, model_dir: str | Path | None = None, max_length: int = 128, use_ngram: bool = True) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else default_text_model_dir()
        self.config = read_config(self.model_dir)
        self.order = label_order(config_labels(self.config))
        why = unsupported(self.model_dir)
        if why is not None:
            raise ValueError(f"the text model in {self.model_dir} cannot run in numpy: {why}")
        self.max_length = min(max_length, int(self.config.get("max_position_embeddings", max_length)))
        self._use_ngram = use_ngram
        self._lock = threading.RLock()  # the load's warm-up encodes through load() again
        self.bert: NumpyBert | None = None
        self.ngram: NgramHead | None = None
        self.tokenizer = None

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory yet."""
        return self.bert is not None

    def load(self) -> NumpyTextModel:
        """Read the weights, the tokenizer and the n-gram head now (once), and warm up; returns self."""
        with self._lock:
            if self.bert is None:
                folder = self.model_dir
                try:
                    tokenizer = _FastTokenizer(folder) if (folder / "tokenizer.json").is_file() else _PieceTokenizer(folder)
                    bert = NumpyBert.load(folder, self.config)
                except Exception as e:  # noqa: BLE001 (safetensors and tokenizers raise their own error types)
                    raise ValueError(f"cannot load the text model in {folder}: {e}") from None
                for name in ("cls_token_id", "sep_token_id", "pad_token_id"):
                    if getattr(tokenizer, name) is None:
                        raise ValueError(f"the tokenizer in {folder} has no {name.removesuffix('_id')}")
                head_file = folder / NGRAM_FILE
                self.ngram = NgramHead.load(head_file) if self._use_ngram and head_file.is_file() else None
                self.tokenizer, self.bert = tokenizer, bert
                self._predict_batch(["워밍업"])  # and Kiwi's first analysis, when the head uses it
        return self

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(token ids, attention mask), [N, L] each: [CLS] tokens [SEP], right-padded (core.text.input_rows)."""
        self.load()
        tok = self.tokenizer
        return input_rows(texts, tok.ids, tok.cls_token_id, tok.sep_token_id, tok.pad_token_id, self.max_length)

    def logits(self, texts: list[str]) -> np.ndarray:
        """Raw BERT logits in the model's own label order."""
        self.load()
        return self.bert.logits(*self.encode(texts))

    def predict(self, texts: list[str]) -> np.ndarray:
        """Probabilities [N, 7] in the fixed class order; rows sum to 1. Long lists go SCORE_BATCH at a time."""
        self.load()
        if not texts:
            return np.zeros((0, NUM_CLASSES), np.float32)
        return np.concatenate(list(score_batches(self._predict_batch, texts, SCORE_BATCH)))

    def _predict_batch(self, texts: list[str]) -> np.ndarray:
        # Texts of similar length together, LENGTH_GROUP at a time: padding to a batch's longest text would
        # cost a burst of short messages as much as long ones (padding is masked: the results do not change).
        by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        logits = np.empty((len(texts), len(self.order)), np.float32)
        for start in range(0, len(texts), LENGTH_GROUP):
            group = by_length[start : start + LENGTH_GROUP]
            logits[group] = self.bert.logits(*self.encode([texts[i] for i in group]))
        probs = np.exp(log_softmax(logits))[:, self.order]
        probs = probs.astype(np.float32)
        if self.ngram is not None:
            probs = mix_probs(probs, self.ngram.logits(texts), self.ngram.bert_weight)
        return probs
