"""One input analysed in this process: a timeline CSV, its sidecar and (with a chat) its chat log.

The stages, in order: names off the tiles (unless off), the chat on its authors' faces, a
count for progress, the recorder. Ctrl-C or SIGTERM only set `stop`; the rows so far are kept
under the final name and the sidecar says `interrupted`. A failure mid-run keeps the rows in
OUT.partial, writes a `failed` sidecar and raises RunFailed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from core.recording.sidecar import COMPLETE, input_facts, now_iso, write_sidecar
from core.conference.attribution import AttributionSummary
from core.provenance import model_version
from core.recording.recorder import SessionRecorder
from core.sources.frame_source import SourceError, VideoFileSource
from core.workflow.analysis import load_analyzer
from core.workflow.chat import ChatOptions, chat_track, load_text_model, read_chat, score_chat
from core.workflow.errors import BadInput, CannotWrite, RunFailed
from core.workflow.naming import name_track, open_reader, read_participants_list
from core.workflow.options import AnalysisOptions
from core.workflow.stages import Count, Record, Workflow

Warn = Callable[[str], None]
INTERRUPTED, FAILED = "interrupted", "failed"


class Watcher:
    """What a single run tells whoever started it (a progress bar); every method may be left as is."""

    def started(self, frames: int | None, name: str) -> None:
        """The source is open: frames to analyse (when known) and the input's name."""

    def frame(self) -> None:
        """One more frame analysed."""

    def ended(self) -> None:
        """The frame loop is over, however it ended."""


@dataclass(frozen=True)
class SingleRun:
    """What to analyse and where: the input, the timeline OUT, the options, the chat (if any)."""

    input: str
    out: Path
    options: AnalysisOptions
    chat: ChatOptions | None = None


@dataclass(frozen=True)
class Outcome:
    """How a single run ended: `complete` or `interrupted`, counts, seconds, the file written, the chat's summary."""

    status: str
    frames: int
    with_face: int
    seconds: float
    path: Path
    device: str
    chat: AttributionSummary | None = None
    chat_path: Path | None = None


class RunSidecar:
    """The single-input run's OUT.json: the input as it was at the start, the models, the options."""

    def __init__(self, run: SingleRun, models: dict, warn: Warn) -> None:
        self.out, self.models, self.warn = run.out, models, warn
        self.input = input_facts(run.input)
        self.options = run.options.recorded(run.chat.recorded() if run.chat else None)
        self.started_at = now_iso()
        self.names = None  # the run's NameTrack, whose names the sidecar keeps

    def write(self, status: str, frames: int, faces: int) -> None:
        """Write it with how the run ended (`complete`, `interrupted` or `failed`)."""
        try:
            write_sidecar(self.out, input=self.input, models=self.models, options=self.options, frames=frames,
                          faces=faces, started_at=self.started_at, status=status,
                          extra=self.names.meta() if self.names is not None else None)
        except OSError as e:
            self.warn(f"cannot write the sidecar of {self.out}: {e.strerror or e}")


def run_single(run: SingleRun, warn: Warn, watcher: Watcher | None = None,
               stop: threading.Event | None = None) -> Outcome:
    """Analyse one input to its timeline; BadInput/CannotWrite/RunFailed (one line) when it cannot."""
    watcher = watcher or Watcher()
    stop = stop or threading.Event()
    chat = read_chat(run.chat, run.chat.path, run.input) if run.chat else None
    run = replace(run, options=replace(run.options,
                                       participants=read_participants_list(run.options.participants_file)))
    try:
        source = VideoFileSource(run.input)
    except SourceError as e:
        raise BadInput(str(e)) from None
    with source:
        analyzer = load_analyzer(run.options, warn)
        scored, text_model = None, None
        if chat is not None:
            model = load_text_model(run.chat.text_model)
            scored, text_model = score_chat(chat, model), model.model_dir
            for warning in chat.warnings:
                warn(warning)
        sidecar = RunSidecar(run, model_version(run.options.weights, text_model), warn)
        try:
            recorder = SessionRecorder(run.out)
        except OSError as e:
            raise CannotWrite(run.out, e) from None
        chat_stage = chat_track(scored, run.out, run.chat.half_life) if scored else None
        sidecar.names = name_track(run.options, open_reader(run.options, warn))
        try:
            outcome = _analyze(run, source, analyzer, recorder, sidecar, chat_stage, watcher, stop)
        finally:
            summary = chat_stage.close() if chat_stage is not None else None
        return replace(outcome, chat=summary)


def _analyze(run: SingleRun, source: VideoFileSource, analyzer, recorder: SessionRecorder, sidecar: RunSidecar,
             chat_stage, watcher: Watcher, stop: threading.Event) -> Outcome:
    every = run.options.every
    watcher.started((source.frame_count + every - 1) // every if source.frame_count else None, Path(run.input).name)
    count = Count(watcher.frame)
    # names before the chat, whose authors are matched to the faces' names
    stages = [s for s in (sidecar.names, chat_stage) if s is not None] + [Record(recorder), count]
    workflow = Workflow(analyzer, stages, keep_image=sidecar.names is not None)
    t0 = time.perf_counter()
    try:
        workflow.run(source, every=every, stop=stop)
    except KeyboardInterrupt:
        stop.set()
    except Exception as e:
        watcher.ended()
        path = recorder.close(complete=False)
        sidecar.write(FAILED, count.frames, count.with_face)
        raise RunFailed(f"analysis failed at frame {count.frames}: {e} (rows so far kept in {path})") from None
    watcher.ended()
    path = recorder.close(complete=True)
    status = INTERRUPTED if stop.is_set() else COMPLETE
    sidecar.write(status, count.frames, count.with_face)
    return Outcome(status, count.frames, count.with_face, time.perf_counter() - t0, path,
                   analyzer.classifier.device.type, chat_path=chat_stage.path if chat_stage is not None else None)
