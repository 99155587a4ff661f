"""Text model latency: milliseconds to score one chat message, by message length.

    python -m benchmarks.bench_text [--model DIR] [--repeats 50]

Uses the shipped model by default, on the CPU, one thread per message as in the app (the
chat's scoring thread). Messages are made-up Korean chat lines, not dataset sentences.
Prints a Markdown table; the load time includes Kiwi's (the n-gram head's morpheme analyser).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

MESSAGES = {
    "short": "오늘 너무 좋아요!",
    "medium": "선생님 설명을 들으니까 이제야 조금 이해가 되는 것 같아요. 감사합니다",
    "long": ("과제 마감이 내일인데 아직 절반도 못 했어요. 팀원들은 연락이 안 되고 자료도 부족해서 너무 답답하고 "
                         "걱정돼요. 그래도 오늘 밤까지 최대한 해 보려고 하는데, 혹시 마감을 조금만 늦춰 주실 수 있는지 "
                         "여쭤봐도 될까요? 정말 죄송합니다. 다음부터는 미리미리 준비하겠습니다. 오늘 수업은 정말 "
                         "재미있었어요."),
}


def main(argv: list[str] | None = None) -> int:
    """Time the model and print the table."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_text", description=__doc__.splitlines()[0])
    p.add_argument("--model", help="a local Hugging Face BERT folder (default: the shipped model)")
    p.add_argument("--repeats", type=int, default=50)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)

    import torch

    from core.text.model import TextEmotionModel

    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    model = TextEmotionModel(args.model).load()
    load_s = time.perf_counter() - t0
    model.predict(["준비"])  # warm-up
    print(f"model {args.model or 'assets/text_model'}, torch {torch.__version__}, {args.threads} threads, "
          f"loaded in {load_s:.1f} s\n")
    print("| message | median ms | 95th percentile ms | of which n-gram head, median ms |")
    print("|---|---|---|---|")
    for label, text in MESSAGES.items():
        times = _times(lambda: model.predict([text]), args.repeats)
        head = f"{statistics.median(_times(lambda: model.ngram.logits([text]), args.repeats)):.2f}" if model.ngram else "–"
        print(f"| {label} ({len(text)} characters) | {statistics.median(times):.1f} | "
              f"{times[int(0.95 * len(times))]:.1f} | {head} |")
    return 0


def _times(call, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - t))
    return sorted(times)


if __name__ == "__main__":
    sys.exit(main())
