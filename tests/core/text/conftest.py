"""Fixtures of the text tests: a KoBERT-like folder (tiny random BERT + a SentencePiece model, no tokenizer.json)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture()
def kobert_like_dir(tmp_path: Path) -> Path:
    """KoBERT's folder shape: config + weights + a SentencePiece model with [CLS]/[SEP]/[PAD] pieces."""
    spm = pytest.importorskip("sentencepiece")
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(["기쁘다 정말 좋아요", "너무 화가 난다", "무섭고 슬프다", "깜짝 놀랐어"] * 50),
                      encoding="utf-8")
    folder = tmp_path / "kobert_like"
    folder.mkdir()
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(folder / "spiece"), vocab_size=40,
                                   hard_vocab_limit=False, control_symbols=["[CLS]", "[SEP]", "[MASK]"], pad_id=1,
                                   unk_id=0, bos_id=-1, eos_id=-1, pad_piece="[PAD]", unk_piece="[UNK]")
    torch.manual_seed(0)
    pieces = spm.SentencePieceProcessor(model_file=str(folder / "spiece.model")).get_piece_size()
    BertForSequenceClassification(BertConfig(vocab_size=pieces, hidden_size=16, num_hidden_layers=1,
                                             num_attention_heads=2, intermediate_size=32, max_position_embeddings=64,
                                             num_labels=7)).save_pretrained(str(folder))
    return folder
