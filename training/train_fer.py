"""Train the emotion CNN on FER2013: `python -m training.train_fer --data ../shared/data/fer2013`.

Seeded, class-weighted, augmented, one-cycle SGD; checkpoints every epoch and resumes with
`--resume`. The best epoch on PublicTest is kept as `best.pt`, in the shipped-weights format.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from core.classes import EMOTIONS, NUM_CLASSES
from core.vision.network.emotion_cnn import VARIANTS, create_model
from core.vision.network.weights import load_weights, save_weights
from training.accelerator import TRAIN_DEVICES, precision_for, training_device
from training.fer_data import Augmenter, load_npz, to_tensor
from training.metrics import classification_report


def class_weights(labels: np.ndarray, power: float) -> torch.Tensor:
    """Per-class loss weights (n_max / n_c) ** power, scaled to average 1 over the training samples."""
    counts = np.bincount(labels, minlength=NUM_CLASSES).astype(np.float64)
    w = (counts.max() / np.maximum(counts, 1)) ** power
    w /= (w * counts).sum() / counts.sum()
    return torch.tensor(w, dtype=torch.float32)


def lr_at(step: int, total: int, peak: float, warmup: int) -> float:
    """Linear warm-up to `peak`, then cosine decay to zero."""
    if step < warmup:
        return peak * (step + 1) / warmup
    t = (step - warmup) / max(1, total - warmup)
    return peak * 0.5 * (1.0 + math.cos(math.pi * t))


@torch.inference_mode()
def predict_logits(model: torch.nn.Module, x: torch.Tensor, device: torch.device, batch: int = 512) -> torch.Tensor:
    """Logits for a normalised tensor, in batches, in eval mode."""
    model.eval()
    outs = []
    for i in range(0, len(x), batch):
        xb = x[i : i + batch].to(device).contiguous(memory_format=torch.channels_last)
        outs.append(model(xb).float().cpu())
    return torch.cat(outs)


def teacher_targets(weights: list[str], images: np.ndarray, views: str, device: str,
                    cache: str | Path | None = None) -> torch.Tensor:
    """The teachers' mean probabilities [N, 7] for uint8 faces, each as it runs shipped (views averaged, then
    its logit bias if it has one). Each teacher's per-view outputs are cached in `cache` (computed once)."""
    from core.vision.classifier import EmotionClassifier
    from training.view_probs import cached_view_probs

    probs = []
    for w in weights:
        p = torch.from_numpy(cached_view_probs(w, images, views, cache, device=device)).mean(0)
        bias = EmotionClassifier(w, device="cpu", views="one").logit_bias
        if bias is not None:
            p = torch.softmax(p.clamp_min(1e-12).log() + bias, 1)
        probs.append(p)
    return torch.stack(probs).mean(0)


def distillation_loss(logits: torch.Tensor, targets: torch.Tensor, temperature: float) -> torch.Tensor:
    """Hinton's KL term between softened student and teacher, scaled by T² so its gradients keep their size."""
    soft = targets.clamp_min(1e-8).log() / temperature
    return F.kl_div(F.log_softmax(logits / temperature, 1), F.log_softmax(soft, 1), log_target=True,
                    reduction="batchmean") * temperature**2


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m training.train_fer", description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder with Training.npz and PublicTest.npz")
    p.add_argument("--out", default="runs/fer", help="run folder for checkpoints and logs")
    p.add_argument("--model", default="emonet_s", choices=sorted(VARIANTS))
    p.add_argument("--epochs", type=int, default=24)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.08, help="peak learning rate")
    p.add_argument("--wd", type=float, default=5e-4)
    p.add_argument("--warmup-epochs", type=float, default=1.5)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--class-weight-power", type=float, default=0.5, help="0 disables class weighting")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="auto", choices=TRAIN_DEVICES,
                   help="auto (CUDA when present), cpu or cuda; CUDA trains with bfloat16 autocast")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    p.add_argument("--init", help="start from these weights (a best.pt or the shipped model): a warm restart")
    p.add_argument("--limit", type=int, default=0, help="train on a random N images only (smoke runs)")
    p.add_argument("--teacher", nargs="+", help="distil from these weights (one or several): their test-time "
                   "views on the clean Training images, averaged over views and teachers, are soft targets")
    p.add_argument("--teacher-cache", help="folder caching each teacher's outputs on Training "
                   "(default: OUT/teacher_probs); a second run with the same teachers reads them back")
    p.add_argument("--teacher-views", default="ten", help="the teacher's test-time views (one, flip, ten)")
    p.add_argument("--kd-weight", type=float, default=0.5, help="share of the loss on the teacher's targets")
    p.add_argument("--temperature", type=float, default=2.0, help="softening of teacher and student for distillation")
    p.add_argument("--save-epochs", action="store_true",
                   help="also keep every epoch's weights as OUT/epoch_NN.pt (for training.average_weights)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    try:
        device = training_device(args.device)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    data = Path(args.data)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    tr_img, tr_lab = load_npz(data / "Training.npz")
    va_img, va_lab = load_npz(data / "PublicTest.npz")
    if args.limit:
        keep = np.random.default_rng(args.seed).permutation(len(tr_img))[: args.limit]
        tr_img, tr_lab = tr_img[keep], tr_lab[keep]
    x_tr, y_tr = to_tensor(tr_img), torch.from_numpy(tr_lab)
    soft_tr = None
    if args.teacher:
        t0 = time.time()
        soft_tr = teacher_targets(args.teacher, tr_img, args.teacher_views, args.device,
                                  args.teacher_cache or out / "teacher_probs")
        agree = float((soft_tr.argmax(1) == y_tr).float().mean())
        print(f"teachers {' '.join(args.teacher)} ({args.teacher_views} views): Training accuracy {agree:.4f}, "
              f"{time.time() - t0:.0f} s", file=sys.stderr)
    x_va = to_tensor(va_img)

    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    model = create_model(args.model)
    if args.init:
        init_model, meta = load_weights(args.init)
        if meta["model"] != args.model:
            raise SystemExit(f"error: --init {args.init} holds {meta['model']}, not --model {args.model}")
        model.load_state_dict(init_model.state_dict())
    model = model.to(device).to(memory_format=torch.channels_last)
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    opt = torch.optim.SGD(
        [{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr, momentum=0.9, nesterov=True,
    )
    weights = class_weights(tr_lab, args.class_weight_power).to(device)
    aug = Augmenter(generator=gen)
    steps_per_epoch = math.ceil(len(x_tr) / args.batch)
    total = steps_per_epoch * args.epochs
    warmup = int(args.warmup_epochs * steps_per_epoch)
    precision = precision_for(device)
    scaler = torch.amp.GradScaler(device.type, enabled=precision.scaler)

    start_epoch, best_acc, step = 0, -1.0, 0
    last = out / "last.pt"
    if args.resume and last.exists():
        ck = torch.load(last, map_location="cpu", weights_only=True)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        gen.set_state(ck["gen"])
        torch.set_rng_state(ck["torch_rng"])
        start_epoch, best_acc, step = ck["epoch"] + 1, ck["best_acc"], ck["step"]
        print(f"resumed from {last} at epoch {start_epoch}", file=sys.stderr)

    print(f"model={args.model} params={sum(p.numel() for p in model.parameters()):,} "
          f"device={device} train={len(x_tr)} val={len(x_va)} weights={weights.tolist()}", file=sys.stderr)
    for epoch in range(start_epoch, args.epochs):
        model.train()
        perm = torch.randperm(len(x_tr), generator=gen)
        t0, seen, loss_sum, correct = time.time(), 0, 0.0, 0
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{args.epochs}", file=sys.stderr,
                   dynamic_ncols=True, mininterval=5)
        for i in bar:
            idx = perm[i * args.batch : (i + 1) * args.batch]
            xb = aug(x_tr[idx]).to(device).contiguous(memory_format=torch.channels_last)
            yb = y_tr[idx].to(device)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total, args.lr, warmup)
            with precision.autocast(device):
                logits = model(xb)
                loss = F.cross_entropy(logits.float(), yb, weight=weights, label_smoothing=args.label_smoothing)
                if soft_tr is not None:
                    kd = distillation_loss(logits.float(), soft_tr[idx].to(device), args.temperature)
                    loss = (1 - args.kd_weight) * loss + args.kd_weight * kd
            opt.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            step += 1
            seen += len(idx)
            loss_sum += loss.item() * len(idx)
            correct += int((logits.argmax(1) == yb).sum())
            bar.set_postfix(loss=f"{loss_sum / seen:.3f}", acc=f"{correct / seen:.3f}", lr=f"{opt.param_groups[0]['lr']:.4f}")
        bar.close()
        pred = predict_logits(model, x_va, device).argmax(1).numpy()
        rep = classification_report(va_lab, pred)
        rec = {"epoch": epoch + 1, "train_loss": round(loss_sum / seen, 4), "train_acc": round(correct / seen, 4),
               "val_acc": rep["accuracy"], "val_recall": rep["per_class_recall"], "seconds": round(time.time() - t0, 1)}
        with open(out / "history.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")
        print(json.dumps(rec), file=sys.stderr, flush=True)
        if rep["accuracy"] > best_acc:
            best_acc = rep["accuracy"]
            save_weights(out / "best.pt", model, args.model,
                         {"val_accuracy": best_acc, "epoch": epoch + 1, "recipe": vars(args)})
        if args.save_epochs:
            save_weights(out / f"epoch_{epoch + 1:02d}.pt", model, args.model,
                         {"val_accuracy": rep["accuracy"], "epoch": epoch + 1, "recipe": vars(args)})
        tmp = out / "last.pt.tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "gen": gen.get_state(),
                    "torch_rng": torch.get_rng_state(), "epoch": epoch, "best_acc": best_acc, "step": step}, tmp)
        os.replace(tmp, last)
    print(f"best PublicTest accuracy {best_acc:.4f}; weights in {out / 'best.pt'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
