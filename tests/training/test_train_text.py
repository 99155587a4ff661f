"""Text model training and evaluation on a tiny corpus made here."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
import torch

from core.classes import EMOTIONS
from core.text.model import TextEmotionModel
from core.text.ngrams import NGRAM_FILE
from training import eval_text, train_text

WORDS = {
    "angry": "화나 짜증 분노", "disgust": "역겨워 혐오 더러워", "fear": "무서워 겁나 공포",
    "happy": "행복 좋아 신나", "neutral": "그냥 보통 오늘", "sad": "슬퍼 눈물 우울", "surprise": "깜짝 놀라 헐",
}


def write_csv(path, n):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "label_ko"])
        for i in range(n):
            e = EMOTIONS[i % 7]
            w.writerow([f"{WORDS[e].split()[i % 3]} 정말 {i}", e, "x"])


@pytest.fixture()
def data_dir(tmp_path):
    (tmp_path / "korean_emotion").mkdir()
    (tmp_path / "nsmc").mkdir()
    write_csv(tmp_path / "korean_emotion" / "train.csv", 70)
    write_csv(tmp_path / "korean_emotion" / "val.csv", 21)
    with gzip.open(tmp_path / "nsmc" / "reviews.txt.gz", "wt", encoding="utf-8") as f:
        for i in range(200):
            f.write(" ".join(WORDS[EMOTIONS[i % 7]].split()) + f" 영화 {i}\n")
    return tmp_path


TINY = ["--hidden", "32", "--layers", "1", "--heads", "2", "--vocab-size", "200", "--mlm-batch", "16",
        "--pretrain-steps", "4", "--epochs", "1", "--ft-batch", "16", "--threads", "1"]
NO_NGRAM = ["--ngram-epochs", "0"]


def test_all_stages_resume_export_and_eval(data_dir, tmp_path, capsys):
    out, export = tmp_path / "run", tmp_path / "model"
    assert train_text.main(["--data", str(data_dir), "--out", str(out), *TINY, *NO_NGRAM]) == 0
    adapted = torch.load(out / "adapted" / "train_state.pt", weights_only=True)
    assert adapted["step"] == 3 * 5  # 3 epochs of the 70 train sentences, 5 batches of 16 each
    assert train_text.main(["--data", str(data_dir), "--out", str(out), "--stage", "finetune", "--resume",
                            "--export", str(export), *TINY[:-6], "--epochs", "2", "--ft-batch", "16",
                            "--threads", "1", *NO_NGRAM]) == 0
    history = [json.loads(line) for line in (out / "finetune_history.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in history] == [1, 2]
    model = TextEmotionModel(export)
    p = model.predict(["행복 정말", "🙂 emoji and English 섞인 문장", "\x00\x07제어"])
    assert p.shape == (3, 7) and abs(p.sum(axis=1) - 1).max() < 1e-5
    capsys.readouterr()
    assert eval_text.main(["--csv", str(data_dir / "korean_emotion" / "val.csv"), "--model", str(export)]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert set(rep) == {"accuracy", "per_class_recall", "confusion", "n"} and rep["n"] == 21
    assert rep["accuracy"] == max(h["accuracy"] for h in history)


def test_ngram_stage_adds_a_head_that_eval_uses(data_dir, tmp_path, capsys):
    out, export = tmp_path / "run", tmp_path / "model"
    assert train_text.main(["--data", str(data_dir), "--out", str(out), *TINY, "--ngram-bits", "12",
                            "--export", str(export)]) == 0
    assert (export / NGRAM_FILE).is_file()
    log = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith('{"stage": "ngram"')]
    assert len(log) == 1 and len(log[0]["val_acc_by_epoch"]) == 4 and 0.0 <= log[0]["bert_weight"] <= 1.0
    model = TextEmotionModel(export)
    assert model.ngram is not None and model.ngram.buckets == 1 << 12 and model.ngram.use_morphemes
    assert model.ngram.bert_weight == log[0]["bert_weight"]
    # The toy classes are separable by their words: the n-gram head alone learns them.
    assert max(log[0]["val_acc_by_epoch"]) == 1.0
    csv_path = str(data_dir / "korean_emotion" / "val.csv")
    assert eval_text.main(["--csv", csv_path, "--model", str(export)]) == 0
    mixed = json.loads(capsys.readouterr().out)
    assert mixed["accuracy"] == pytest.approx(log[0]["val_acc_by_bert_weight"][str(log[0]["bert_weight"])], abs=1e-4)
    assert eval_text.main(["--csv", csv_path, "--model", str(export), "--bert-only"]) == 0
    bert_only = json.loads(capsys.readouterr().out)
    assert bert_only["accuracy"] == pytest.approx(log[0]["val_acc_by_bert_weight"]["1.0"], abs=1e-4)
    assert train_text.main(["--data", str(data_dir), "--out", str(out), "--stage", "ngram", "--ngram-bits", "12",
                            "--no-ngram-morphemes", *TINY]) == 0
    assert not TextEmotionModel(out / "best").ngram.use_morphemes
    # Fine-tuning again replaces BERT, so the head whose weight was chosen for the old one goes.
    assert (out / "best" / NGRAM_FILE).is_file()
    assert train_text.main(["--data", str(data_dir), "--out", str(out), "--stage", "finetune", *TINY]) == 0
    assert not (out / "best" / NGRAM_FILE).exists()


def test_eval_text_bad_input(tmp_path, capsys):
    assert eval_text.main(["--csv", str(tmp_path / "absent.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\n안녕,joy\n", encoding="utf-8")
    assert eval_text.main(["--csv", str(bad), "--model", str(tmp_path)]) == 2
    assert "unknown label" in capsys.readouterr().err


def test_device_option_and_mixed_precision_step(data_dir, tmp_path, capsys):
    from training.accelerator import Precision

    out = tmp_path / "run"
    assert train_text.main(["--data", str(data_dir), "--out", str(out), "--device", "cpu", *TINY, *NO_NGRAM,
                            "--adapt-epochs", "0"]) == 0
    assert (out / "best" / "config.json").exists()
    if not torch.cuda.is_available():
        assert train_text.main(["--data", str(data_dir), "--out", str(tmp_path / "gpu"), "--device", "cuda",
                                *TINY]) == 2
        assert "no CUDA" in capsys.readouterr().err
    # The CUDA branch's step (autocast on, through the scaler), run on the CPU with bfloat16.
    from transformers import BertForMaskedLM

    model = BertForMaskedLM.from_pretrained(str(out / "mlm"))
    tok = train_text._load_tokenizer(out / "mlm")
    before = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loss = train_text._mlm_step(model, tok, ["행복 정말 좋아 영화"] * 8, torch.Generator().manual_seed(0), opt,
                                1e-3, 16, torch.device("cpu"), Precision(True, torch.bfloat16))
    assert torch.isfinite(loss) and any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))
