"""`analyze`: a video file in, a timeline CSV out, with a progress bar (headless, no Qt)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from cli.errors import RunError, UserError
from core.recording.chat_log import ChatLogWriter, ChatMessage, read_chat_input
from core.recording.recorder import SessionRecorder
from core.records import FrameResult
from core.sources.frame_source import SourceError, VideoFileSource
from core.text.congruence import TextContext, similarity
from core.text.guard import MessageError, clean_message
from core.vision.analyzer import FrameAnalyzer
from core.vision.classifier import DEVICES
from core.vision.detector import DetectorError


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the options of `analyze`."""
    p.add_argument("input", metavar="INPUT", help="video file to analyse")
    p.add_argument("--csv", metavar="OUT", help="timeline CSV to write (default: INPUT's name + .emotions.csv, here)")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu or cuda")
    p.add_argument("--every", type=int, default=1, metavar="N", help="analyse every N-th frame only (quick looks)")
    p.add_argument("--weights", metavar="PATH", help="emotion model weights (default: the shipped model)")
    p.add_argument("--smooth", type=float, default=0.0, metavar="S",
                   help="smooth each face's probabilities with this half-life in seconds (default: off)")
    p.add_argument("--full-every", type=int, default=10, metavar="K",
                   help="full-frame face detection every K frames, region re-detection between (1: every frame)")
    p.add_argument("--chat", metavar="FILE",
                   help="chat log (CSV with time_s,text rows): adds text emotion and congruence, writes OUT's .chat.csv")
    p.add_argument("--text-model", metavar="DIR", help="text model folder (default: the shipped model)")
    p.add_argument("--half-life", type=float, default=30.0, metavar="S",
                   help="how fast a message's emotion fades, in seconds (default 30)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _check_output(path: Path) -> None:
    if path.exists() and path.is_dir():
        raise UserError(f"output is a folder, not a file: {path}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"output folder does not exist: {parent}")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"cannot write to: {path}")


def run(args: argparse.Namespace) -> int:
    """Validate everything, then analyse; returns the process exit status."""
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
    out = Path(args.csv) if args.csv else Path(Path(args.input).stem + ".emotions.csv")
    _check_output(out)
    chat = _read_chat(args) if args.chat else None
    try:
        source = VideoFileSource(args.input)
    except SourceError as e:
        raise UserError(str(e)) from None
    with source:
        try:
            analyzer = FrameAnalyzer.create(args.device, args.weights, args.smooth, args.full_every)
        except (DetectorError, FileNotFoundError, ValueError) as e:
            raise RunError(str(e)) from None
        if analyzer.classifier.warning:
            print(f"warning: {analyzer.classifier.warning}", file=sys.stderr)
        scored = _score_chat(chat, args) if chat else None
        try:
            recorder = SessionRecorder(out)
        except OSError as e:
            raise UserError(f"cannot write to {out}: {e.strerror}") from None
        chat_track = ChatTrack(scored, out.with_name(out.stem + ".chat.csv"), args.half_life) if scored else None
        try:
            return _analyze(source, analyzer, recorder, args, chat_track)
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


def _score_chat(chat: list[tuple[float, str]], args: argparse.Namespace) -> list[tuple[float, str, object]]:
    from core.text.model import TextEmotionModel

    try:
        model = TextEmotionModel(args.text_model)
    except (FileNotFoundError, ValueError) as e:
        raise RunError(str(e)) from None
    probs = model.predict([text for _, text in chat])
    return [(t, text, p) for (t, text), p in zip(chat, probs)]


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
             args: argparse.Namespace, chat: ChatTrack | None = None) -> int:
    from tqdm import tqdm

    total = (source.frame_count + args.every - 1) // args.every if source.frame_count else None
    bar = tqdm(total=total, unit="frame", file=sys.stderr, disable=args.quiet, dynamic_ncols=True,
               desc=Path(args.input).name, mininterval=0.5)
    stats = {"frames": 0, "with_face": 0}

    def on_result(result: FrameResult) -> None:
        if chat is not None:
            result = chat.apply(result)
        recorder.write_frame(result)
        stats["frames"] += 1
        stats["with_face"] += bool(result.faces)
        bar.update(1)

    from core.live.pipeline import run_pipeline

    # Ctrl-C and SIGTERM only set a flag that the frame loop checks: an exception raised at an
    # arbitrary point could land in a finalizer, where Python swallows it, and the run would go
    # on to the end. A second signal interrupts at once.
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    t0 = time.perf_counter()
    try:
        run_pipeline(source, analyzer, on_result, every=args.every, stop=stop)
        if stop.is_set():
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        bar.close()
        path = recorder.close(complete=True)
        print(f"interrupted: {stats['frames']} frames analysed so far are in {path}", file=sys.stderr)
        return 130
    except Exception as e:
        bar.close()
        path = recorder.close(complete=False)
        raise RunError(f"analysis failed at frame {stats['frames']}: {e} (rows so far kept in {path})") from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    bar.close()
    path = recorder.close(complete=True)
    dt = time.perf_counter() - t0
    print(f"analysed {stats['frames']} frames ({stats['with_face']} with a face) in {dt:.1f} s "
          f"({stats['frames'] / max(dt, 1e-9):.1f} frames/s) on {analyzer.classifier.device.type}; wrote {path}",
          file=sys.stderr)
    if chat is not None:
        print(f"chat: {chat.path}", file=sys.stderr)
    return 0
