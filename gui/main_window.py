"""EmoSync's main window: puts together the view state (core/view), its widgets and the action modules."""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter

from core.live.engine import LiveEngine
from core.records import FrameResult
from core.sources.spec import SourceSpec
from core.view.window import WindowState
from gui.attention_action import AttentionAction
from gui.chat_panel import ChatPanel, Scorer
from gui.class_panel import ClassPanel
from gui.conference_chat import ConferenceChat
from gui.consent_box import ConsentBox
from gui.device_box import DeviceBox
from gui.face_column import FaceColumn
from gui.language_menu import LanguageMenu
from gui.layout_fit import fit_to_screen, keep_on_screen, restore_splitters, save_splitters
from gui.name_action import NameAction
from gui.participants_action import ParticipantsAction
from gui.session_actions import SessionActions
from gui.source_actions import SourceActions
from gui.status_labels import StatusLabels
from gui.video_view import VideoView
from gui.window_bars import WindowBars

DISPLAY_INTERVAL_MS = 30
CLASS_REFRESH_TICKS = 16  # the class view redraws about twice a second
SPLIT_SHARES = (48, 27, 25)  # video and chat | class view | bars and plots, in per cent of the width


def default_text_scorer(model_dir: str | None = None) -> Scorer:
    """The shipped (or given) Korean text model's predict function; the model loads on the first message, in a
    helper process, so that its ~570 MB are not the window's (docs/realtime.md)."""
    from core.text.helper_process import TextModelProcess

    return TextModelProcess(model_dir).predict


class MainWindow(QMainWindow):
    """The window; all work happens in the LiveEngine's threads, pulled here on a display timer into the view
    state (`state`, no Qt), which the widgets and actions follow."""

    def __init__(self, engine: LiveEngine | None = None, settings: QSettings | None = None,
                 load_text_scorer=None) -> None:
        super().__init__()
        self.setWindowTitle("EmoSync")
        self.settings = settings = settings or QSettings("EmoSync", "EmoSync")
        self.engine = engine = engine or LiveEngine(device=str(settings.value("device", "auto")))
        self.state = state = WindowState(lambda: engine.names)
        self.roster = state.roster
        self._tick = 0
        self._last_frame_at = -1.0
        self._build_widgets(load_text_scorer or default_text_scorer)
        self._build_actions()
        geometry = settings.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            fit_to_screen(self)
        keep_on_screen(self)
        restore_splitters(settings, (self.split, self.left_split))
        engine.start()
        self.timer = QTimer(self)
        self.timer.setInterval(DISPLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.sources.refresh_cameras()

    # ---- construction --------------------------------------------------------------------

    def _build_widgets(self, load_text_scorer) -> None:
        state = self.state
        self.video = VideoView()
        self.banner = self.video.banner
        self.class_panel = ClassPanel()
        self.face_column = column = FaceColumn(state)
        self.bars, self.timeline, self.face_label = column.bars, column.timeline, column.face_label
        self.congruence, self.congruence_label = column.congruence, column.congruence_label
        self.attention_plot, self.attention_label = column.attention_plot, column.attention_label
        self.chat = ChatPanel(load_text_scorer, self.engine.now, state.author)
        self.chat.messageScored.connect(self.engine.add_message)
        self.consent_box = ConsentBox(state, self)
        for clicked in (self.video.faceClicked, self.class_panel.faceSelected):
            clicked.connect(self.select_face)
        state.selected.connect(lambda face_id, _student: self._follow_selection(face_id))
        state.shown.connect(self._draw_result)
        state.opened.connect(lambda label: self.video.clear(self.tr("Opening {source}…").format(source=label)))
        state.attention_changed.connect(self.class_panel.set_attention)
        left = self.left_split = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("left-splitter")
        left.addWidget(self.video)
        left.addWidget(self.chat)
        left.setSizes([520, 220])
        split = self.split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("main-splitter")
        for part in (left, self.class_panel, column):
            split.addWidget(part)
        split.setSizes(list(SPLIT_SHARES))  # proportions: the splitter scales them to its width
        self.setCentralWidget(split)
        self.labels = StatusLabels(self, self.video, state, self.engine)
        self.rec_label, self.fps_label = self.labels.rec_label, self.labels.fps_label
        self.model_label, self.source_label = self.labels.model_label, self.labels.source_label
        self.show_message = self.labels.show_message

    def _build_actions(self) -> None:
        settings, engine, state, say = self.settings, self.engine, self.state, self.show_message
        self.sources = SourceActions(self, settings, engine, state, say)
        self.source_box, self.act_open, self.act_screen = (self.sources.source_box, self.sources.act_open,
                                                           self.sources.act_screen)
        self.act_region, self.act_last = self.sources.act_region, self.sources.act_last
        self.sessions = SessionActions(self, settings, engine, state, say, language=lambda: self.language_menu.current)
        self.act_session, self.act_export, self.act_report = (self.sessions.act_session, self.sessions.act_export,
                                                              self.sessions.act_report)
        self.device_box = DeviceBox(settings, engine)
        self.act_attention = AttentionAction(self, settings, engine, state)
        self.act_name = NameAction(self, engine, state, self._refresh_class)
        self.act_participants = ParticipantsAction(self, engine.set_participants, say)
        self.conference_chat = ConferenceChat(self, self.chat, lambda: engine.names, state.face_probs_now, say)
        self.video.faceDoubleClicked.connect(lambda face_id: self.name_face(face_id))
        self.class_panel.renameRequested.connect(lambda face_id: self.name_face(face_id))
        self.bars_and_menus = WindowBars(self, self.sources, self.sessions, self.device_box, self.act_attention,
                                         [self.act_participants], self.conference_chat.actions, [self.act_name])
        self.menu_session, self.menu_class = self.bars_and_menus.menu_session, self.bars_and_menus.menu_class
        self.act_attention.restore()
        self.language_menu = LanguageMenu(settings, say, self)
        self.menuBar().addMenu(self.language_menu)

    # ---- what the tests, the screenshots and the benchmarks drive ---------------------------

    @property
    def selected_id(self) -> int | None:
        """The face the bars and plots follow."""
        return self.state.selected_id

    @property
    def consent_shown(self) -> bool:
        """Whether the notice about watching a class has been shown."""
        return self.state.consent.shown

    @property
    def messages(self) -> deque[tuple[str, str]]:
        """What the window said, (kind, text), newest last."""
        return self.state.status.messages

    @property
    def output_folder(self) -> Path:
        """Where sessions are recorded."""
        return self.sessions.output_folder

    @property
    def last_session_csv(self) -> Path | None:
        """The last session recorded, None before any."""
        return self.sessions.last_session_csv

    def set_source(self, spec: SourceSpec) -> None:
        """Switch sources (a running session keeps recording)."""
        self.sources.set_source(spec)

    def open_video(self, path: str | None = None) -> None:
        """Play a video file or show a still photo (asks for one when no path is given)."""
        self.sources.open_video(path)

    def start_session(self) -> None:
        """Begin streaming the timeline to a new CSV in the output folder."""
        self.sessions.start_session()

    def stop_session(self) -> None:
        """Finish the running session."""
        self.sessions.stop_session()

    def export_csv(self, target: str | None = None) -> Path | None:
        """Write the running or last session's timeline to `target` (asks for it when None)."""
        return self.sessions.export_csv(target)

    def choose_output_folder(self, folder: str | None = None) -> None:
        """Where sessions are recorded (asks for it when None)."""
        self.sessions.choose_output_folder(folder)

    def set_device(self, device: str) -> None:
        """Run the classifier on auto/cpu/cuda from now on (`--device`; remembered)."""
        self.device_box.set_device(device)

    def name_face(self, face_id: int, name: str | None = None) -> None:
        """Call a face by a name (asks for it when none is given); an empty name removes it."""
        self.act_name.name_face(face_id, name)

    def select_face(self, face_id: int) -> None:
        """Follow this face in the bars and plots."""
        self.state.select(face_id)

    def models_loaded(self) -> bool:
        """Whether the face model (engine) and the text model (chat) have finished loading."""
        return self.engine.ready.is_set() and self.chat.model_loaded

    # ---- display --------------------------------------------------------------------------

    def _follow_selection(self, face_id: int | None) -> None:
        self.video.selected_id = face_id
        self.class_panel.refresh(self.roster, face_id)

    def _draw_result(self, result: FrameResult, _view: object) -> None:
        self.video.selected_id = self.state.selected_id
        self.video.show_result(result)

    def _refresh_class(self) -> None:
        self.roster.set_camera_off(self.engine.camera_off)
        self.class_panel.refresh(self.roster, self.state.selected_id)
        self.chat.set_students([(s.face_id, s.label()) for s in self.roster.students("id")])

    def _show(self, result: FrameResult) -> None:
        self.state.take_result(result, time.monotonic())

    def refresh(self) -> None:
        """Display tick: pull the newest frame, result and status changes from the engine into the view state."""
        self.sources.poll()
        self.state.take_events(self.engine.events())
        self.sessions.poll()
        self.labels.poll()
        frame = self.engine.latest_frame()
        if frame is not None and frame.captured_at != self._last_frame_at:
            self._last_frame_at = frame.captured_at
            self.video.show_frame(frame.image)
            self.state.rates.frame_shown(time.monotonic())
        result = self.engine.latest()
        if self.state.is_new(result):
            self._show(result)
        self._tick += 1
        if self._tick % CLASS_REFRESH_TICKS == 0:
            self._refresh_class()
        else:  # the plots take turns with the class view
            self.face_column.refresh_plot(self._tick)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop the timer and every engine thread (the session is closed), save settings."""
        self.timer.stop()
        self.conference_chat.stop()
        self.chat.shutdown()
        self.engine.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        save_splitters(self.settings, (self.split, self.left_split))
        self.settings.sync()
        super().closeEvent(event)
