"""Chat scoring in bounded batches: memory flat in the number of messages, progress after each batch."""

import numpy as np

from core.chat.chat_formats import ConferenceMessage
from core.chat.chat_input import ChatInput, score_messages
from core.text.model import SCORE_BATCH, TextEmotionModel, score_batches


class FakeModel:
    """Scores a text by its length; remembers the size of every batch it was given."""

    def __init__(self):
        self.sizes = []

    def predict(self, texts):
        self.sizes.append(len(texts))
        out = np.zeros((len(texts), 7), np.float32)
        out[np.arange(len(texts)), [len(t) % 7 for t in texts]] = 1
        return out


def test_score_batches_never_passes_more_than_a_batch():
    model = FakeModel()
    texts = [f"메시지 {i}" for i in range(10_383)]
    got = np.concatenate(list(score_batches(model.predict, texts)))
    assert max(model.sizes) == SCORE_BATCH and sum(model.sizes) == len(texts) == len(got)
    assert (got.argmax(1) == [len(t) % 7 for t in texts]).all()


def test_score_messages_streams_with_progress(tmp_path):
    model = FakeModel()
    messages = [ConferenceMessage(i * 0.5, f"학생{i % 6}", "가" * (i % 40 + 1), "chat") for i in range(1000)]
    chat = ChatInput(tmp_path / "c.txt", "zoom-cloud", list(messages))
    seen = []
    scored = score_messages(chat, model.predict, lambda done, total: seen.append((done, total)))
    assert max(model.sizes) <= SCORE_BATCH and chat.messages == []
    assert seen == [(min(k + SCORE_BATCH, 1000), 1000) for k in range(0, 1000, SCORE_BATCH)]
    assert [(s.time_s, s.author_name, s.text) for s in scored] == [(m.time_s, m.author, m.text) for m in messages]
    assert all(int(s.text_probs.argmax()) == len(s.text) % 7 for s in scored)


def test_the_text_model_batches_a_long_list_itself(tiny_bert_dir, monkeypatch):
    model = TextEmotionModel(tiny_bert_dir)
    texts = [f"문장 {i} " * (i % 9 + 1) for i in range(SCORE_BATCH * 2 + 10)]
    whole = np.concatenate([model._predict_batch(texts[i : i + SCORE_BATCH]) for i in range(0, len(texts), SCORE_BATCH)])
    sizes = []
    real = model._predict_batch
    monkeypatch.setattr(model, "_predict_batch", lambda t: sizes.append(len(t)) or real(t))
    got = model.predict(texts)
    assert sizes == [SCORE_BATCH, SCORE_BATCH, 10]
    np.testing.assert_allclose(got, whole, atol=1e-6)
    np.testing.assert_allclose(got.sum(1), 1, atol=1e-5)
