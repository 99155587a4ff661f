"""`analyze`: a video file in, a timeline CSV and its sidecar out; or a whole batch of them (headless, no Qt)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cli.write_errors import cannot_write, why_not_writable
from cli.errors import RunError, UserError
from cli.stop_signal import stop_on_signals
from core.batch.inputs import is_search, timeline_name
from core.batch.jobs import AnalysisOptions
from core.batch.sidecar import COMPLETE, input_facts, now_iso, write_sidecar
from core.provenance import model_version
from core.conference.attribution import ChatAttribution, ScoredMessage
from core.conference.chat_formats import ChatFormatError
from core.conference.chat_input import ChatInput, chat_start_seconds, read_chat_file, score_messages
from core.recording.recorder import SessionRecorder
from core.records import FrameResult
from core.sources.frame_source import SourceError, VideoFileSource
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import DEVICES
from core.vision.ensemble import accurate_choice
from core.vision.detector import DetectorError


def views_of(args: argparse.Namespace) -> str | None:
    """The classifier's test-time views for these options (None: what the weights ship with)."""
    return accurate_choice(args.weights)[1] if args.accurate else None


def with_accurate_model(args: argparse.Namespace) -> argparse.Namespace:
    """`--accurate` without `--weights` runs the shipped ensemble: name its file as the weights (it ships
    with its own views, so `accurate` is then spent: `views_of` gives None)."""
    if not args.accurate or args.weights:
        return args
    return argparse.Namespace(**{**vars(args), "weights": accurate_choice(None)[0], "accurate": False})


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
                   "to each face's rows (off by default; see README, Attention)")
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
                   "default: the fastest here, see README)")
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


def check_output(path: Path) -> None:
    """UserError unless a timeline can be written at `path` (a file in an existing, writable folder)."""
    if path.exists() and path.is_dir():
        raise UserError(f"output is a folder, not a file: {path}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"output folder does not exist: {parent}")
    why = why_not_writable(path)
    if why:
        raise UserError(cannot_write(path, why))


def _check_common(args: argparse.Namespace) -> None:
    if args.device not in DEVICES:
        raise UserError(f"unknown device {args.device!r}: choose one of {', '.join(DEVICES)}")
    if args.every < 1:
        raise UserError("--every must be 1 or more")
    if args.full_every < 1:
        raise UserError("--full-every must be 1 or more")
    if args.smooth < 0:
        raise UserError("--smooth must not be negative")
    if args.weights and not Path(args.weights).is_file():
        raise UserError(f"no such weights file: {args.weights}")


def run(args: argparse.Namespace) -> int:
    """Validate everything, then analyse one input or a batch; returns the process exit status."""
    args = with_accurate_model(args)
    _check_common(args)
    if _is_batch(args):
        from cli.analyze_batch import run_batch_command

        return run_batch_command(args)
    args = argparse.Namespace(**{**vars(args), "input": args.input[0]})
    out = Path(args.csv) if args.csv else Path(timeline_name(args.input))
    check_output(out)
    chat = _read_chat(args, args.chat, args.input) if args.chat else None
    participants = _read_participants(args)
    try:
        source = VideoFileSource(args.input)
    except SourceError as e:
        raise UserError(str(e)) from None
    with source:
        try:
            analyzer = FrameAnalyzer.create(args.device, args.weights, args.smooth, args.full_every,
                                            views=views_of(args))
        except (DetectorError, FileNotFoundError, ValueError) as e:
            raise RunError(str(e)) from None
        if analyzer.classifier.warning:
            print(f"warning: {analyzer.classifier.warning}", file=sys.stderr)
        if args.attention:
            from core.attention.reader import load_reader

            analyzer.attention, warning = load_reader()
            if warning:
                print(f"warning: {warning}", file=sys.stderr)
        scored, text_model = _score_chat(chat, args) if chat else (None, None)
        if chat is not None:
            for warning in chat.warnings:
                print(f"warning: {warning}", file=sys.stderr)
        sidecar = _Sidecar(out, args, model_version(args.weights, text_model))
        try:
            recorder = SessionRecorder(out)
        except OSError as e:
            raise UserError(cannot_write(out, e)) from None
        chat_track = ChatTrack(scored, out.with_name(out.stem + ".chat.csv"), args.half_life) if scored else None
        sidecar.names = _name_track(args, participants)
        try:
            rc = _analyze(source, analyzer, recorder, args, chat_track, sidecar)
        finally:
            summary = chat_track.close() if chat_track is not None else None
        if summary is not None:
            print(f"chat: {summary.line()}; wrote {chat_track.path}", file=sys.stderr)
        return rc


def _read_chat(args: argparse.Namespace, path: str | Path, video: str | Path) -> ChatInput:
    """One chat file on the recording's clock (UserError, one line, when it cannot be used)."""
    if args.half_life < 0:
        raise UserError("--half-life must not be negative")
    try:
        start = chat_start_seconds(args.chat_start) if getattr(args, "chat_start", None) else None
        return read_chat_file(path, start, near=(video,))
    except (ChatFormatError, ValueError) as e:
        raise UserError(str(e)) from None


def _read_participants(args: argparse.Namespace) -> list[str]:
    if not getattr(args, "participants", None):
        return []
    from core.conference.participants import ParticipantsError, read_participants

    try:
        return read_participants(args.participants)
    except ParticipantsError as e:
        raise UserError(str(e)) from None


def _name_track(args: argparse.Namespace, participants: list[str]) -> object | None:
    """Reading names off the tiles, unless --no-names; OCR that cannot start is one warning line."""
    if getattr(args, "no_names", False):
        return None
    from core.conference.name_track import NameTrack
    from core.conference.ocr import create_reader

    reader, why = create_reader()
    if reader is None:
        print(f"warning: {why}", file=sys.stderr)
        return None
    return NameTrack(reader, participants)


def _score_chat(chat: ChatInput, args: argparse.Namespace) -> tuple[list[ScoredMessage], Path]:
    """The chat's messages with their probabilities, and the text model's folder."""
    from core.text.model import TextEmotionModel

    try:
        model = TextEmotionModel(args.text_model)
    except (FileNotFoundError, ValueError) as e:
        raise RunError(str(e)) from None
    return score_messages(chat, model.predict), model.model_dir


class _Sidecar:
    """The single-input run's OUT.json: the input as it was at the start, the models, the options."""

    def __init__(self, out: Path, args: argparse.Namespace, models: dict) -> None:
        self.out, self.models = out, models
        self.input = input_facts(args.input)
        self.options = AnalysisOptions(args.device, args.weights, args.every, args.smooth, args.full_every,
                                       views=views_of(args), attention=args.attention).recorded()
        if args.chat:
            self.options.update(chat=str(args.chat), half_life=args.half_life)
            if getattr(args, "chat_start", None):
                self.options.update(chat_start=args.chat_start)
        if getattr(args, "participants", None):
            self.options.update(participants=str(args.participants))
        if getattr(args, "no_names", False):
            self.options.update(names=False)
        self.started_at = now_iso()
        self.names = None  # the run's NameTrack, whose names the sidecar keeps

    def write(self, status: str, frames: int, faces: int) -> None:
        """Write it with how the run ended (`complete`, `interrupted` or `failed`)."""
        try:
            write_sidecar(self.out, input=self.input, models=self.models, options=self.options, frames=frames,
                          faces=faces, started_at=self.started_at, status=status,
                          extra=self.names.meta() if self.names is not None else None)
        except OSError as e:
            print(f"warning: cannot write the sidecar of {self.out}: {e.strerror or e}", file=sys.stderr)


class ChatTrack(ChatAttribution):
    """Replays a scored chat along the video, each message on its author's face (see core/conference/attribution.py)."""


def _analyze(source: VideoFileSource, analyzer: FrameAnalyzer, recorder: SessionRecorder,
             args: argparse.Namespace, chat: ChatTrack | None = None, sidecar: _Sidecar | None = None) -> int:
    from tqdm import tqdm

    total = (source.frame_count + args.every - 1) // args.every if source.frame_count else None
    bar = tqdm(total=total, unit="frame", file=sys.stderr, disable=args.quiet, dynamic_ncols=True,
               desc=Path(args.input).name, mininterval=0.5)
    stats = {"frames": 0, "with_face": 0}
    names = sidecar.names if sidecar is not None else None

    def on_result(result: FrameResult) -> None:
        if names is not None:  # before the chat, whose authors are matched to the faces' names
            result = names.apply(result)
        if chat is not None:
            result = chat.apply(result)
        recorder.write_frame(result)
        stats["frames"] += 1
        stats["with_face"] += bool(result.faces)
        bar.update(1)

    from core.live.pipeline import run_pipeline

    t0 = time.perf_counter()
    try:
        with stop_on_signals() as stop:  # Ctrl-C and SIGTERM only set a flag the frame loop checks
            run_pipeline(source, analyzer, on_result, every=args.every, stop=stop, keep_image=names is not None)
            if stop.is_set():
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        bar.close()
        path = recorder.close(complete=True)
        if sidecar is not None:
            sidecar.write("interrupted", stats["frames"], stats["with_face"])
        print(f"interrupted: {stats['frames']} frames analysed so far are in {path}", file=sys.stderr)
        return 130
    except Exception as e:
        bar.close()
        path = recorder.close(complete=False)
        if sidecar is not None:
            sidecar.write("failed", stats["frames"], stats["with_face"])
        raise RunError(f"analysis failed at frame {stats['frames']}: {e} (rows so far kept in {path})") from None
    bar.close()
    path = recorder.close(complete=True)
    if sidecar is not None:
        sidecar.write(COMPLETE, stats["frames"], stats["with_face"])
    dt = time.perf_counter() - t0
    print(f"analysed {stats['frames']} frames ({stats['with_face']} with a face) in {dt:.1f} s "
          f"({stats['frames'] / max(dt, 1e-9):.1f} frames/s) on {analyzer.classifier.device.type}; wrote {path}",
          file=sys.stderr)
    return 0
