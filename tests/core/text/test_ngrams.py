import shutil

import numpy as np
import pytest

from core.classes import EMOTIONS
from core.text.model import TextEmotionModel
from core.text.morphemes import morpheme_features, morphemes
from core.text.ngrams import NGRAM_FILE, NgramHead, log_softmax, mix_probs, ngram_ids

HOSTILE = ["", "   ", "😀🙂 emoji", "\x00\x07제어\r\n", "mixed 한글 English ١٢٣", "\ud800 lone surrogate", "ㅋ" * 2000]


def test_ngram_ids_are_stable_in_range_and_never_empty():
    ids = ngram_ids("오늘 수업 정말 재미있어요", 1024)
    assert ids.dtype == np.int64 and ids.min() >= 0 and ids.max() < 1024
    # words, one bigram per adjacent pair, and 1..4-grams of each word with its boundary marks
    words = ["오늘", "수업", "정말", "재미있어요"]
    expected = len(words) + (len(words) - 1) + sum(sum(len(w) + 2 - n + 1 for n in range(1, 5)) for w in words)
    assert len(ids) == expected
    np.testing.assert_array_equal(ids, ngram_ids("오늘 수업 정말 재미있어요", 1024))
    # case and Unicode normalisation do not change features (NFD jamo → NFC syllables)
    import unicodedata
    np.testing.assert_array_equal(ngram_ids(unicodedata.normalize("NFD", "재미있어요 OK"), 1024),
                                  ngram_ids("재미있어요 ok", 1024))
    for text in HOSTILE:
        assert len(ngram_ids(text, 64)) >= 1


def test_morpheme_features_join_the_character_ones():
    text = "밥을 먹었는데 짜증나"
    chars = ngram_ids(text, 1 << 20)
    both = ngram_ids(text, 1 << 20, use_morphemes=True)
    assert len(both) == len(chars) + len(morpheme_features(morphemes(text)))
    np.testing.assert_array_equal(both[: len(chars)], chars)
    for text in HOSTILE:
        assert len(ngram_ids(text, 64, use_morphemes=True)) >= 1


def test_mix_probs_ends_and_normalisation():
    rng = np.random.default_rng(0)
    bert = rng.dirichlet(np.ones(7), size=5).astype(np.float32)
    logits = rng.normal(size=(5, 7)).astype(np.float32)
    np.testing.assert_allclose(mix_probs(bert, logits, 1.0), bert, atol=1e-5)
    np.testing.assert_allclose(mix_probs(bert, logits, 0.0), np.exp(log_softmax(logits)), atol=1e-5)
    mixed = mix_probs(bert, logits, 0.6)
    assert mixed.shape == (5, 7) and np.allclose(mixed.sum(axis=1), 1, atol=1e-5)
    # a zero probability from BERT does not produce NaN
    assert np.isfinite(mix_probs(np.eye(7, dtype=np.float32)[:1], logits[:1], 0.5)).all()


def test_head_save_load_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    head = NgramHead(rng.normal(size=(256, 7)).astype(np.float32), rng.normal(size=7).astype(np.float32), 3, 0.7,
                     use_morphemes=True)
    head.save(tmp_path / NGRAM_FILE)
    back = NgramHead.load(tmp_path / NGRAM_FILE)
    assert back.buckets == 256 and back.max_n == 3 and back.bert_weight == 0.7 and back.use_morphemes
    np.testing.assert_allclose(back.weight, head.weight, atol=2e-3)  # stored as float16
    texts = ["좋아요", *HOSTILE]
    np.testing.assert_allclose(back.logits(texts), head.logits(texts), atol=5e-3)
    assert not list(tmp_path.glob("*.tmp"))


def test_bad_head_files_give_clear_errors(tmp_path):
    (tmp_path / "junk.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ValueError, match="cannot read the n-gram head"):
        NgramHead.load(tmp_path / "junk.safetensors")
    NgramHead(np.zeros((16, 5), np.float32), np.zeros(5, np.float32)).save(tmp_path / "five.safetensors")
    with pytest.raises(ValueError, match="expected"):
        NgramHead.load(tmp_path / "five.safetensors")
    from safetensors.numpy import save_file

    weights = {"weight": np.zeros((16, 7), np.float16), "bias": np.zeros(7, np.float32)}
    save_file(weights, str(tmp_path / "future.safetensors"),
              metadata={"max_n": "4", "bert_weight": "0.5", "morphemes": "mecab"})
    with pytest.raises(ValueError, match="morphemes from 'mecab'"):
        NgramHead.load(tmp_path / "future.safetensors")
    # A head written before morphemes existed (no such entry) reads as characters only.
    save_file(weights, str(tmp_path / "old.safetensors"), metadata={"max_n": "4", "bert_weight": "0.5"})
    assert not NgramHead.load(tmp_path / "old.safetensors").use_morphemes


def test_text_model_mixes_in_the_folders_head(tiny_bert_dir, tmp_path):
    folder = tmp_path / "with_head"
    shutil.copytree(tiny_bert_dir, folder)
    plain = TextEmotionModel(folder)
    assert plain.ngram is None
    texts = ["기쁘다 정말 좋아요", *HOSTILE]
    bert = plain.predict(texts)
    # A head that only knows "happy": strongly for every feature.
    weight = np.zeros((512, 7), np.float32)
    weight[:, EMOTIONS.index("happy")] = 8.0
    NgramHead(weight, np.zeros(7, np.float32), 4, 0.5).save(folder / NGRAM_FILE)
    mixed_model = TextEmotionModel(folder)
    assert mixed_model.ngram is not None
    mixed = mixed_model.predict(texts)
    assert mixed.shape == (len(texts), 7) and np.allclose(mixed.sum(axis=1), 1, atol=1e-5)
    assert (mixed[:, EMOTIONS.index("happy")] > bert[:, EMOTIONS.index("happy")]).all()
    np.testing.assert_allclose(TextEmotionModel(folder, use_ngram=False).predict(texts), bert, atol=1e-6)
