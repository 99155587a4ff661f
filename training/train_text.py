"""Train the Korean text emotion model: tokenizer, masked-LM pretraining, fine-tuning.

    python -m training.train_text --data ../shared/data --out runs/text            # all stages
    python -m training.train_text --data ../shared/data --out runs/text --stage finetune --base DIR

Stage `tokenizer` trains WordPiece on the NSMC reviews plus the train split; `pretrain` runs
masked-language modelling of a small BERT on the reviews for a time or step budget; `adapt`
continues it for a few epochs on train.csv's sentences without their labels (task-adaptive
pretraining); `finetune` trains a 7-class head (from the adapted or pretrained model, or from
`--base`, any local Hugging Face BERT such as KoBERT) on train.csv and keeps the best epoch
on val.csv; `ngram` trains a character n-gram head (core.text.ngrams; with Kiwi morphemes
unless `--no-ngram-morphemes`) on train.csv and chooses, on val.csv, its epoch and how much
it weighs against the fine-tuned BERT.
Every stage checkpoints and `--resume` continues. `--export DIR` writes the best model there.
`--device auto|cpu|cuda` (auto: CUDA when present) trains on a GPU with bfloat16 autocast, like train_fer.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from core.classes import EMOTIONS
from core.text.model import encode_texts
from core.text.ngrams import NGRAM_FILE
from training.accelerator import TRAIN_DEVICES, Precision, precision_for, training_device
from training.korean_text_data import iter_corpus, read_labeled_csv
from training.metrics import classification_report


def _load_tokenizer(path: Path):
    from core.text.tokenizers import load_tokenizer

    return load_tokenizer(path)


def stage_tokenizer(args: argparse.Namespace, out: Path) -> None:
    """Train the WordPiece vocabulary."""
    from training.text_tokenizer import train_tokenizer

    texts, _ = read_labeled_csv(Path(args.data) / "korean_emotion" / "train.csv")
    corpus = list(iter_corpus(Path(args.data) / "nsmc" / "reviews.txt.gz", limit=args.tokenizer_lines))
    train_tokenizer(corpus + texts, out / "tokenizer", vocab_size=args.vocab_size)
    print(f"tokenizer: {args.vocab_size} pieces from {len(corpus) + len(texts):,} lines", file=sys.stderr)


def _mask_tokens(ids: torch.Tensor, attn: torch.Tensor, tok, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT masking: 15% of real tokens are predicted; of those 80% [MASK], 10% random, 10% kept."""
    labels = ids.clone()
    special = (ids == tok.cls_token_id) | (ids == tok.sep_token_id) | (attn == 0)
    chosen = (torch.rand(ids.shape, generator=gen) < 0.15) & ~special
    labels[~chosen] = -100
    ids = ids.clone()
    r = torch.rand(ids.shape, generator=gen)
    ids[chosen & (r < 0.8)] = tok.mask_token_id
    rand = chosen & (r >= 0.8) & (r < 0.9)
    ids[rand] = torch.randint(len(tok), ids.shape, generator=gen)[rand]
    return ids, labels


def _run_device(args: argparse.Namespace) -> tuple[torch.device, Precision]:
    device = training_device(args.device)
    return device, precision_for(device)


def _optimise(loss: torch.Tensor, model, opt, scaler: torch.amp.GradScaler) -> None:
    """Backward pass, gradient clipping at norm 1 and one step (through the scaler when float16 needs one)."""
    opt.zero_grad(set_to_none=True)
    scaler.scale(loss).backward()
    scaler.unscale_(opt)
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    scaler.step(opt)
    scaler.update()


def _scaler(device: torch.device, precision: Precision) -> torch.amp.GradScaler:
    return torch.amp.GradScaler(device.type, enabled=precision.scaler)


def _mlm_step(model, tok, texts: list[str], gen: torch.Generator, opt, lr: float, max_length: int,
              device: torch.device = torch.device("cpu"), precision: Precision = Precision(False),
              scaler: torch.amp.GradScaler | None = None) -> torch.Tensor:
    """One masked-LM optimisation step on `texts`; returns the loss."""
    enc = encode_texts(tok, texts, max_length)
    ids, labels = _mask_tokens(enc["input_ids"], enc["attention_mask"], tok, gen)
    ids, labels, attn = ids.to(device), labels.to(device), enc["attention_mask"].to(device)
    for g in opt.param_groups:
        g["lr"] = lr
    with precision.autocast(device):
        # Only masked positions need the vocabulary projection: computing it for every token
        # (as BertForMaskedLM's own loss does) would cost as much again as the encoder.
        hidden = model.bert(input_ids=ids, attention_mask=attn).last_hidden_state
        chosen = labels != -100
        loss = F.cross_entropy(model.cls(hidden[chosen]).float(), labels[chosen])
    _optimise(loss, model, opt, scaler or _scaler(device, precision))
    return loss.detach()


def stage_pretrain(args: argparse.Namespace, out: Path) -> None:
    """Masked-LM pretraining of a small BERT on the review corpus."""
    from transformers import BertConfig, BertForMaskedLM

    tok = _load_tokenizer(out / "tokenizer")
    ck_dir = out / "mlm"
    state_file = ck_dir / "train_state.pt"
    if args.resume and state_file.exists():
        model = BertForMaskedLM.from_pretrained(str(ck_dir))
    else:
        cfg = BertConfig(vocab_size=len(tok), hidden_size=args.hidden, num_hidden_layers=args.layers,
                         num_attention_heads=args.heads, intermediate_size=4 * args.hidden,
                         max_position_embeddings=args.max_length, pad_token_id=tok.pad_token_id)
        model = BertForMaskedLM(cfg)
    device, precision = _run_device(args)
    model.to(device)
    scaler = _scaler(device, precision)
    opt = torch.optim.AdamW(model.parameters(), lr=args.mlm_lr, weight_decay=0.01)
    step, seen = 0, 0
    if args.resume and state_file.exists():
        st = torch.load(state_file, map_location="cpu", weights_only=True)
        opt.load_state_dict(st["opt"])
        step, seen = st["step"], st["seen"]
    corpus = list(iter_corpus(Path(args.data) / "nsmc" / "reviews.txt.gz"))
    rng = random.Random(args.seed)
    rng.shuffle(corpus)
    gen = torch.Generator().manual_seed(args.seed + step)
    model.train()
    deadline = time.time() + 60 * args.pretrain_minutes if args.pretrain_minutes else float("inf")
    total = args.pretrain_steps
    bar = tqdm(total=total, initial=step, desc="pretrain", file=sys.stderr, mininterval=10, dynamic_ncols=True)
    loss_ema = None
    while step < total and time.time() < deadline:
        batch = [corpus[(seen + i) % len(corpus)] for i in range(args.mlm_batch)]
        seen += len(batch)
        lr = args.mlm_lr * min(1.0, (step + 1) / 500) * max(0.05, 1 - step / total)
        loss = _mlm_step(model, tok, batch, gen, opt, lr, args.max_length, device, precision, scaler)
        step += 1
        loss_ema = loss.item() if loss_ema is None else 0.98 * loss_ema + 0.02 * loss.item()
        bar.update(1)
        bar.set_postfix(loss=f"{loss_ema:.3f}")
        if step % 500 == 0:
            _save_mlm(model, tok, opt, step, seen, ck_dir)
    bar.close()
    _save_mlm(model, tok, opt, step, seen, ck_dir)
    print(json.dumps({"stage": "pretrain", "steps": step, "sequences": seen, "loss": round(loss_ema or 0, 4)}),
          file=sys.stderr)


def stage_adapt(args: argparse.Namespace, out: Path) -> None:
    """Task-adaptive masked-LM: a few epochs on train.csv's sentences (their labels unused),
    continuing from the review-pretrained model: chat sentences are not movie reviews."""
    from transformers import BertForMaskedLM

    ck_dir = out / "adapted"
    state_file = ck_dir / "train_state.pt"
    resume = args.resume and state_file.exists()
    model = BertForMaskedLM.from_pretrained(str(ck_dir if resume else out / "mlm"))
    tok = _load_tokenizer(ck_dir if resume else out / "mlm")
    texts, _ = read_labeled_csv(Path(args.data) / "korean_emotion" / "train.csv")
    device, precision = _run_device(args)
    model.to(device)
    scaler = _scaler(device, precision)
    opt = torch.optim.AdamW(model.parameters(), lr=args.adapt_lr, weight_decay=0.01)
    per_epoch = math.ceil(len(texts) / args.mlm_batch)
    total = per_epoch * args.adapt_epochs
    step = 0
    if resume:
        st = torch.load(state_file, map_location="cpu", weights_only=True)
        opt.load_state_dict(st["opt"])
        step = st["step"]
    gen = torch.Generator().manual_seed(args.seed + 1 + step)
    model.train()
    bar = tqdm(total=total, initial=step, desc="adapt", file=sys.stderr, mininterval=10, dynamic_ncols=True)
    loss_ema = None
    while step < total:
        epoch, i = divmod(step, per_epoch)
        order = np.random.default_rng(args.seed + 100 + epoch).permutation(len(texts))
        batch = [texts[j] for j in order[i * args.mlm_batch : (i + 1) * args.mlm_batch]]
        lr = args.adapt_lr * min(1.0, (step + 1) / (0.06 * total)) * max(0.0, (total - step) / total)
        loss = _mlm_step(model, tok, batch, gen, opt, lr, args.max_length, device, precision, scaler)
        step += 1
        loss_ema = loss.item() if loss_ema is None else 0.98 * loss_ema + 0.02 * loss.item()
        bar.update(1)
        bar.set_postfix(loss=f"{loss_ema:.3f}")
        if step % 200 == 0 or step == total:
            _save_mlm(model, tok, opt, step, 0, ck_dir)
    bar.close()
    print(json.dumps({"stage": "adapt", "steps": step, "epochs": args.adapt_epochs, "loss": round(loss_ema or 0, 4)}),
          file=sys.stderr)


def _save_mlm(model, tok, opt, step: int, seen: int, ck_dir: Path) -> None:
    ck_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(ck_dir))
    tok.save_pretrained(str(ck_dir))
    torch.save({"opt": opt.state_dict(), "step": step, "seen": seen}, ck_dir / "train_state.pt.tmp")
    os.replace(ck_dir / "train_state.pt.tmp", ck_dir / "train_state.pt")


def evaluate(model, tok, texts: list[str], labels: list[int], max_length: int, batch: int = 128) -> dict:
    """Classification report of a sequence classifier whose labels are in our class order."""
    model.eval()
    device = next(model.parameters()).device
    preds = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch):
            enc = {k: v.to(device) for k, v in encode_texts(tok, texts[i : i + batch], max_length).items()}
            preds.append(model(**enc).logits.argmax(1).cpu().numpy())
    return classification_report(np.array(labels), np.concatenate(preds))


def stage_finetune(args: argparse.Namespace, out: Path) -> None:
    """Fine-tune a 7-class head; keep the best epoch on val."""
    from transformers import AutoModelForSequenceClassification

    base = Path(args.base) if args.base else (out / "adapted" if (out / "adapted" / "train_state.pt").exists()
                                              else out / "mlm")
    tok = _load_tokenizer(base)
    ck = out / "finetune_last"
    best_dir = out / "best"
    resume = args.resume and (ck / "train_state.pt").exists()
    labels = {"id2label": dict(enumerate(EMOTIONS)), "label2id": {e: i for i, e in enumerate(EMOTIONS)}}
    src = ck if resume else base
    model = AutoModelForSequenceClassification.from_pretrained(str(src), num_labels=len(EMOTIONS),
                                                               ignore_mismatched_sizes=True, **labels)
    tr_x, tr_y = read_labeled_csv(Path(args.data) / "korean_emotion" / "train.csv")
    va_x, va_y = read_labeled_csv(Path(args.data) / "korean_emotion" / "val.csv")
    device, precision = _run_device(args)
    model.to(device)
    scaler = _scaler(device, precision)
    opt = torch.optim.AdamW(model.parameters(), lr=args.ft_lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(tr_x) / args.ft_batch)
    total = steps_per_epoch * args.epochs
    start_epoch, best = 0, -1.0
    if resume:
        st = torch.load(ck / "train_state.pt", map_location="cpu", weights_only=True)
        opt.load_state_dict(st["opt"])
        start_epoch, best = st["epoch"] + 1, st["best"]
    for epoch in range(start_epoch, args.epochs):
        model.train()
        order = np.random.default_rng(args.seed + epoch).permutation(len(tr_x))
        bar = tqdm(range(steps_per_epoch), desc=f"finetune {epoch + 1}/{args.epochs}", file=sys.stderr,
                   mininterval=10, dynamic_ncols=True)
        for i in bar:
            step = epoch * steps_per_epoch + i
            idx = order[i * args.ft_batch : (i + 1) * args.ft_batch]
            enc = {k: v.to(device) for k, v in encode_texts(tok, [tr_x[j] for j in idx], args.max_length).items()}
            y = torch.tensor([tr_y[j] for j in idx], device=device)
            lr = args.ft_lr * min(1.0, (step + 1) / (0.06 * total)) * max(0.0, (total - step) / total)
            for g in opt.param_groups:
                g["lr"] = lr
            with precision.autocast(device):
                loss = F.cross_entropy(model(**enc).logits.float(), y, label_smoothing=0.1)
            _optimise(loss, model, opt, scaler)
            bar.set_postfix(loss=f"{loss.item():.3f}")
        rep = evaluate(model, tok, va_x, va_y, args.max_length)
        print(json.dumps({"stage": "finetune", "epoch": epoch + 1, "val_acc": rep["accuracy"],
                          "val_recall": rep["per_class_recall"]}), file=sys.stderr, flush=True)
        with open(out / "finetune_history.jsonl", "a") as f:
            f.write(json.dumps({"epoch": epoch + 1, **rep}) + "\n")
        if rep["accuracy"] > best:
            best = rep["accuracy"]
            model.save_pretrained(str(best_dir))
            tok.save_pretrained(str(best_dir))
            # An n-gram head's mixing weight was chosen for the previous BERT: retrain it.
            (best_dir / NGRAM_FILE).unlink(missing_ok=True)
        model.save_pretrained(str(ck))
        torch.save({"opt": opt.state_dict(), "epoch": epoch, "best": best}, ck / "train_state.pt.tmp")
        os.replace(ck / "train_state.pt.tmp", ck / "train_state.pt")
    print(f"best val accuracy {best:.4f}; model in {best_dir}", file=sys.stderr)


def stage_ngram(args: argparse.Namespace, out: Path) -> None:
    """Train the n-gram head beside the fine-tuned BERT in out/best; choose epoch and mixing weight on val."""
    from core.text.model import TextEmotionModel
    from training.train_ngram import choose_bert_weight, train_ngram_head

    best_dir = out / "best"
    tr_x, tr_y = read_labeled_csv(Path(args.data) / "korean_emotion" / "train.csv")
    va_x, va_y = read_labeled_csv(Path(args.data) / "korean_emotion" / "val.csv")
    head, history = train_ngram_head(tr_x, tr_y, va_x, va_y, buckets=1 << args.ngram_bits, max_n=args.ngram_max_n,
                                     epochs=args.ngram_epochs, lr=args.ngram_lr, seed=args.seed,
                                     use_morphemes=args.ngram_morphemes)
    bert = TextEmotionModel(best_dir, use_ngram=False)
    bert_probs = np.concatenate([bert.predict(va_x[i : i + 128]) for i in range(0, len(va_x), 128)])
    head.bert_weight, scores = choose_bert_weight(bert_probs, head.logits(va_x), va_y)
    head.save(best_dir / NGRAM_FILE)
    print(json.dumps({"stage": "ngram", "val_acc_by_epoch": history, "val_acc_by_bert_weight": scores,
                      "bert_weight": head.bert_weight}), file=sys.stderr)


def export(best_dir: Path, target: Path) -> None:
    """Copy the best model and tokenizer (no training state) to `target`."""
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(best_dir, tmp, ignore=shutil.ignore_patterns("train_state.pt*"))
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m training.train_text", description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder holding korean_emotion/ and nsmc/")
    p.add_argument("--out", default="runs/text")
    p.add_argument("--stage", default="all", choices=["all", "tokenizer", "pretrain", "adapt", "finetune", "ngram"])
    p.add_argument("--base", help="fine-tune this local Hugging Face BERT folder (e.g. KoBERT) instead")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--device", default="auto", choices=TRAIN_DEVICES,
                   help="auto (CUDA when present), cpu or cuda; CUDA trains with bfloat16 autocast")
    p.add_argument("--vocab-size", type=int, default=12000)
    p.add_argument("--tokenizer-lines", type=int, default=300000)
    p.add_argument("--hidden", type=int, default=192)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--max-length", type=int, default=64)
    p.add_argument("--mlm-batch", type=int, default=128)
    p.add_argument("--mlm-lr", type=float, default=5e-4)
    p.add_argument("--pretrain-steps", type=int, default=20000)
    p.add_argument("--pretrain-minutes", type=float, default=0, help="stop pretraining after this long (0: no limit)")
    p.add_argument("--adapt-epochs", type=int, default=3, help="task-adaptive MLM epochs on train.csv (0: skip)")
    p.add_argument("--adapt-lr", type=float, default=2e-4)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--ft-batch", type=int, default=32)
    p.add_argument("--ft-lr", type=float, default=1e-4)
    p.add_argument("--ngram-epochs", type=int, default=4, help="n-gram head epochs (0: no head)")
    p.add_argument("--ngram-lr", type=float, default=0.05)
    p.add_argument("--ngram-bits", type=int, default=18, help="2**bits hash buckets")
    p.add_argument("--ngram-max-n", type=int, default=4, help="longest character n-gram")
    p.add_argument("--ngram-morphemes", action=argparse.BooleanOptionalAction, default=True,
                   help="add Kiwi morpheme features to the n-gram head")
    p.add_argument("--export", help="copy the best fine-tuned model here when done")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        training_device(args.device)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stages = ["tokenizer", "pretrain", "adapt", "finetune", "ngram"] if args.stage == "all" else [args.stage]
    if args.adapt_epochs <= 0:
        stages = [s for s in stages if s != "adapt"]
    if args.ngram_epochs <= 0:
        stages = [s for s in stages if s != "ngram"]
    if args.base:
        stages = [s for s in stages if s in ("finetune", "ngram")]
    for stage in stages:
        if stage == "tokenizer" and args.resume and (out / "tokenizer").exists():
            continue
        {"tokenizer": stage_tokenizer, "pretrain": stage_pretrain, "adapt": stage_adapt,
         "finetune": stage_finetune, "ngram": stage_ngram}[stage](args, out)
    if args.export:
        export(out / "best", Path(args.export))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
