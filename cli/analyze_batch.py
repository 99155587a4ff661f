"""`analyze` over many inputs: options to a backend (this process, worker processes or Ray), progress bars, exit status."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from cli.analyze_options import chat_options, check_output, options_of
from cli.write_errors import cannot_write, reason, why_not_writable
from cli.errors import RunError, UserError
from cli.stop_signal import stop_on_signals
from core.batch.inputs import InputError, discover, timeline_name
from core.batch.job_records import JobResult, Progress, Started
from core.batch.local_pool import LocalWorkers, WorkerStartError
from core.batch.ray_backend import RayPool, RayUnavailable
from core.batch.runner import Listener, Target, run_batch
from core.batch.summary import SummaryRow, update_summary
from core.chat.chat_input import ChatInput
from core.provenance import model_version
from core.recording.atomic_file import OutputError
from core.workflow.chat import add_chat, chat_authors, load_text_model, read_chat
from core.workflow.errors import BadInput
from core.workflow.naming import read_participants_list
from core.workflow.options import AnalysisOptions

SUMMARY_NAME = "summary.csv"


class _Bars(Listener):
    """One bar over the batch (video seconds done, files, ETA) and one per file in progress, on stderr."""

    def __init__(self, quiet: bool, every: int) -> None:
        self.quiet, self.every = quiet, every
        self.overall = None
        self.files: dict[tuple[int, int], object] = {}
        self.credited: dict[tuple[int, int], float] = {}
        self.done = 0
        self.to_run = 0
        self.video_total = 0.0

    def _bar(self, **kw: object):
        from tqdm import tqdm

        return tqdm(file=sys.stderr, disable=self.quiet, dynamic_ncols=True, mininterval=0.5, **kw)

    def planned(self, inputs: int, to_run: int, video_s: float) -> None:
        self.to_run, self.video_total = to_run, video_s
        by_video = video_s > 0
        self.overall = self._bar(total=video_s if by_video else to_run, position=0,
                                 bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]")
        self._describe()

    def _describe(self) -> None:
        total, done = self.video_total, min(self.overall.n, self.video_total)
        video = f"{done / 3600:.2f}/{total / 3600:.2f} h" if total >= 3600 else f"{done / 60:.1f}/{total / 60:.1f} min"
        self.overall.set_description_str(f"batch {self.done}/{self.to_run} files" + (f", {video} video" if total else ""),
                                         refresh=False)

    def _credit(self, seconds: float) -> None:
        self.overall.update(max(0.0, min(seconds, self.overall.total - self.overall.n)))

    def started(self, name: str, event: Started) -> None:
        used = {b.pos for b in self.files.values()}
        slot = next(i for i in range(1, len(used) + 2) if i not in used)
        bar = self._bar(total=event.frames, desc=name if event.chunk == 0 else f"{name} #{event.chunk + 1}",
                        unit="frame", leave=False, position=slot)
        bar.pos = slot
        self.files[(event.key, event.chunk)] = bar

    def progress(self, event: Progress, fps: float) -> None:
        bar = self.files.get((event.key, event.chunk))
        if bar is not None:
            bar.update(event.frames)
        if fps > 0 and self.video_total > 0:
            step = event.frames * self.every / fps
            self.credited[(event.key, event.chunk)] = self.credited.get((event.key, event.chunk), 0.0) + step
            self._credit(step)

    def job_done(self, result: JobResult) -> None:
        bar = self.files.pop((result.key, result.chunk), None)
        if bar is not None:
            bar.close()
        if self.video_total > 0:
            self._credit(result.video_s - self.credited.pop((result.key, result.chunk), 0.0))

    def input_done(self, row: SummaryRow) -> None:
        if row.status == "skipped":
            return
        self.done += 1
        if self.video_total == 0:
            self.overall.update(1)
        if row.status == "failed":
            self.overall.write(f"failed: {row.input}: {row.error}", file=sys.stderr)
        elif row.error:  # done, with something to tell (a video shorter than it declares)
            self.overall.write(f"warning: {row.input}: {row.error}", file=sys.stderr)
        self._describe()

    def close(self) -> None:
        for bar in self.files.values():
            bar.close()
        if self.overall is not None:
            self.overall.close()


def _targets(args: argparse.Namespace) -> tuple[list[Target], Path | None]:
    if args.out is None and len(args.input) == 1 and Path(args.input[0]).is_dir():
        raise UserError(f"not a file: {args.input[0]} (to analyse the recordings in a folder, add --out DIR)")
    try:
        found = discover(args.input)
    except InputError as e:
        raise UserError(str(e)) from None
    if args.out is None:
        if len(found) > 1:
            raise UserError("several inputs need --out DIR (one timeline per input and a summary there)")
        out = Path(args.csv) if args.csv else Path(timeline_name(found[0].path))
        check_output(out)
        return [Target(found[0].path, out)], None
    if args.csv:
        raise UserError("--csv names one timeline: with --out DIR each input gets its own")
    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create the output folder {out_dir}: {reason(e)}") from None
    why = why_not_writable(out_dir / SUMMARY_NAME)
    if why:
        raise UserError(cannot_write(out_dir, why))
    return [Target(i.path, out_dir / i.rel_out) for i in found], out_dir / SUMMARY_NAME


def _backend(args: argparse.Namespace, options: AnalysisOptions) -> RayPool | LocalWorkers:
    if args.ray is not None:
        if args.ray_cpus <= 0 or args.ray_gpus < 0:
            raise UserError("--ray-cpus must be positive and --ray-gpus not negative")
        try:
            return RayPool(options, args.ray or None, args.ray_cpus, args.ray_gpus)
        except RayUnavailable as e:
            raise UserError(str(e)) from None
    return LocalWorkers(options, args.jobs)


def run_batch_command(args: argparse.Namespace) -> int:
    """Analyse every input not already done; 0 when all succeeded, 1 when some failed, 130 when interrupted."""
    if args.jobs is not None and args.jobs < 0:
        raise UserError("--jobs must be 0 or more")
    if args.split_minutes is not None and args.split_minutes <= 0:
        raise UserError("--split-minutes must be positive")
    targets, summary = _targets(args)
    chats = _chat_files(args, targets) if args.chat else {}
    read = _read_chats(args, chats)
    if chats:  # as a single run with --chat: the chat's authors are names the tiles may spell
        targets = [replace(t, hints=chat_authors(read[str(t.path)]))
                   if isinstance(read.get(str(t.path)), ChatInput) else t for t in targets]
    options = options_of(args, read_participants_list(getattr(args, "participants", None),
                                                      lambda note: print(f"warning: {note}", file=sys.stderr)))
    models = model_version(args.weights)
    backend = _backend(args, options)

    # As in a single run: Ctrl-C or SIGTERM only sets a flag; workers stop, what has ended is kept.
    bars = _Bars(args.quiet, args.every)
    t0 = time.perf_counter()
    try:
        with stop_on_signals() as stop, backend:
            report = run_batch(targets, backend, options, models, summary_path=summary, force=args.force,
                               listener=bars, stop=stop)
    except WorkerStartError as e:
        raise RunError(f"workers could not start: {e}") from None
    except OutputError as e:  # summary.csv (its folder removed, a full disk): the path the user gave, not the temp
        raise UserError(cannot_write(e.filename, e) + _kept(e)) from None
    except RayUnavailable as e:
        raise UserError(str(e)) from None
    finally:
        bars.close()
    chat_errors = _add_chats(args, report.rows, chats, read) if chats else {}
    if chat_errors:
        report.rows[:] = [replace(r, status="failed", error=f"chat not added: {chat_errors[r.input]}")
                          if r.input in chat_errors else r for r in report.rows]
        if summary is not None:
            try:
                update_summary(summary, [r for r in report.rows if r.input in chat_errors])
            except OSError as e:
                raise UserError(cannot_write(summary, e)) from None
    if summary is not None and not summary.exists():  # its folder was removed after the last input: put it back
        try:
            summary.parent.mkdir(parents=True, exist_ok=True)
            update_summary(summary, report.rows)
        except OSError as e:
            raise UserError(cannot_write(summary, e)) from None
    counts = {s: sum(r.status == s for r in report.rows) for s in ("ok", "skipped", "failed")}
    where = f"; summary: {summary}" if summary else ""
    print(f"{counts['ok']} analysed, {counts['skipped']} skipped, {counts['failed']} failed of {len(targets)} inputs "
          f"in {time.perf_counter() - t0:.1f} s{where}", file=sys.stderr)
    if report.interrupted:
        print(f"interrupted: {len(targets) - len(report.rows)} inputs not done; the same command resumes",
              file=sys.stderr)
        return 130
    return 1 if report.failed else 0


def _kept(e: OutputError) -> str:
    return f" (what was written is in {e.partial})" if e.partial is not None else ""


def _chat_files(args: argparse.Namespace, targets: list[Target]) -> dict[str, tuple[Path, Path]]:
    """Each input's chat file (by the --chat pattern) and timeline; inputs without one are said and left without."""
    from core.chat.timeline_chat import chat_for, is_chat_pattern

    if len(targets) > 1 and not is_chat_pattern(args.chat):
        raise UserError("with several inputs, --chat is a pattern naming each input's chat file: {dir} (its folder), "
                        "{stem} or {name}, e.g. --chat '{dir}/chat.txt'")
    chat_options(args).check()
    found = {}
    for t in targets:
        chat = chat_for(args.chat, t.path)
        if chat.is_file():
            found[str(t.path)] = (chat, t.out)
        else:
            print(f"warning: no chat file {chat} for {t.path}: its timeline has no chat", file=sys.stderr)
    return found


def _read_chats(args: argparse.Namespace, chats: dict[str, tuple[Path, Path]]) -> dict[str, ChatInput | Exception]:
    """Each input's chat, read once before the batch (its authors are the namer's hints, its messages are added
    after), or why it cannot be used (said when the chat would be added)."""
    if not chats:
        return {}
    options = chat_options(args)
    read: dict[str, ChatInput | Exception] = {}
    for video, (chat, _) in chats.items():
        try:
            read[video] = read_chat(options, chat, video)
        except (BadInput, OSError) as e:
            read[video] = e
    return read


def _add_chats(args: argparse.Namespace, rows: list, chats: dict[str, tuple[Path, Path]],
               read: dict[str, ChatInput | Exception]) -> dict[str, str]:
    """Add each finished input's chat (as read before the batch) to its timeline (in this process, one text model);
    why not, by input."""
    todo = [(r.input, *chats[r.input]) for r in rows if r.status in ("ok", "skipped") and r.input in chats]
    if not todo:
        return {}
    options = chat_options(args)
    model = load_text_model(options.text_model)
    failed: dict[str, str] = {}
    for video, chat, out in todo:
        try:
            got = read[video]
            if isinstance(got, Exception):
                raise got
            summary, warnings = add_chat(options, got, out, model)
        except (BadInput, ValueError, OSError) as e:
            why = cannot_write(e.filename, e) if isinstance(e, OutputError) else str(e)
            failed[video] = why
            print(f"chat not added to {out}: {why}", file=sys.stderr)
            continue
        for warning in warnings:
            print(f"warning: {chat}: {warning}", file=sys.stderr)
        print(f"chat {chat}: {summary.line()}", file=sys.stderr)
    return failed
