"""One input analysed in this process: a timeline CSV, its sidecar and (with a chat) its chat log.

The stages, in order: names off the tiles (unless off), the chat on its authors' faces, a
count for progress, the recorder. Ctrl-C or SIGTERM only set `stop`; on a first run the rows so
far are kept under the final name and the sidecar says `interrupted`; a re-run over a complete
OUT leaves OUT, its sidecar and chat log exactly as they were and keeps the new rows in
OUT.partial (said before any work). A failure mid-run keeps the rows in OUT.partial (a
`failed` sidecar on a first run) and raises RunFailed; a disk that refuses a write (full,
folder removed, read-only) raises CannotWrite naming OUT and where the whole rows are.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from core.chat.attribution import AttributionSummary
from core.provenance import model_version
from core.recording.atomic_file import OutputError
from core.recording.recorder import SessionRecorder
from core.recording.sidecar import (
    COMPLETE,
    input_facts,
    now_iso,
    short_note,
    short_video,
    sidecar_path,
    write_sidecar,
)
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
    kept: Path | None = None  # the earlier complete OUT a stopped re-run left as it was


class RunSidecar:
    """The single-input run's OUT.json: the input as it was at the start, the models, the options."""

    def __init__(self, run: SingleRun, models: dict, warn: Warn) -> None:
        self.out, self.models, self.warn = run.out, models, warn
        self.input = input_facts(run.input)
        self.options = run.options.recorded(run.chat.recorded() if run.chat else None)
        self.started_at = now_iso()
        self.names = None  # the run's NameTrack, whose names the sidecar keeps
        self.extra: dict = {}  # facts found during the run (a video shorter than it declares)

    def write(self, status: str, frames: int, faces: int) -> None:
        """Write it with how the run ended (`complete`, `interrupted` or `failed`).

        A complete run whose sidecar cannot be written is CannotWrite (a re-run would not know it
        done); after a run that stopped early, a warning.
        """
        try:
            write_sidecar(self.out, input=self.input, models=self.models, options=self.options, frames=frames,
                          faces=faces, started_at=self.started_at, status=status,
                          extra={**(self.names.meta() if self.names is not None else {}), **self.extra} or None)
        except OSError as e:
            if status == COMPLETE:
                raise CannotWrite(sidecar_path(self.out), e, f" ({self.out} itself is complete)") from None
            self.warn(f"cannot write the sidecar of {self.out}: {e.strerror or e}")


def run_single(run: SingleRun, warn: Warn, watcher: Watcher | None = None,
               stop: threading.Event | None = None,
               chat_progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Analyse one input to its timeline; BadInput/CannotWrite/RunFailed (one line) when it cannot."""
    watcher = watcher or Watcher()
    stop = stop or threading.Event()
    chat = read_chat(run.chat, run.chat.path, run.input) if run.chat else None
    run = replace(run, options=replace(run.options,
                                       participants=read_participants_list(run.options.participants_file, warn)))
    try:
        source = VideoFileSource(run.input)
    except SourceError as e:
        raise BadInput(str(e)) from None
    with source:
        analyzer = load_analyzer(run.options, warn)
        scored, text_model = None, None
        if chat is not None:
            model = load_text_model(run.chat.text_model)
            scored, text_model = score_chat(chat, model, chat_progress), model.model_dir
            for warning in chat.warnings:
                warn(warning)
        sidecar = RunSidecar(run, model_version(run.options.weights, text_model), warn)
        try:
            recorder = SessionRecorder(run.out)
            chat_stage = chat_track(scored, run.out, run.chat.half_life) if scored else None
        except OSError as e:
            raise CannotWrite(run.out, e) from None
        if recorder.replaces:
            warn(f"{run.out} exists: it is replaced only when this run completes (stopped early, it stays as it "
                 f"is and the new rows are in {recorder.partial})")
        sidecar.names = name_track(run.options, open_reader(run.options, warn))
        if sidecar.names is not None and scored:  # the chat's authors spell names the tiles show
            sidecar.names.namer.set_hints(m.author_name for m in scored if m.author_name)
        try:
            outcome = _analyze(run, source, analyzer, recorder, sidecar, chat_stage, watcher, stop, warn)
        finally:
            summary = None
            if chat_stage is not None:  # the chat log is named with its timeline, or stays .partial beside it
                try:
                    summary = chat_stage.close(complete=recorder.committed)
                except OutputError as e:
                    raise CannotWrite(chat_stage.path, e) from None
        return replace(outcome, chat=summary, chat_path=outcome.chat_path if recorder.committed else None)


def _analyze(run: SingleRun, source: VideoFileSource, analyzer, recorder: SessionRecorder, sidecar: RunSidecar,
             chat_stage, watcher: Watcher, stop: threading.Event, warn: Warn) -> Outcome:
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
    except OutputError as e:  # a full disk, a removed or read-only folder: OUT named, whole rows kept
        watcher.ended()
        try:
            recorder.close(complete=False)  # the target is not touched
        except OSError:
            pass
        raise CannotWrite(run.out, e, recorder.kept_note()) from None
    except Exception as e:
        watcher.ended()
        path = _close(recorder, False, run.out)
        if not recorder.replaces:  # never over the sidecar of an earlier complete result
            sidecar.write(FAILED, count.frames, count.with_face)
        raise RunFailed(f"analysis failed at frame {count.frames}: {e} (rows so far kept in {path})") from None
    watcher.ended()
    kept = stop.is_set() and recorder.replaces  # a stopped re-run never replaces a complete result with less
    path = _close(recorder, not kept, run.out)
    status = INTERRUPTED if stop.is_set() else COMPLETE
    short = short_video(source.frame_count, source.frames_read) if status == COMPLETE else None
    if short:
        warn(f"{run.input}: {short_note(short)}")
        sidecar.extra = {"short_video": short}
    if not kept:
        sidecar.write(status, count.frames, count.with_face)
    return Outcome(status, count.frames, count.with_face, time.perf_counter() - t0, path,
                   analyzer.classifier.device.type, chat_path=chat_stage.path if chat_stage is not None else None,
                   kept=recorder.path if kept else None)


def _close(recorder: SessionRecorder, complete: bool, out: Path) -> Path:
    """Close the timeline; a write that fails now is CannotWrite naming OUT and where the whole rows are."""
    try:
        return recorder.close(complete=complete)
    except OutputError as e:
        raise CannotWrite(out, e, recorder.kept_note()) from None
