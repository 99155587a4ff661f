import numpy as np
import pytest

from core.classes import EMOTIONS
from core.text.model import TextEmotionModel, encode_texts, label_order


def test_loads_a_tiny_local_bert(tiny_bert_dir):
    m = TextEmotionModel(tiny_bert_dir)
    p = m.predict(["기쁘다 정말 좋아요", "", "😀 emoji", "a" * 1000])
    assert p.shape == (4, 7) and np.allclose(p.sum(axis=1), 1, atol=1e-5)
    assert m.predict([]).shape == (0, 7)


def test_long_messages_are_cut_to_the_position_table(tiny_bert_dir):
    m = TextEmotionModel(tiny_bert_dir)  # tiny model: 64 positions
    assert m.max_length == 64
    assert m.predict(["너무 화가 난다 " * 100]).shape == (1, 7)


def test_encoding_is_bert_style_and_capped(tiny_bert_dir):
    m = TextEmotionModel(tiny_bert_dir, max_length=16)
    enc = m.encode(["기쁘다", "너무 화가 난다 " * 20])
    ids, mask = enc["input_ids"], enc["attention_mask"]
    tok = m.tokenizer
    assert ids.shape[1] == 16
    assert ids[0, 0] == tok.cls_token_id and ids[0, int(mask[0].sum()) - 1] == tok.sep_token_id
    assert (ids[0, int(mask[0].sum()):] == tok.pad_token_id).all()


def test_label_order_by_name_or_position():
    shuffled = {0: "sad", 1: "happy", 2: "angry", 3: "fear", 4: "surprise", 5: "neutral", 6: "disgust"}
    order = label_order(shuffled)
    assert [shuffled[i] for i in order] == list(EMOTIONS)
    assert label_order({i: f"LABEL_{i}" for i in range(7)}) == list(range(7))
    with pytest.raises(ValueError, match="7 emotions"):
        label_order({0: "positive", 1: "negative"})


def test_missing_model_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="config.json"):
        TextEmotionModel(tmp_path)


def test_kobert_style_sentencepiece_folder(kobert_like_dir):
    """KoBERT's folder: config + weights + a SentencePiece model with [CLS]/[SEP]/[PAD] pieces."""
    folder = kobert_like_dir
    model = TextEmotionModel(folder)
    tok = model.tokenizer
    assert tok.tokenize("기쁘다") and "[UNK]" not in tok.tokenize("기쁘다 정말")  # whole syllables, not jamo
    enc = model.encode(["기쁘다 정말", "화가"])
    ids, mask = enc["input_ids"], enc["attention_mask"]
    assert ids[0, 0] == tok.cls_token_id == 2 and ids[1, int(mask[1].sum()) - 1] == tok.sep_token_id
    assert ids[1, -1] == tok.pad_token_id == 1  # padded on the right
    assert model.predict(["기쁘다 정말"]).shape == (1, 7)


def test_the_model_loads_itself_on_first_use_once_whichever_thread_asks(tiny_bert_dir):
    import sys
    import threading

    m = TextEmotionModel(tiny_bert_dir)
    assert not m.loaded and "model" not in m.__dict__  # constructing it loads nothing
    results = []
    threads = [threading.Thread(target=lambda: results.append(m.predict(["기쁘다"]))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert m.loaded and len(results) == 3 and all(np.allclose(r, results[0]) for r in results)
    model = m.model
    m.predict(["또"])
    assert m.model is model  # loaded once
    assert TextEmotionModel(tiny_bert_dir).tokenizer is not None  # a loaded attribute loads it too
    assert "kiwipiepy" not in sys.modules or m.ngram is None or m.ngram.use_morphemes


def test_a_model_without_our_classes_fails_when_constructed_and_broken_weights_on_load(tiny_bert_dir, tmp_path):
    import json
    import shutil

    folder = tmp_path / "two_labels"
    shutil.copytree(tiny_bert_dir, folder)
    cfg = json.loads((folder / "config.json").read_text())
    cfg["id2label"] = {"0": "positive", "1": "negative"}
    (folder / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ValueError, match="7 emotions"):
        TextEmotionModel(folder)
    broken = tmp_path / "broken"
    shutil.copytree(tiny_bert_dir, broken)
    for weights in broken.glob("*.safetensors"):
        weights.write_bytes(b"not weights")
    lazy = TextEmotionModel(broken)
    with pytest.raises(ValueError, match="cannot load the text model"):
        lazy.load()
    assert not lazy.loaded


def test_the_text_model_in_a_helper_process_scores_as_in_process(tiny_bert_dir):
    from core.text.helper_process import TextModelProcess

    helper = TextModelProcess(tiny_bert_dir)
    assert not helper.started  # nothing runs before the first message
    try:
        texts = ["기쁘다 정말 좋아요", "너무 화가 난다"]
        np.testing.assert_allclose(helper.predict(texts), TextEmotionModel(tiny_bert_dir).predict(texts), atol=1e-5)
        assert helper.started
    finally:
        helper.close()
    assert not helper.started
    with pytest.raises(FileNotFoundError, match="config.json"):
        TextModelProcess(tiny_bert_dir.parent / "nowhere")
