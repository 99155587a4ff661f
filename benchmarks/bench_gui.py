"""Window benchmark: display rate, bar updates, capture-to-bars latency, event-loop stalls, memory.

`python -m benchmarks.bench_gui [--video FILE | --gallery 7x7:45:80] [--seconds 20]` (offscreen
unless QT_QPA_PLATFORM is set). Without --video it plays scikit-image's astronaut face drifting
over a 640x480 frame; `--gallery COLSxROWS:FACES:PX` plays a generated 1920x1080 conference
gallery instead (PublicTest faces from `--data` when it exists, else variants of the astronaut).
A session records throughout, as a user's would, names are read off the tiles live, and the
window runs on the app's qasync event loop (gui/app.py). Prints a Markdown table. `--chat` sends one chat
message once the models are ready and measures after it was scored (the text model, which loads
on the first message, then in memory); `--text-process` keeps the text model in a helper
process (core/text/helper_process.py), whose memory is reported beside the window's.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import statistics
import tempfile
import time
from collections import deque
from pathlib import Path

from benchmarks.rss_breakdown import pss_mb, rss_breakdown
from benchmarks.stream_stats import Histogram, TopGaps
from benchmarks.shared_data import FER_TEST, faces_or_astronaut

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_face_video(path: Path, seconds: float = 10.0, fps: float = 30.0) -> Path:
    """A 640x480 clip of the astronaut's face drifting slowly (a real face, no data needed)."""
    import cv2
    import numpy as np
    from skimage import data

    from core.sources.face_clip import iter_drifting_face, write_video

    face = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)[20:220, 140:310]
    frames = iter_drifting_face(face, int(seconds * fps),
                                path=lambda i: (int(200 + 120 * np.sin(i / 40)), int(130 + 40 * np.cos(i / 50))))
    return write_video(path, (f for f, _ in frames), fps, fourcc="mp4v")


def make_gallery_video(path: Path, spec: str, seconds: float, data: str, fps: float = 30.0) -> Path:
    """A 1920x1080 gallery clip, COLSxROWS:FACES:PX (see benchmarks/gallery_clip.py): Korean display names on
    Zoom-like plates, faces drifting."""
    from benchmarks.gallery_clip import KOREAN_NAMES, plan_gallery, write_gallery

    grid, n_faces, px = spec.split(":")
    cols, rows = (int(v) for v in grid.split("x"))
    images, labels, _ = faces_or_astronaut(Path(data))
    n = int(seconds * fps)
    names = tuple(KOREAN_NAMES[i % len(KOREAN_NAMES)] for i in range(cols * rows))
    students = plan_gallery(len(images), cols, rows, int(n_faces), n, face_px=(int(px), int(px)), fps=fps,
                            names=names)
    # names as conference tools draw them, so that the window reads them live; faces drift as real ones do
    write_gallery(path, students, images, labels, n, fps, label_style="plate", motion="drift")
    return path


def _rate(times: list[float]) -> float:
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_gui", description=__doc__.splitlines()[0])
    p.add_argument("--video", help="video to play (looped); default: a synthetic astronaut clip")
    p.add_argument("--gallery", metavar="COLSxROWS:FACES:PX", help="play a generated 1920x1080 gallery (looped)")
    p.add_argument("--data", default=str(FER_TEST), help="faces for --gallery, if present")
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--device", default="cpu")
    p.add_argument("--rss-every", type=float, default=300.0, help="also sample RSS this often (seconds)")
    p.add_argument("--chat", action="store_true", help="send a chat message first: measure with the text model loaded")
    p.add_argument("--text-process", action="store_true", help="the text model in a helper process")
    p.add_argument("--slowest", type=int, default=5, help="list this many longest stalls with what overlapped them")
    args = p.parse_args(argv)

    os.environ.setdefault("QT_API", "pyside6")
    import pyqtgraph as pg
    import qasync
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from core.live.engine import LiveEngine
    from core.sources.spec import SourceSpec
    from gui.gc_policy import GuiThreadCollector
    from gui.main_window import MainWindow
    from gui.video_view import VideoView

    tmp = Path(tempfile.mkdtemp(prefix="emosync-gui-bench-"))
    clip_s = min(60.0, args.seconds + 5)  # looped
    if args.video:
        video = Path(args.video)
    elif args.gallery:
        video = make_gallery_video(tmp / "gallery.mp4", args.gallery, clip_s, args.data)
    else:
        video = make_face_video(tmp / "face.mp4", seconds=clip_s)
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    collector = GuiThreadCollector()  # as the app does
    import threading

    from core.text.helper_process import TextModelProcess
    from core.text.model import TextEmotionModel

    text_model = TextModelProcess() if args.text_process else TextEmotionModel()
    scored = threading.Event()

    def score_text(texts: list[str]):
        probs = text_model.predict(texts)
        scored.set()
        return probs

    window = MainWindow(LiveEngine(device=args.device), settings, load_text_scorer=lambda: score_text)
    window.choose_output_folder(str(tmp / "sessions"))
    collector.freeze_when(window.models_loaded)
    window.resize(1280, 760)
    window.show()

    state = {"phase": "loading", "t0": 0.0, "rss0": 0.0, "bars0": 0, "named": 0}
    # Every summary below has a fixed size: a 30-minute soak must not grow by its own samples.
    shown = [0]
    latency_ms = Histogram(bin_width=0.5, max_value=2000.0)
    original_show = window._show

    def show(result):  # wrap the display step to time it
        original_show(result)
        now = time.monotonic()
        shown[0] += 1
        if result.captured_at:
            latency_ms.add(1000 * (now - result.captured_at))

    window._show = show
    # What the GUI thread was doing around a stall: garbage collections and clip restarts.
    events: deque[tuple[float, float, str]] = deque(maxlen=2000)  # (start, end, what), the slow ones
    gc_ms: list[float] = []  # a handful per run: collections run on the GUI thread, old objects frozen
    gc_started: dict[str, float] = {}

    def gc_timer(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started["t"] = time.monotonic()
        elif "t" in gc_started:
            start, end = gc_started.pop("t"), time.monotonic()
            events.append((start, end, f"gc gen {info['generation']}"))
            if state["phase"] == "measure":
                gc_ms.append(1000 * (end - start))

    gc.callbacks.append(gc_timer)
    original_refresh = window.refresh

    def refresh() -> None:  # the display tick, timed when it is slow
        t = time.monotonic()
        original_refresh()
        if time.monotonic() - t > 0.008:
            events.append((t, time.monotonic(), f"display tick {1000 * (time.monotonic() - t):.0f} ms"))

    window.timer.timeout.disconnect()
    window.timer.timeout.connect(refresh)
    paint_ms: dict[str, Histogram] = {}

    def timed_paint(cls: type, name: str) -> None:  # time every paint of this widget class
        original = cls.paintEvent

        def paint(self, ev) -> None:
            t = time.monotonic()
            original(self, ev)
            dt = time.monotonic() - t
            if state["phase"] == "measure":
                paint_ms[name].add(1000 * dt)
            if dt > 0.008:
                events.append((t, time.monotonic(), f"{name} paint {1000 * dt:.0f} ms"))

        paint_ms[name] = Histogram(bin_width=0.05, max_value=500.0)
        cls.paintEvent = paint
        restore.append(lambda: setattr(cls, "paintEvent", original))

    restore: list = []
    timed_paint(VideoView, "video")
    timed_paint(pg.GraphicsView, "plot")
    stalls = TopGaps(args.slowest)

    def overlapping(a: float, b: float) -> str:  # called only for a gap among the longest so far
        return ", ".join(sorted({what for s0, s1, what in events if s0 < b and s1 > a})) or "nothing recorded"

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: stalls.tick(time.monotonic(), overlapping))

    rss_samples: list[tuple[float, float]] = []
    deadline = time.monotonic() + 60

    def control() -> None:
        now = time.monotonic()
        # Start once both models are loaded (the chat's text model loads in the background).
        loaded = window.models_loaded()
        if state["phase"] == "loading" and (loaded or now > deadline):
            window.set_source(SourceSpec("file", str(video)))
            window.start_session()
            state["phase"] = "warm"
            state["t0"] = now
            if args.chat:
                window.chat.input.setText("오늘 수업 정말 재미있었어요 ㅎㅎ")
                window.chat.submit()
        elif state["phase"] == "warm" and now - state["t0"] > 3.0 and (scored.is_set() or not args.chat):
            shown[0] = 0
            latency_ms.clear()
            stalls.clear()
            for h in paint_ms.values():
                h.clear()
            heartbeat.start()
            state.update(phase="measure", t0=now, rss0=_rss_mb(), bars0=window.bars.updates,
                         kinds0=rss_breakdown())
            rss_samples.append((0.0, state["rss0"]))
        elif state["phase"] == "measure" and now - state["t0"] - rss_samples[-1][0] >= args.rss_every:
            rss_samples.append((now - state["t0"], _rss_mb()))
        elif state["phase"] == "measure" and window.engine.source_ended:
            window.set_source(SourceSpec("file", str(video)))  # loop the clip
            events.append((now, time.monotonic(), "clip restarted"))
        if state["phase"] == "measure" and now - state["t0"] >= args.seconds:
            state["phase"] = "done"
            state["elapsed"] = now - state["t0"]
            state["rss1"] = _rss_mb()
            state["kinds1"] = rss_breakdown()
            state["pss1"] = pss_mb()
            state["named"] = len(window.engine.names)
            helper_pid = getattr(text_model, "pid", None)
            if helper_pid is not None:  # measured while the window runs, before it closes the helper
                state["helper"] = rss_breakdown(helper_pid)
                state["helper_pss"] = pss_mb(helper_pid)
            state["bars1"] = window.bars.updates
            heartbeat.stop()
            window.close()
            app.quit()

    ctl = QTimer()
    ctl.setInterval(50)
    ctl.timeout.connect(control)
    ctl.start()
    closed = asyncio.Event()  # the app's own loop (gui/app.py): qasync, so the chat's scoring tasks run
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    collector.stop()
    gc.callbacks.remove(gc_timer)
    for undo in restore:
        undo()

    elapsed = state["elapsed"]
    print(f"platform {os.environ['QT_QPA_PLATFORM']}, {os.cpu_count()} CPUs, device {args.device}, "
          f"{elapsed:.0f} s measured, clip {video.name}")
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| frames displayed per second (last {len(window.state.rates.frames.times)} frames) | "
          f"{_rate(list(window.state.rates.frames.times)):.1f} |")
    print(f"| results analysed and shown per second | {shown[0] / elapsed:.1f} |")
    print(f"| bar updates per second | {(state['bars1'] - state['bars0']) / elapsed:.1f} |")
    if latency_ms.count:
        print(f"| capture-to-bars latency, median | {latency_ms.quantile(0.5):.0f} ms |")
        print(f"| capture-to-bars latency, 95th percentile | {latency_ms.quantile(0.95):.0f} ms |")
    print(f"| longest event-loop stall | {1000 * stalls.longest:.0f} ms |")
    print(f"| frames dropped by capture (latest-wins) | {window.engine.dropped_frames} |")
    print(f"| RSS at start / end of measurement | {state['rss0']:.0f} MB / {state['rss1']:.0f} MB |")
    if gc_ms:
        print(f"| garbage collections while measuring: count, median, longest | {len(gc_ms)}, "
              f"{statistics.median(gc_ms):.1f} ms, {max(gc_ms):.1f} ms |")
    for name, h in sorted(paint_ms.items()):
        if h.count:
            print(f"| {name} paints: per second, median, longest | {h.count / elapsed:.0f}, "
                  f"{h.quantile(0.5):.1f} ms, {h.max:.1f} ms |")
    if stalls.slowest():
        print("\nLongest stalls (s into the run, ms, what overlapped them):")
        for gap, a, _, during in stalls.slowest():
            print(f"- {a - state['t0']:.1f} s: {1000 * gap:.0f} ms ({during})")
    if len(rss_samples) > 1:
        samples = ", ".join(f"{t / 60:.0f} min {mb:.0f}" for t, mb in [*rss_samples, (elapsed, state["rss1"])])
        print(f"\nRSS (MB) during the run: {samples}")
    if state["kinds0"] and state["kinds1"]:
        kinds = ", ".join(f"{k} {state['kinds0'][k]:.0f} → {state['kinds1'][k]:.0f}" for k in state["kinds0"])
        print(f"RSS by kind of memory (MB, start → end): {kinds}")
    loaded = text_model.started if args.text_process else text_model.loaded
    where = "in a helper process" if args.text_process else "in the window's process"
    print(f"Text model {where}: {'loaded' if loaded else 'not loaded (no chat message yet)'}"
          + ("; a chat message was scored" if scored.is_set() else ""))
    print(f"Faces named from their tiles at the end: {state['named']}")
    helper = state.get("helper")
    if helper:
        print(f"Helper process RSS: {sum(helper.values()):.0f} MB ("
              + ", ".join(f"{k} {v:.0f}" for k, v in helper.items()) + ")")
    if state.get("pss1") is not None:
        both = state["pss1"] + (state.get("helper_pss") or 0.0)
        print(f"PSS (shared pages split between the processes that map them) at the end: window "
              f"{state['pss1']:.0f} MB" + (f", helper {state['helper_pss']:.0f} MB, both {both:.0f} MB"
                                            if state.get("helper_pss") is not None else ""))
    if args.text_process:
        text_model.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
