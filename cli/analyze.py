"""`analyze`: a video file in, a timeline CSV and its sidecar out; or a whole batch of them (headless, no Qt)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from cli.errors import RunError, UserError
from cli.stop_signal import stop_on_signals
from core.batch.inputs import is_search, timeline_name
from core.batch.jobs import AnalysisOptions
from core.batch.sidecar import COMPLETE, input_facts, now_iso, write_sidecar
from core.provenance import model_version
from core.recording.chat_log import ChatLogWriter, ChatMessage, read_chat_input
from core.recording.recorder import SessionRecorder
from core.records import FrameResult
from core.sources.frame_source import SourceError, VideoFileSource
from core.text.congruence import TextContext, similarity
from core.text.guard import MessageError, clean_message
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import DEVICES
from core.vision.detector import DetectorError


def views_of(args: argparse.Namespace) -> str | None:
    """The classifier's test-time views for these options (None: what the weights ship with)."""
    return "ten" if args.accurate else None


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
                   help="classify ten views of each face (shifted and mirrored) and average them: "
                   "about +0.6 points on FER2013 PublicTest for ten times the classifier's time (see README)")
    p.add_argument("--chat", metavar="FILE",
                   help="chat log (CSV with time_s,text rows): adds text emotion and congruence, writes OUT's .chat.csv")
    p.add_argument("--text-model", metavar="DIR", help="text model folder (default: the shipped model)")
    p.add_argument("--half-life", type=float, default=30.0, metavar="S",
                   help="how fast a message's emotion fades, in seconds (default 30)")
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
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"cannot write to: {path}")


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
    _check_common(args)
    if _is_batch(args):
        from cli.analyze_batch import run_batch_command

        return run_batch_command(args)
    args = argparse.Namespace(**{**vars(args), "input": args.input[0]})
    out = Path(args.csv) if args.csv else Path(timeline_name(args.input))
    check_output(out)
    chat = _read_chat(args) if args.chat else None
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
        scored, text_model = _score_chat(chat, args) if chat else (None, None)
        sidecar = _Sidecar(out, args, model_version(args.weights, text_model))
        try:
            recorder = SessionRecorder(out)
        except OSError as e:
            raise UserError(f"cannot write to {out}: {e.strerror}") from None
        chat_track = ChatTrack(scored, out.with_name(out.stem + ".chat.csv"), args.half_life) if scored else None
        sidecar.names = _name_track(args, participants)
        try:
            return _analyze(source, analyzer, recorder, args, chat_track, sidecar)
        finally:
            if chat_track is not None:
                chat_track.close()


def _read_chat(args: argparse.Namespace) -> list[tuple[float, str]]:
    try:
        messages = read_chat_input(args.chat)
    except ValueError as e:
        raise UserError(str(e)) from None
    cleaned = []
    for t, text in messages:
        try:
            cleaned.append((t, clean_message(text)))
        except MessageError as e:
            raise UserError(f"chat file {args.chat}: message at {t:g} s: {e}") from None
    if args.half_life < 0:
        raise UserError("--half-life must not be negative")
    return cleaned


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


def _score_chat(chat: list[tuple[float, str]], args: argparse.Namespace) -> tuple[list[tuple[float, str, object]], Path]:
    """The chat's messages with their probabilities, and the text model's folder."""
    from core.text.model import TextEmotionModel

    try:
        model = TextEmotionModel(args.text_model)
    except (FileNotFoundError, ValueError) as e:
        raise RunError(str(e)) from None
    probs = model.predict([text for _, text in chat])
    return [(t, text, p) for (t, text), p in zip(chat, probs)], model.model_dir


class _Sidecar:
    """The single-input run's OUT.json: the input as it was at the start, the models, the options."""

    def __init__(self, out: Path, args: argparse.Namespace, models: dict) -> None:
        self.out, self.models = out, models
        self.input = input_facts(args.input)
        self.options = AnalysisOptions(args.device, args.weights, args.every, args.smooth, args.full_every,
                                       views=views_of(args)).recorded()
        if args.chat:
            self.options.update(chat=str(args.chat), half_life=args.half_life)
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


class ChatTrack:
    """Replays a scored chat log along the video: current text vector per frame, chat.csv rows."""

    def __init__(self, scored: list, path: Path, half_life_s: float) -> None:
        self.pending = list(scored)
        self.context = TextContext(half_life_s)
        self.writer = ChatLogWriter(path)
        self.path = path

    def apply(self, result: FrameResult) -> FrameResult:
        """Activate messages due by this frame, log them against its largest face; attach the text vector."""
        while self.pending and self.pending[0][0] <= result.time_s:
            t, text, probs = self.pending.pop(0)
            self.context.set(t, probs)
            face = max(result.faces, key=lambda f: f.box[2] * f.box[3], default=None)
            face_probs = face.probs if face is not None else None
            sim = similarity(face_probs, probs) if face_probs is not None else None
            self.writer.write(ChatMessage(t, "", text, probs, face_probs, sim))
        return replace(result, text_probs=self.context.at(result.time_s))

    def close(self) -> None:
        """Messages after the video's end are still logged (without a face)."""
        for t, text, probs in self.pending:
            self.writer.write(ChatMessage(t, "", text, probs))
        self.pending = []
        self.writer.close()


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
    if chat is not None:
        print(f"chat: {chat.path}", file=sys.stderr)
    return 0
