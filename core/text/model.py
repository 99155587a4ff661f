"""Korean text emotion: any local Hugging Face BERT-family sequence classifier, in the fixed class order.

Loads strictly from a folder (never downloads): our shipped model by default, or a user's
checkpoint such as SKT's KoBERT (`skt/kobert-base-v1`, SentencePiece tokenizer) after
fine-tuning. Inputs are encoded BERT-style — [CLS] tokens [SEP], padded on the right —
whatever the tokenizer class (see core.text.tokenizers for KoBERT's SentencePiece model).
A folder may also hold an n-gram head (core.text.ngrams: characters, and Kiwi morphemes if it was
trained with them), mixed with BERT's output.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import torch

from core.classes import NUM_CLASSES
from core.text.batches import SCORE_BATCH, score_batches
from core.text.folder import TEXT_MODEL_DIR, config_labels, default_text_model_dir, label_order, read_config
from core.text.input_rows import input_rows
from core.text.ngrams import NGRAM_FILE, NgramHead, mix_probs

__all__ = ["SCORE_BATCH", "TEXT_MODEL_DIR", "TextEmotionModel", "default_text_model_dir", "encode_texts",
           "label_order", "score_batches"]


def encode_texts(tokenizer, texts: list[str], max_length: int = 128) -> dict[str, torch.Tensor]:
    """[CLS] tokens [SEP], right-padded to the longest text (at most max_length): training and inference alike."""
    rows, marks = input_rows(texts, lambda text: tokenizer.convert_tokens_to_ids(tokenizer.tokenize(text)),
                             tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id, max_length)
    ids = torch.from_numpy(rows)
    batch = {"input_ids": ids, "attention_mask": torch.from_numpy(marks)}
    if "token_type_ids" in tokenizer.model_input_names:
        batch["token_type_ids"] = torch.zeros_like(ids)
    return batch


class TextEmotionModel:
    """Tokenizer + sequence classifier (+ n-gram head if the folder has one); `predict(texts)` gives [N, 7] probabilities.

    The model loads itself on first use (`predict`, `encode`, `logits`, or any of its loaded
    attributes), once, whichever thread asks: BERT, the tokenizer and the n-gram head (with
    Kiwi, ~300 MB, only when the head was trained with morphemes) cost nothing until a chat
    message needs them. Constructing it checks only the folder and its labels; `load()` loads
    now (a command line that wants load errors before it starts, a benchmark that times scoring).
    """

    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu", max_length: int = 128,
                 use_ngram: bool = True) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else default_text_model_dir()
        label_order(config_labels(read_config(self.model_dir)))  # a model without our 7 classes fails here, not later
        self._device, self._max_length, self._use_ngram = device, max_length, use_ngram
        self.name = self.model_dir.name
        self._lock = threading.RLock()  # the load's own warm-up goes through predict
        self._loaded = False

    @property
    def loaded(self) -> bool:
        """Whether the networks are in memory yet."""
        return self._loaded

    def load(self) -> TextEmotionModel:
        """Load the tokenizer, BERT and the n-gram head now (once; later calls return at once); returns self."""
        with self._lock:
            if not self._loaded:
                try:
                    self._load()
                except BaseException:
                    self._loaded = False
                    raise
        return self

    def __getattr__(self, name: str):
        # Only reached for attributes not set yet: those the load sets (tokenizer, model, ngram, order, ...).
        if name.startswith("_") or self.__dict__.get("_loaded", True):
            raise AttributeError(name)
        self.load()
        return getattr(self, name)

    def _load(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from transformers import AutoModelForSequenceClassification
        from transformers.utils import logging as hf_logging

        from core.text.tokenizers import load_tokenizer

        hf_logging.set_verbosity_error()
        try:
            self.tokenizer = load_tokenizer(self.model_dir)
            model = AutoModelForSequenceClassification.from_pretrained(str(self.model_dir), local_files_only=True)
        except Exception as e:  # noqa: BLE001 (unreadable weights raise the safetensors reader's own error type)
            raise ValueError(f"cannot load the text model in {self.model_dir}: {e}") from None
        self.order = label_order(model.config.id2label)
        self.device = torch.device(self._device)
        self.model = model.to(self.device).eval()
        # Never longer than the position table: longer messages are cut, not an error.
        self.max_length = min(self._max_length, int(getattr(model.config, "max_position_embeddings", self._max_length)))
        tok = self.tokenizer
        for name in ("cls_token_id", "sep_token_id", "pad_token_id"):
            if getattr(tok, name) is None:
                raise ValueError(f"the tokenizer in {self.model_dir} has no {name.removesuffix('_id')}")
        head_file = self.model_dir / NGRAM_FILE
        self.ngram: NgramHead | None = NgramHead.load(head_file) if self._use_ngram and head_file.is_file() else None
        self._loaded = True  # the warm-up below goes through predict
        self._predict(["워밍업"])  # warm-up (and Kiwi's first analysis, when the head uses it)

    def encode(self, texts: list[str]) -> dict[str, torch.Tensor]:
        """BERT-style model inputs for these texts (see encode_texts)."""
        self.load()
        return encode_texts(self.tokenizer, texts, self.max_length)

    def logits(self, texts: list[str]) -> torch.Tensor:
        """Raw logits in the model's own label order (for training and evaluation)."""
        self.load()
        batch = {k: v.to(self.device) for k, v in self.encode(texts).items()}
        return self.model(**batch).logits

    def predict(self, texts: list[str]) -> np.ndarray:
        """Probabilities [N, 7] in the fixed class order; rows sum to 1 (loads the model on the first call).
        Long lists go SCORE_BATCH at a time."""
        self.load()
        return self._predict(texts)

    def _predict(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, NUM_CLASSES), np.float32)
        if len(texts) > SCORE_BATCH:
            return np.concatenate(list(score_batches(self._predict_batch, texts)))
        return self._predict_batch(texts)

    def _predict_batch(self, texts: list[str]) -> np.ndarray:
        with torch.inference_mode():
            probs = torch.softmax(self.logits(texts).float(), dim=1)[:, self.order].cpu().numpy()
        if self.ngram is not None:
            probs = mix_probs(probs, self.ngram.logits(texts), self.ngram.bert_weight)
        return probs
