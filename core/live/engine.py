"""The live engine behind the window: a capture thread and an inference thread, no Qt.

Capture reads the source as fast as it delivers and drops frames on a latest-wins slot;
inference always takes the newest frame, so results never lag behind a slow classifier.
The GUI polls `latest()` and `events()` on a timer; nothing here calls into the GUI.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from core.names.name_worker import NameWorker
from core.names.tile_names import SOURCE_TYPED
from core.names.names import clean_name, find_face
from core.live.events import (ENDED, FRAME_FAILED, LOST, MODELS_FAILED, NOTE, PHOTO, RECONNECTED, RECORDING_STOPPED,
                               EngineEvent)
from core.live.heap_trim import HeapTrimmer
from core.live.latest_slot import LatestSlot
from core.recording.chat_log import ChatMessage
from core.recording.live_session import LiveSession
from core.records import Frame, FrameResult
from core.sources.frame_source import FrameSource, SourceError
from core.sources.spec import SourceSpec
from core.text.congruence import DEFAULT_HALF_LIFE_S, TextContext
from core.vision.analyzer import FrameAnalyzer
from core.workflow.chat_worker import on_face
from core.workflow.stages import Call, Step, Workflow

AnalyzerFactory = Callable[[str], FrameAnalyzer]


class LiveEngine:
    """Runs capture and inference threads; start/stop sources and sessions from any thread."""

    RECONNECT_EVERY_S = 1.0

    def __init__(self, analyzer_factory: AnalyzerFactory = FrameAnalyzer.create, device: str = "auto",
                 text_half_life_s: float = DEFAULT_HALF_LIFE_S) -> None:
        self._factory = analyzer_factory
        self.text = TextContext(text_half_life_s)
        self._device = device
        self._frames: LatestSlot[Frame] = LatestSlot()
        self._latest: FrameResult | None = None
        self._newest_frame: Frame | None = None
        self._events: queue.SimpleQueue[EngineEvent] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._stop_all = threading.Event()
        self._stop_capture = threading.Event()
        self._capture: threading.Thread | None = None
        self._inference: threading.Thread | None = None
        self._session: LiveSession | None = None
        self._reset_tracks = threading.Event()
        self._rebuild = threading.Event()
        self._clock0 = time.monotonic()
        self._counter = 0
        self._names: dict[int, str] = {}  # replaced whole, never mutated: read without the lock
        self._tile_names: dict[int, str] = {}  # read from the gallery's labels (NameWorker), same rule
        self._tile_sources: dict[int, str] = {}
        self._all_names: dict[int, str] = {}  # typed over tile names: what faces are called
        self._names_lock = threading.Lock()
        self._chat_lock = threading.Lock()  # messages come from the window's thread, names from the name worker's
        self._waiting: list[tuple[ChatMessage, dict]] = []  # (message, face id -> probs of the unnamed faces then)
        self.camera_off: dict[str, float] = {}  # participants whose tile shows only their name -> when seen
        self._camera_off_seen: set[str] = set()  # every such name since the session started
        self._name_worker = NameWorker(self._tile_names_changed, lambda text: self._emit("warning", NOTE, text=text))
        self.source: SourceSpec | None = None
        self.model_name = "loading…"
        self.device_in_use = "?"
        self.ready = threading.Event()
        self.analysed = 0
        self.source_ended = False
        self.attention = False  # attention signals wanted (set_attention); the reader loads on the inference thread
        self._attention_reader = None
        self._attention_tried = False

    # ---- threads -------------------------------------------------------------------------

    def _emit(self, kind: str, code: str, **params: str) -> None:
        self._events.put(EngineEvent(kind, code, params))

    def _capture_loop(self, spec: SourceSpec, stop: threading.Event) -> None:
        source: FrameSource | None = None
        lost = False
        read = 0
        try:
            while not stop.is_set():
                if source is None:
                    try:
                        source = spec.open()
                    except (SourceError, ValueError) as e:
                        if spec.kind == "camera" and lost:
                            stop.wait(self.RECONNECT_EVERY_S)
                            continue
                        self._emit("error", NOTE, text=str(e))
                        return
                    if lost:
                        self._emit("info", RECONNECTED, source=spec.label)
                        lost = False
                frame = source.read()
                if frame is None:
                    source.close()
                    source = None
                    if spec.kind == "file":
                        self.source_ended = True
                        # a still photo is one frame
                        self._emit("info", PHOTO if read == 1 else ENDED, name=Path(spec.target).name)
                        return
                    if not lost:
                        self._emit("warning", LOST, source=spec.label)
                        lost = True
                    stop.wait(self.RECONNECT_EVERY_S)
                    continue
                read += 1
                self._newest_frame = frame  # for display, independent of inference speed
                self._frames.put(frame)
        finally:
            if source is not None:
                source.close()

    def _build_analyzer(self) -> FrameAnalyzer | None:
        try:
            analyzer = self._factory(self._device)
        except Exception as e:
            self._emit("error", MODELS_FAILED, reason=str(e))
            return None
        self.model_name = analyzer.classifier.model_name
        self.device_in_use = analyzer.classifier.device.type
        with self._lock:
            session = self._session
        if session is not None:  # a session started while the model was still loading
            session.update_meta(model=self.model_name, device=self.device_in_use)
        if analyzer.classifier.warning:
            self._emit("warning", NOTE, text=analyzer.classifier.warning)
        return analyzer

    def _workflow(self, analyzer: FrameAnalyzer | None) -> Workflow | None:
        """The window's workflow: the analyzer (images kept for display), then names, chat, the newest result,
        the session's recorder and the name worker (which reads tiles off this thread)."""
        if analyzer is None:
            return None
        return Workflow(analyzer, [Step(self._name_faces), Step(self._chat_text), Call(self._publish),
                                   Call(self._record), Call(self._name_worker.offer)], keep_image=True)

    def _inference_loop(self) -> None:
        workflow = self._workflow(self._build_analyzer())
        self.ready.set()
        last_flush = time.monotonic()
        heap = HeapTrimmer()
        while not self._stop_all.is_set():
            heap.maybe_trim()
            if self._rebuild.is_set():
                self._rebuild.clear()
                workflow = self._workflow(self._build_analyzer())
            frame = self._frames.take(timeout=0.05)
            if frame is None or workflow is None:
                with self._lock:
                    session = self._session
                if session is not None and time.monotonic() - last_flush > 0.5:
                    self._write_safely(session, session.flush)
                    last_flush = time.monotonic()
                continue
            if self._reset_tracks.is_set():
                self._reset_tracks.clear()
                workflow.analyzer.reset()
            self._counter += 1
            frame = replace(frame, index=self._counter, time_s=time.monotonic() - self._clock0)
            self._sync_attention(workflow.analyzer)
            try:
                workflow.analyze(frame)
            except Exception as e:  # one bad frame must not end the session
                self._emit("error", FRAME_FAILED, reason=str(e))
                continue

    def _publish(self, result: FrameResult) -> None:
        """The newest result, for the window's timer."""
        with self._lock:
            self._latest = result
        self.analysed += 1

    def _record(self, result: FrameResult) -> None:
        """The result's rows into the running session, if any."""
        with self._lock:
            session = self._session
        if session is not None:
            self._write_safely(session, session.write, result)

    def _sync_attention(self, analyzer: FrameAnalyzer) -> None:
        """Give the analyzer the attention reader when it is wanted (loaded once; a missing model is one warning)."""
        if self.attention and not self._attention_tried:
            from core.attention.reader import load_reader

            self._attention_tried = True
            self._attention_reader, warning = load_reader()
            if warning:
                self._emit("warning", NOTE, text=warning)
        wanted = self._attention_reader if self.attention else None
        if getattr(analyzer, "attention", None) is not wanted:
            analyzer.attention = wanted
            if wanted is not None:
                wanted.reset()

    def set_attention(self, on: bool) -> None:
        """Switch attention signals on or off (from the next frame)."""
        self.attention = bool(on)

    def _name_faces(self, result: FrameResult) -> FrameResult:
        """The names stage: names the teacher typed, else those read off the tiles, onto a frame's faces."""
        names = self._all_names
        if not names:
            return result
        return replace(result, faces=[replace(f, name=names.get(f.face_id, "")) for f in result.faces])

    def _chat_text(self, result: FrameResult) -> FrameResult:
        """The chat stage: each student's own chat emotion on their face, the class's on the frame."""
        t = result.time_s
        if self.text.has_authors:
            result = replace(result, faces=[replace(f, text_probs=self.text.at(t, f.face_id)) for f in result.faces])
        return replace(result, text_probs=self.text.at(t))

    # ---- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the inference thread (loads the models there, off the caller's thread)."""
        if self._inference is None:
            self._inference = threading.Thread(target=self._inference_loop, name="emosync-inference", daemon=True)
            self._inference.start()
            self._name_worker.start()

    def set_source(self, spec: SourceSpec) -> None:
        """Switch to a source: the old capture thread is joined, faces are forgotten."""
        self._stop_capture_thread()
        self.source, self.source_ended, self._newest_frame = spec, False, None
        self._reset_tracks.set()
        self._name_worker.reset_layout()
        self._stop_capture = threading.Event()
        self._capture = threading.Thread(target=self._capture_loop, args=(spec, self._stop_capture),
                                         name="emosync-capture", daemon=True)
        self._capture.start()
        with self._lock:
            if self._session is not None:
                self._session.update_meta(source=spec.label)

    def set_device(self, device: str) -> None:
        """Use another device (auto/cpu/cuda); the classifier is rebuilt on the inference thread."""
        self._device = device
        self._rebuild.set()

    def _stop_capture_thread(self) -> None:
        self._stop_capture.set()
        if self._capture is not None:
            self._capture.join(timeout=1.0)
            self._capture = None

    def stop(self) -> None:
        """Stop everything, close a running session; threads are joined within about a second."""
        self._stop_capture_thread()
        self._stop_all.set()
        if self._inference is not None:
            self._inference.join(timeout=1.0)
            self._inference = None
        self._name_worker.stop()
        self.stop_session()

    def start_session(self, folder: str | Path) -> LiveSession:
        """Begin recording the timeline to a new file in `folder`.

        A message sent before the session does not colour it: its text columns and congruence
        start empty, like its chat.csv. Messages still waiting for their author's face are
        recorded in the session they came in, without a face.
        """
        self._flush_waiting()
        self.text.clear()
        self._camera_off_seen = set(self.camera_off)
        session = LiveSession(folder, {"source": self.source.label if self.source else None,
                                       "device": self.device_in_use, "model": self.model_name,
                                       "text_half_life_s": self.text.half_life_s, "names": self._names_meta(),
                                       **self._name_extras()},
                              clock_origin=self.now())
        with self._lock:
            old, self._session = self._session, session
        if old is not None:
            old.close()
        return session

    def _write_safely(self, session: LiveSession, write: Callable[..., object], *args: object) -> object:
        """A session write; one the disk refuses (full, folder removed, read-only) ends the recording with one
        error saying where the whole rows so far are, instead of ending the inference thread."""
        try:
            return write(*args)
        except OSError as e:
            with self._lock:
                if self._session is not session:
                    return None
                self._session = None
            self._recording_stopped(session, e)
            return None

    def _recording_stopped(self, session: LiveSession, e: OSError) -> None:
        kept = session.abandon()
        self._emit("error", RECORDING_STOPPED, path=str(e.filename or session.csv_path), reason=str(e.strerror or e),
                   kept=str(kept or "no file (its folder is gone)"))

    def stop_session(self) -> LiveSession | None:
        """Finish the running session, if any (messages still waiting for a face go in without one); returns it."""
        self._flush_waiting()
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            try:
                session.close()
            except OSError as e:  # the last rows or the rename refused: said once, the partial kept
                self._recording_stopped(session, e)
        return session

    def set_name(self, face_id: int, name: str) -> None:
        """Call a face by a name from now on (empty: unnamed); a running session's sidecar keeps it."""
        name = clean_name(name)  # no bidi overrides or control characters, at most 100
        names = dict(self._names)
        if name:
            names[face_id] = name
        else:
            names.pop(face_id, None)
        self._names = names
        self._merge_names()

    def _tile_names_changed(self, names: dict[int, str], sources: dict[int, str], camera_off: dict[str, float]) -> None:
        """From the name worker's thread: names read off the tiles changed."""
        self._tile_names, self._tile_sources, self.camera_off = names, sources, camera_off
        self._camera_off_seen = self._camera_off_seen | set(camera_off)
        self._merge_names()

    def _merge_names(self) -> None:
        with self._names_lock:  # two threads merge; each merge sees the other's newest map
            self._all_names = {**self._tile_names, **self._names}
            with self._lock:
                session = self._session
            if session is not None:
                session.update_meta(names=self._names_meta(), **self._name_extras())
        if self._waiting:
            self._resolve_waiting()

    def set_participants(self, names: list[str]) -> None:
        """The class's participants list: tile readings are matched to it (empty: used as read)."""
        self._name_worker.set_participants(names)

    @property
    def names(self) -> dict[int, str]:
        """Face id → its name: the one the teacher typed, else the one read off its tile."""
        return self._all_names

    @property
    def typed_names(self) -> dict[int, str]:
        """Face id → the name the teacher typed (these always win)."""
        return self._names

    def name_sources(self) -> dict[int, str]:
        """Face id → where its name came from: `typed`, `tile` or `participants`."""
        return {**self._tile_sources, **{k: SOURCE_TYPED for k in self._names}}

    def _names_meta(self) -> dict[str, str]:
        return {str(k): v for k, v in sorted(self._all_names.items())}

    def _name_extras(self) -> dict[str, object]:
        """The sidecar's `name_sources` (face id -> typed/tile/participants) and `camera_off` (names)."""
        on_camera = set(self._all_names.values())
        return {"name_sources": {str(k): v for k, v in sorted(self.name_sources().items())},
                "camera_off": sorted(n for n in self._camera_off_seen if n not in on_camera)}

    @property
    def session(self) -> LiveSession | None:
        """The session recording now, if any."""
        return self._session

    def latest(self) -> FrameResult | None:
        """The newest analysed frame (with its image for display)."""
        with self._lock:
            return self._latest

    def now(self) -> float:
        """The engine clock (seconds), the one frames and chat messages are stamped with."""
        return time.monotonic() - self._clock0

    def add_message(self, message: ChatMessage) -> ChatMessage:
        """A scored chat message (stamped on the engine clock) becomes the current text emotion.

        A message with an author colours only that student's face. One whose author has a name
        no face has yet waits, as in `analyze`: when a face gets that name it colours that face
        from the message's own time and is recorded with the face's emotion when it came (if the
        face was on screen then, unnamed). A message is recorded in the running session's
        chat.csv, its time made session-relative; the returned message carries that time.
        """
        if message.author_name:  # the chat spells names the tiles may show, as `analyze --chat` uses them
            self._name_worker.add_hints([message.author_name])
        if message.author_id is None and clean_name(message.author_name):
            face_id = find_face(message.author_name, self._all_names)
            if face_id is None:
                latest = self.latest()
                unnamed = {f.face_id: f.probs for f in latest.faces if not f.name} if latest is not None else {}
                with self._chat_lock:
                    self._waiting.append((message, unnamed))
                return message
            latest = self.latest()
            face = next((f for f in latest.faces if f.face_id == face_id), None) if latest is not None else None
            message = on_face(message, face_id, face.probs if face is not None else None)
        return self._deliver(message)

    def _deliver(self, message: ChatMessage) -> ChatMessage:
        with self._chat_lock:
            if message.author_id is not None or not message.author_name:  # a named author with no face colours no one
                self.text.set(message.time_s, message.text_probs, message.author_id)
            with self._lock:
                session = self._session
            if session is not None:
                message = self._write_safely(session, session.write_message, message) or message
        return message

    def _resolve_waiting(self) -> None:
        """Messages whose author now has a face: onto that face, recorded."""
        with self._chat_lock:
            waiting, self._waiting = self._waiting, []
        still = []
        for message, unnamed in waiting:
            face_id = find_face(message.author_name, self._all_names)
            if face_id is None:
                still.append((message, unnamed))
            else:
                self._deliver(on_face(message, face_id, unnamed.get(face_id)))
        if still:
            with self._chat_lock:
                self._waiting = still + self._waiting

    def _flush_waiting(self) -> None:
        """Record the messages still waiting for a face, without one."""
        with self._chat_lock:
            waiting, self._waiting = self._waiting, []
        for message, _ in waiting:
            self._deliver(message)

    @property
    def waiting_messages(self) -> int:
        """Messages whose author has no face yet."""
        return len(self._waiting)

    def latest_frame(self) -> Frame | None:
        """The newest captured frame, analysed or not (the display shows every frame)."""
        return self._newest_frame

    def events(self) -> list[EngineEvent]:
        """Status changes since the last call."""
        out = []
        while True:
            try:
                out.append(self._events.get_nowait())
            except queue.Empty:
                return out

    @property
    def dropped_frames(self) -> int:
        """Frames captured but replaced before inference could take them."""
        return self._frames.dropped
