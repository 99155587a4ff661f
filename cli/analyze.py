"""`analyze`: a video file in, a timeline CSV and its sidecar out; or a whole batch of them (headless, no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.analyze_options import chat_options, check_common, check_output, options_of, with_accurate_model
from cli.errors import mapping_core_errors
from cli.stop_signal import stop_on_signals
from core.batch.inputs import is_search, timeline_name
from core.workflow.single import COMPLETE, SingleRun, Watcher, run_single


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the options of `analyze`."""
    p.add_argument("input", metavar="INPUT", nargs="+",
                   help="video or image files, folders (searched recursively) or globs to analyse")
    p.add_argument("--csv", metavar="OUT", help="timeline CSV to write for a single INPUT "
                   "(default: INPUT's name + .emotions.csv, here); OUT.json beside it says what made it")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu or cuda")
    p.add_argument("--every", type=int, default=1, metavar="N", help="analyse every N-th frame only (quick looks)")
    p.add_argument("--weights", metavar="PATH", help="emotion model weights (default: the shipped model)")
    p.add_argument("--smooth", type=float, default=0.0, metavar="S",
                   help="smooth each face's probabilities with this half-life in seconds (default: off)")
    p.add_argument("--full-every", type=int, default=10, metavar="K",
                   help="full-frame face detection every K frames, region re-detection between (1: every frame)")
    p.add_argument("--accurate", action="store_true",
                   help="classify each face with the shipped ensemble of networks (assets/emotion_ensemble.md): more "
                   "accurate, many times slower (docs/training.md); with --weights, ten views of those weights")
    p.add_argument("--chat", metavar="FILE",
                   help="the class's chat or transcript (Zoom chat.txt or saved chat, WebVTT, or a CSV with "
                   "time_s,text[,author_name]); each message is compared with its author's face; writes OUT's "
                   ".chat.csv. In a batch, a pattern per input: {dir} (the input's folder), {stem}, {name}")
    p.add_argument("--chat-start", metavar="HH:MM:SS",
                   help="the clock time the recording started, for chat files with clock times (Zoom's saved chat)")
    p.add_argument("--text-model", metavar="DIR", help="text model folder (default: the shipped model)")
    p.add_argument("--half-life", type=float, default=30.0, metavar="S",
                   help="how fast a message's emotion fades, in seconds (default 30)")
    p.add_argument("--attention", action="store_true",
                   help="add head pose (yaw, pitch, roll), eye openness, eyes closed, looking away and yawning "
                   "to each face's rows (off by default; see docs/guide_en.md, Attention)")
    p.add_argument("--participants", metavar="FILE",
                   help="the class's participants: Zoom's participants report (CSV) or one name a line (UTF-8); "
                   "names read from the tiles are matched to it")
    p.add_argument("--no-names", action="store_true",
                   help="do not read participants' names from the gallery tiles' labels")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    b = p.add_argument_group("batch (several inputs, a folder or a glob)")
    b.add_argument("--out", metavar="DIR", help="folder for one timeline and sidecar per input (mirroring "
                   "their paths) and summary.csv; re-running skips inputs already done")
    b.add_argument("--force", action="store_true", help="redo inputs that are already done")
    b.add_argument("--jobs", type=int, metavar="N", help="worker processes (0: in this process; "
                   "default: the fastest here, see docs/guide_en.md, Analysing recordings)")
    b.add_argument("--ray", nargs="?", const="", metavar="ADDRESS",
                   help="run on a Ray cluster at ADDRESS ('auto': the one this machine belongs to), "
                   "or without ADDRESS on a local Ray (pip install -r requirements-ray.txt)")
    b.add_argument("--ray-cpus", type=float, default=1.0, metavar="C", help="CPUs per Ray actor (default 1)")
    b.add_argument("--ray-gpus", type=float, default=0.0, metavar="G", help="GPUs per Ray actor (default 0)")
    b.add_argument("--split-minutes", type=float, metavar="M",
                   help="analyse M-minute chunks of each video in parallel (face ids restart at chunk boundaries)")


_BATCH_ONLY = ("out", "jobs", "ray", "split_minutes")


def _is_batch(args: argparse.Namespace) -> bool:
    """Whether to run the batch machinery: several inputs, a folder, a glob, or a batch-only option."""
    if len(args.input) > 1 or args.force or any(getattr(args, name) is not None for name in _BATCH_ONLY):
        return True
    return is_search(args.input[0])


class _Bar(Watcher):
    """The run's progress bar on stderr."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.bar = quiet, None

    def started(self, frames: int | None, name: str) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=frames, unit="frame", file=sys.stderr, disable=self.quiet, dynamic_ncols=True,
                        desc=name, mininterval=0.5)

    def frame(self) -> None:
        self.bar.update(1)

    def ended(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _warn(text: str) -> None:
    print(f"warning: {text}", file=sys.stderr)


class _ChatBar:
    """Progress of scoring a long chat (more than one batch), on stderr."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.bar = quiet, None

    def __call__(self, done: int, total: int) -> None:
        from core.text.model import SCORE_BATCH

        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="message", file=sys.stderr, desc="scoring chat", mininterval=0.5,
                            disable=self.quiet or total <= SCORE_BATCH, dynamic_ncols=True, leave=False)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


@mapping_core_errors
def run(args: argparse.Namespace) -> int:
    """Validate everything, then analyse one input or a batch; returns the process exit status."""
    args = with_accurate_model(args)
    check_common(args)
    if _is_batch(args):
        from cli.analyze_batch import run_batch_command

        return run_batch_command(args)
    out = Path(args.csv) if args.csv else Path(timeline_name(args.input[0]))
    check_output(out)
    single = SingleRun(args.input[0], out, options_of(args), chat_options(args) if args.chat else None)
    with stop_on_signals() as stop:  # Ctrl-C and SIGTERM only set a flag the frame loop checks
        outcome = run_single(single, _warn, _Bar(args.quiet), stop, _ChatBar(args.quiet))
    if outcome.status == COMPLETE:
        print(f"analysed {outcome.frames} frames ({outcome.with_face} with a face) in {outcome.seconds:.1f} s "
              f"({outcome.frames / max(outcome.seconds, 1e-9):.1f} frames/s) on {outcome.device}; "
              f"wrote {outcome.path}", file=sys.stderr)
    else:
        kept = f"; {outcome.kept} (the earlier complete result) is as it was" if outcome.kept else ""
        print(f"interrupted: {outcome.frames} frames analysed so far are in {outcome.path}{kept}", file=sys.stderr)
    if outcome.chat is not None and outcome.chat_path is not None:
        print(f"chat: {outcome.chat.line()}; wrote {outcome.chat_path}", file=sys.stderr)
    return 0 if outcome.status == COMPLETE else 130
