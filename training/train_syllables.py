"""Train the syllable network on squares from `training.syllable_data` (on 2 CPU threads, ~4 min an epoch of 400k squares).

`python -m training.syllable_data --lines 40000 --seed 1 --out /work/syl/part0.npz` (and seed 2 ...), then
`python -m training.train_syllables /work/syl/part*.npz --epochs 8 --out assets/syllable_cnn.pt`

Held back: the last 5% of the squares (same fonts: a check of fitting, not of new fonts; the
benchmarks' held-out fonts and the Meet style measure that, `benchmarks/bench_labels.py`).
Augmented on the fly: shifts of up to 2 px, contrast and gamma, a little noise.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from torch import nn

from core.names.syllable_net import create_syllable_net, save_syllable_net


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Shift, contrast, gamma and noise for a batch of squares in 0..1 (N x 1 x 32 x 32)."""
    n = x.shape[0]
    pad = nn.functional.pad(x, (2, 2, 2, 2), mode="replicate")
    dx = torch.randint(0, 5, (n,), generator=gen)
    dy = torch.randint(0, 5, (n,), generator=gen)
    idx = torch.arange(32)
    rows = (dy[:, None] + idx[None, :])[:, None, :, None].expand(n, 1, 32, 36)
    out = torch.gather(pad, 2, rows)
    cols = (dx[:, None] + idx[None, :])[:, None, None, :].expand(n, 1, 32, 32)
    out = torch.gather(out, 3, cols)
    gamma = torch.exp(torch.randn(n, 1, 1, 1, generator=gen) * 0.25)
    out = out.clamp(0, 1) ** gamma
    lo = torch.rand(n, 1, 1, 1, generator=gen) * 0.3
    hi = 1 - torch.rand(n, 1, 1, 1, generator=gen) * 0.3
    out = lo + (hi - lo) * out + torch.randn(out.shape, generator=gen) * 0.03
    return out.clamp(0, 1)


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, list[float]]:
    """(syllable accuracy, per-jamo accuracies)."""
    model.eval()
    right = torch.zeros(3, len(x), dtype=torch.bool)
    with torch.inference_mode():
        for i in range(0, len(x), 1024):
            heads = model(x[i : i + 1024])
            for j, h in enumerate(heads):
                right[j, i : i + 1024] = h.argmax(1) == y[i : i + 1024, j]
    return float(right.all(0).float().mean()), [float(r.float().mean()) for r in right]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.train_syllables", description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="+")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    parts = [np.load(f) for f in args.data]
    x = torch.from_numpy(np.concatenate([d["x"] for d in parts])).float().div_(255).unsqueeze(1)
    y = torch.from_numpy(np.concatenate([d["y"] for d in parts]).astype(np.int64))
    n_val = max(1, len(x) // 20)
    xv, yv, xt, yt = x[-n_val:], y[-n_val:], x[:-n_val], y[:-n_val]
    model = create_syllable_net()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * (len(xt) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.15)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    gen = torch.Generator().manual_seed(args.seed)
    print(f"{len(xt)} training squares, {n_val} held back", flush=True)
    best = -1.0
    for epoch in range(args.epochs):
        model.train()
        t0, total = time.perf_counter(), 0.0
        order = torch.randperm(len(xt), generator=gen)
        for i in range(len(xt) // args.batch):
            b = order[i * args.batch : (i + 1) * args.batch]
            heads = model(augment(xt[b], gen))
            loss = sum(loss_fn(h, yt[b, j]) for j, h in enumerate(heads))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach())
        acc, per = evaluate(model, xv, yv)
        print(f"epoch {epoch + 1}: loss {total / (len(xt) // args.batch):.3f}, held back: syllables {acc:.4f}, "
              f"jamo {per[0]:.4f} {per[1]:.4f} {per[2]:.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if acc > best:
            best = acc
            save_syllable_net(args.out, model, {"epoch": epoch + 1, "held_back_syllables": acc, "jamo": per,
                                                "squares": len(xt), "data": list(args.data)})
    print(f"best held-back syllable accuracy {best:.4f} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
