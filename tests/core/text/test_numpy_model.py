"""The numpy text model gives the torch model's probabilities, and the helper process runs it without torch."""

from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from core.text.model import TextEmotionModel
from core.text.ngrams import NGRAM_FILE, NgramHead
from core.text.numpy_model import LENGTH_GROUP, NumpyTextModel, erf, unsupported

TEXTS = ["기쁘다 정말 좋아요", "너무 화가 난다", "", "😀 emoji", "무섭고 슬프다... 왜?!", "깜짝 놀랐어 ㅋㅋㅋ",
         "  그냥   그래요  ", "e\u0301 ＦＵＬＬ width", "broken \ud800 surrogate", "너무 화가 난다 " * 40]


def _torch_logits(model: TextEmotionModel, texts: list[str]) -> np.ndarray:
    import torch

    with torch.inference_mode():
        return model.logits(texts).float().numpy()


def _tiny_bert(tmp_path: Path, tokenizer_dir: Path, **config) -> Path:
    """A random BERT classifier with the tokenizer of `tokenizer_dir` (config overrides the tiny defaults)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    from core.classes import EMOTIONS

    folder = tmp_path / "bert"
    shutil.copytree(tokenizer_dir, folder)
    torch.manual_seed(1)
    vocab = json.loads((tokenizer_dir / "config.json").read_text())["vocab_size"]
    settings = dict(vocab_size=vocab, hidden_size=24, num_hidden_layers=2, num_attention_heads=3,
                    intermediate_size=48, max_position_embeddings=64, num_labels=7,
                    id2label=dict(enumerate(reversed(EMOTIONS))), label2id={e: i for i, e in enumerate(reversed(EMOTIONS))})
    settings.update(config)
    model = BertForSequenceClassification(BertConfig(**settings))
    with torch.no_grad():  # random, not the initialiser's near-zero values: every weight must matter
        for p in model.parameters():
            p.normal_(0, 0.3)
    model.save_pretrained(str(folder))
    return folder


def test_erf_matches_the_math_library():
    x = np.linspace(-6, 6, 2001, dtype=np.float32)
    expected = np.array([math.erf(v) for v in x.astype(np.float64)])
    assert np.abs(erf(x) - expected).max() < 1e-6  # A&S 1.5e-7, plus float32 rounding
    assert erf(x).dtype == np.float32


def test_the_tiny_random_bert_gives_the_torch_models_outputs(tiny_bert_dir):
    numpy_model, torch_model = NumpyTextModel(tiny_bert_dir), TextEmotionModel(tiny_bert_dir)
    assert not numpy_model.loaded  # loads on first use
    ids, mask = numpy_model.encode(TEXTS)
    enc = torch_model.encode(TEXTS)
    np.testing.assert_array_equal(ids, enc["input_ids"].numpy())  # same tokens, cut and padded alike
    np.testing.assert_array_equal(mask, enc["attention_mask"].numpy())
    np.testing.assert_allclose(numpy_model.logits(TEXTS), _torch_logits(torch_model, TEXTS), atol=1e-4)
    probs = numpy_model.predict(TEXTS)
    assert probs.dtype == np.float32 and probs.shape == (len(TEXTS), 7)
    np.testing.assert_allclose(probs, torch_model.predict(TEXTS), atol=1e-4)
    assert numpy_model.predict([]).shape == (0, 7)


@pytest.mark.parametrize("act", ["gelu", "gelu_new", "relu"])
def test_deeper_random_berts_with_each_activation_and_shuffled_labels(tiny_bert_dir, tmp_path, act):
    folder = _tiny_bert(tmp_path, tiny_bert_dir, hidden_act=act)
    texts = [f"{t} {i}" for i in range(5) for t in TEXTS]  # more than a length group: grouped, then put back
    assert len(texts) > LENGTH_GROUP
    torch_model = TextEmotionModel(folder)
    np.testing.assert_allclose(NumpyTextModel(folder).logits(texts), _torch_logits(torch_model, texts), atol=1e-4)
    np.testing.assert_allclose(NumpyTextModel(folder).predict(texts), torch_model.predict(texts), atol=1e-4)


def test_the_folders_ngram_head_is_mixed_in_as_by_the_torch_model(tiny_bert_dir, tmp_path):
    folder = _tiny_bert(tmp_path, tiny_bert_dir)
    rng = np.random.default_rng(0)
    NgramHead(rng.normal(size=(512, 7)).astype(np.float32), rng.normal(size=7).astype(np.float32), 3, 0.6
              ).save(folder / NGRAM_FILE)
    numpy_model = NumpyTextModel(folder).load()
    assert numpy_model.ngram is not None
    np.testing.assert_allclose(numpy_model.predict(TEXTS), TextEmotionModel(folder).predict(TEXTS), atol=1e-4)


def test_a_sentencepiece_folder_runs_in_numpy_too(kobert_like_dir):
    folder = kobert_like_dir
    assert unsupported(folder) is None
    np.testing.assert_allclose(NumpyTextModel(folder).predict(TEXTS), TextEmotionModel(folder).predict(TEXTS),
                               atol=1e-4)


def test_folders_numpy_cannot_run_are_said_and_the_helper_uses_torch_for_them(tiny_bert_dir, tmp_path):
    from core.text.helper_process import open_model

    folder = tmp_path / "other"
    shutil.copytree(tiny_bert_dir, folder)
    cfg = json.loads((folder / "config.json").read_text())
    cfg["model_type"] = "electra"
    (folder / "config.json").write_text(json.dumps(cfg))
    assert "electra" in unsupported(folder)
    with pytest.raises(ValueError, match="cannot run in numpy"):
        NumpyTextModel(folder)
    assert isinstance(open_model(str(folder), "cpu"), TextEmotionModel)
    assert isinstance(open_model(str(tiny_bert_dir), "cpu"), NumpyTextModel)
    assert isinstance(open_model(str(tiny_bert_dir), "cuda"), TextEmotionModel)  # numpy is for the CPU only


def test_broken_weights_are_one_clear_error(tiny_bert_dir, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(tiny_bert_dir, folder)
    (folder / "model.safetensors").write_bytes(b"not weights")
    model = NumpyTextModel(folder)
    with pytest.raises(ValueError, match="cannot load the text model"):
        model.load()
    assert not model.loaded


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/maps")
def test_the_helper_process_scores_without_loading_torch(tiny_bert_dir):
    from core.text.helper_process import TextModelProcess

    helper = TextModelProcess(tiny_bert_dir)
    try:
        probs = helper.predict(TEXTS)
        maps = Path(f"/proc/{helper.pid}/maps").read_text()
        environ = Path(f"/proc/{helper.pid}/environ").read_bytes().split(b"\0")
    finally:
        helper.close()
    np.testing.assert_allclose(probs, TextEmotionModel(tiny_bert_dir).predict(TEXTS), atol=1e-4)
    assert "libtorch" not in maps and "/torch/" not in maps  # torch's libraries never loaded there
    assert "tokenizers" in maps  # the numpy model's tokenizer did
    assert b"OPENBLAS_NUM_THREADS=1" in environ


def test_the_shipped_model_scores_alike_in_numpy_and_torch():
    texts = ["오늘 수업 정말 재미있었어요 ㅎㅎ", "너무 화가 나요", "무서워요 ㅠㅠ", "헐 대박", "네 알겠습니다", ""]
    numpy_model, torch_model = NumpyTextModel().load(), TextEmotionModel()
    assert numpy_model.ngram is not None and numpy_model.ngram.use_morphemes  # the whole shipped model: BERT, head, Kiwi
    np.testing.assert_array_equal(numpy_model.encode(texts)[0], torch_model.encode(texts)["input_ids"].numpy())
    np.testing.assert_allclose(numpy_model.predict(texts), torch_model.predict(texts), atol=1e-4)
