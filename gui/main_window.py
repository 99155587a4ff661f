"""EmoSync's main window: sources, live video, probability bars, timeline, sessions and export."""

from __future__ import annotations

import threading
import time
from collections import deque
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core.live.engine import LiveEngine
from core.live.roster import ClassRoster
from core.recording.chat_log import ChatMessage
from core.records import FrameResult
from core.sources.frame_source import probe_cameras
from core.sources.spec import SourceSpec
from core.text.congruence import congruence, dominant_agrees
from core.vision.classifier import DEVICES
from gui.chat_panel import Author, ChatPanel, Scorer
from gui.class_panel import ClassPanel
from gui.conference_chat import ConferenceChat
from gui.elided_label import ElidedLabel
from gui.engine_messages import ended, window_text
from gui.language_menu import LanguageMenu
from gui.layout_fit import fit_to_screen, keep_on_screen, restore_splitters, save_splitters, short_label
from gui.participants_action import ParticipantsAction
from gui.probability_bars import ProbabilityBars
from gui.report_action import ReportAction
from gui.timeline_plot import TimelinePlot
from gui.video_view import VideoView

DISPLAY_INTERVAL_MS = 30
CLASS_REFRESH_TICKS = 16  # the class view redraws about twice a second
SPLIT_SHARES = (48, 27, 25)  # video and chat | class view | bars and plots, in per cent of the width
MEDIA_FILTER = ("Videos and photos (*.mp4 *.avi *.mov *.mkv *.webm *.m4v *.jpg *.jpeg *.png *.bmp *.webp);;"
                "All files (*)")


def default_text_scorer(model_dir: str | None = None) -> Scorer:
    """Load the shipped (or given) Korean text model; returns its predict function."""
    from core.text.model import TextEmotionModel

    return TextEmotionModel(model_dir).predict


class MainWindow(QMainWindow):
    """The window; all work happens in the LiveEngine's threads, pulled here on a display timer."""

    def __init__(self, engine: LiveEngine | None = None, settings: QSettings | None = None,
                 load_text_scorer=None) -> None:
        super().__init__()
        self._load_text_scorer = load_text_scorer or default_text_scorer
        self._selected_probs = None
        self._latest_faces: dict = {}
        self.roster = ClassRoster()
        self.consent_shown = False
        self.setWindowTitle("EmoSync")
        self.settings = settings or QSettings("EmoSync", "EmoSync")
        self.engine = engine or LiveEngine(device=str(self.settings.value("device", "auto")))
        self.output_folder = Path(str(self.settings.value("output_folder", str(Path.home() / "EmoSync"))))
        self.last_session_csv: Path | None = None
        self.selected_id: int | None = None
        self._last_index = -1
        self._tick = 0
        self._shown_times: deque[float] = deque(maxlen=120)  # results shown (bars updated)
        self._frame_times: deque[float] = deque(maxlen=120)  # frames displayed
        self._last_frame_at = -1.0
        self._camera_probe: list[list[int]] = []  # filled by the probe thread; read on the GUI thread
        self.messages: deque[tuple[str, str]] = deque(maxlen=100)  # (kind, text), newest last
        self._build_ui()
        geometry = self.settings.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            fit_to_screen(self)
        keep_on_screen(self)
        restore_splitters(self.settings, (self.split, self.left_split))
        self.engine.start()
        self.timer = QTimer(self)
        self.timer.setInterval(DISPLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh_cameras()

    # ---- construction --------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.video = VideoView()
        self.video.faceClicked.connect(self.select_face)
        self.video.faceDoubleClicked.connect(lambda face_id: self.name_face(face_id))
        self.class_panel = ClassPanel()
        self.class_panel.faceSelected.connect(self.select_face)
        self.class_panel.renameRequested.connect(lambda face_id: self.name_face(face_id))
        self.bars = ProbabilityBars()
        self.timeline = TimelinePlot()
        self.banner = self.video.banner
        self.face_label = QLabel(self.tr("No face"))
        self.congruence = TimelinePlot(series={"congruence": "#2e7d32"})
        self.congruence_label = QLabel(self.tr("Face–text congruence: no message yet"))
        self.chat = ChatPanel(self._load_text_scorer, self.engine.now, self._author)
        self.chat.messageScored.connect(self._message_scored)
        # built now, shown when a second face appears: building it then stalled the video ~50 ms
        self.consent_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Watching a class"), self._consent_text(),
                                       QMessageBox.StandardButton.Ok, self)
        self.consent_box.setModal(False)  # the video goes on; the teacher reads it when ready
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.face_label)
        lay.addWidget(self.bars, 1)
        lay.addWidget(QLabel(self.tr("Last 60 s")))
        lay.addWidget(self.timeline, 1)
        lay.addWidget(self.congruence_label)
        lay.addWidget(self.congruence, 1)
        self.attention_label = QLabel(self.tr("Attention: no reading yet"))
        self.attention_plot = TimelinePlot(series={self.tr("looking at the screen"): "#1565c0",
                                                   self.tr("eyes open"): "#e65100"})
        lay.addWidget(self.attention_label)
        lay.addWidget(self.attention_plot, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("left-splitter")
        left.addWidget(self.video)
        left.addWidget(self.chat)
        left.setSizes([520, 220])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("main-splitter")
        split.addWidget(left)
        split.addWidget(self.class_panel)
        split.addWidget(right)
        split.setSizes(list(SPLIT_SHARES))  # proportions: the splitter scales them to its width
        self.split, self.left_split = split, left
        self.setCentralWidget(split)

        tb = QToolBar(self.tr("Main"))
        tb.setObjectName("main-toolbar")
        self.addToolBar(tb)
        self.source_box = QComboBox()
        self.source_box.setMinimumWidth(160)
        self.source_box.setToolTip(self.tr("Camera to use"))
        self.source_box.activated.connect(self._camera_chosen)
        tb.addWidget(QLabel(self.tr(" Source: ")))
        tb.addWidget(self.source_box)
        self.act_refresh = QAction(self.tr("Find cameras"), self, triggered=self.refresh_cameras)
        self.act_open = QAction(self.tr("Open video or photo…"), self, triggered=lambda: self.open_video(),
                                shortcut=QKeySequence.Open)
        self.act_screen = QAction(self.tr("Screen"), self, triggered=lambda: self.use_screen())
        self.act_region = QAction(self.tr("Screen region…"), self, triggered=lambda: self.use_screen_region())
        self.act_session = QAction(self.tr("Start session"), self, triggered=self.toggle_session, shortcut="Ctrl+R")
        self.act_export = QAction(self.tr("Export CSV…"), self, triggered=lambda: self.export_csv(),
                                  shortcut=QKeySequence.Save)
        self.act_folder = QAction(self.tr("Output folder…"), self, triggered=lambda: self.choose_output_folder())
        last = SourceSpec.from_text(str(self.settings.value("source", "")))
        # The toolbar shows the file's name, shortened: a whole path pushed the device selector
        # into the toolbar's overflow menu. The menu and the tooltip have all of it.
        self.act_last = QAction(self.tr("Reopen {source}").format(source=last.label) if last
                                else self.tr("Reopen last source"), self,
                                triggered=lambda: last and self.set_source(last))
        self.act_last.setEnabled(last is not None)
        self.act_last.setIconText(self.tr("Reopen {source}").format(source=short_label(last.label)) if last
                                  else self.tr("Reopen last source"))
        self.act_last.setToolTip(self.tr("Open the source used last time (nothing opens by itself at start-up)")
                                 + (f"\n{last.label}" if last else ""))
        for a in (self.act_refresh, self.act_open, self.act_screen, self.act_region, self.act_last):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_session)
        tb.addAction(self.act_export)
        tb.addSeparator()
        tb.addWidget(QLabel(self.tr(" Device: ")))
        self.device_box = QComboBox()
        self.device_box.addItems([self.tr("Auto"), "CPU", "CUDA"])
        self.device_box.setCurrentIndex(DEVICES.index(str(self.settings.value("device", "auto"))))
        self.device_box.currentIndexChanged.connect(lambda i: self.set_device(DEVICES[i]))
        tb.addWidget(self.device_box)

        tb.addSeparator()
        self.act_attention = QAction(self.tr("Attention"), self, checkable=True)
        self.act_attention.setToolTip(self.tr("Head pose, eyes closed and looking away per face (off by default; "
                                              "numbers only, no pictures kept)"))
        self.act_attention.toggled.connect(self.set_attention)
        tb.addAction(self.act_attention)

        # Menus by what they act on; other features add their actions to the one that fits.
        menu = self.menu_session = self.menuBar().addMenu(self.tr("&Session"))
        for a in (self.act_open, self.act_screen, self.act_region, self.act_last, self.act_session, self.act_export,
                  self.act_folder):
            menu.addAction(a)
        self.act_report = ReportAction(self, lambda: self.last_session_csv, self.show_message,
                                       language=lambda: self.language_menu.current)
        tb.insertAction(self.act_export, self.act_report)
        menu.addAction(self.act_report)
        self.act_participants = ParticipantsAction(self, self.engine.set_participants, self.show_message)
        menu.addAction(self.act_participants)
        self.conference_chat = ConferenceChat(self, self.chat, lambda: self.engine.names, self._face_probs_now,
                                              self.show_message)
        menu.addSeparator()
        menu.addActions(list(self.conference_chat.actions))
        menu.addSeparator()
        menu.addAction(QAction(self.tr("Quit"), self, triggered=self.close, shortcut=QKeySequence.Quit))
        self.menu_class = self.menuBar().addMenu(self.tr("&Class"))
        self.menu_class.addAction(QAction(self.tr("Name the selected student…"), self,
                                          triggered=lambda: self.selected_id is not None and self.name_face(self.selected_id)))
        self.menu_class.addAction(self.act_attention)
        self.act_attention.setChecked(str(self.settings.value("attention", "false")).lower() == "true")
        self.set_attention(self.act_attention.isChecked())
        self.language_menu = LanguageMenu(self.settings, self.show_message, self)
        self.menuBar().addMenu(self.language_menu)

        sb = self.statusBar()
        self.rec_label = QLabel("")
        self.fps_label = QLabel(self.tr("– frames/s"))
        # Wide enough for any rate: a label that changes width re-lays out the whole window.
        self.fps_label.setMinimumWidth(self.fps_label.fontMetrics().horizontalAdvance(
            self.tr("{shown} frames/s shown, {analysed} analysed").format(shown=999, analysed=999)))
        self.model_label = QLabel(self.tr("model: loading…"))
        self.source_label = ElidedLabel(self.tr("no source"), width_chars=28)
        for w in (self.rec_label, self.source_label, self.fps_label, self.model_label):
            sb.addPermanentWidget(w)

    # ---- sources ----------------------------------------------------------------------------

    def refresh_cameras(self) -> None:
        """Probe cameras on a worker thread; the list appears when it is done."""
        self.source_box.clear()
        self.source_box.addItem(self.tr("Looking for cameras…"))
        # The thread fills a plain list, never touches a Qt object: the display timer shows it.
        found: list[list[int]] = []
        self._camera_probe = found
        threading.Thread(target=lambda: found.append(probe_cameras()), name="emosync-camera-probe",
                         daemon=True).start()

    def _show_cameras(self) -> None:
        cams = self._camera_probe.pop()
        self.source_box.clear()
        if not cams:
            self.source_box.addItem(self.tr("No camera found"))
            self.source_box.setEnabled(False)
            text = self.tr("No camera found. You can still open a video file or watch the screen.")
            if self.engine.source is None:
                self.show_message("warning", text)
            else:  # over a video already playing, neither banner nor status bar: the source box says it
                self.messages.append(("warning", text))
            return
        self.source_box.setEnabled(True)
        for i in cams:
            self.source_box.addItem(self.tr("Camera {index}").format(index=i), i)

    def _camera_chosen(self, row: int) -> None:
        index = self.source_box.itemData(row)
        if index is not None:
            self.set_source(SourceSpec("camera", str(index)))

    def open_video(self, path: str | None = None) -> None:
        """Play a video file or show a still photo (asks for one when no path is given)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open video or photo"),
                                                  str(self.settings.value("video_dir", "")),
                                                  self.tr("Videos and photos") + MEDIA_FILTER[len("Videos and photos"):])
            if not path:
                return
            self.settings.setValue("video_dir", str(Path(path).parent))
        self.set_source(SourceSpec("file", path))

    def use_screen(self, monitor: int = 1) -> None:
        """Watch a whole screen (e.g. a video-conference window)."""
        self.set_source(SourceSpec("screen", str(monitor)))

    def use_screen_region(self, region: tuple[int, int, int, int] | None = None) -> None:
        """Watch a rectangle of the screen (asks for it when none is given)."""
        if region is None:
            region = self._ask_region()
            if region is None:
                return
        self.set_source(SourceSpec("screen", "1", region))

    def _ask_region(self) -> tuple[int, int, int, int] | None:
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Screen region"))
        form = QFormLayout(dlg)
        boxes = []
        for name, low, value in ((self.tr("Left"), 0, 0), (self.tr("Top"), 0, 0), (self.tr("Width"), 16, 640),
                                 (self.tr("Height"), 16, 480)):
            sb = QSpinBox()
            sb.setRange(low, 10000)
            sb.setValue(value)
            form.addRow(name, sb)
            boxes.append(sb)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        form.addRow(buttons)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return tuple(b.value() for b in boxes)  # type: ignore[return-value]

    def set_source(self, spec: SourceSpec) -> None:
        """Switch sources (a running session keeps recording)."""
        self.settings.setValue("source", spec.to_text())
        self.selected_id = None
        self.roster.clear()
        self.timeline.clear_history()
        self.video.clear(self.tr("Opening {source}…").format(source=spec.label))
        self.source_label.set_full_text(spec.label)
        self.video.hide_banner()
        self.statusBar().clearMessage()  # what was said about the last source is not about this one
        self.engine.set_source(spec)

    def set_device(self, device: str) -> None:
        """Run the classifier on auto/cpu/cuda from now on."""
        self.settings.setValue("device", device)
        self.engine.set_device(device)

    def set_attention(self, on: bool) -> None:
        """Switch attention signals on or off (remembered); the consent notice names them while on."""
        on = bool(on)
        self.settings.setValue("attention", on)
        self.engine.set_attention(on)
        self.class_panel.set_attention(on)
        self.attention_label.setVisible(on)
        self.attention_plot.setVisible(on)
        self.attention_plot.clear_history()
        text = self._consent_text()
        if on:
            text += "\n\n" + self.tr(
                "Attention signals are on: for each face, head pose (yaw, pitch, roll), eye openness, eyes closed "
                "and looking away are computed and kept as numbers. They say where a face points, not whether "
                "anyone is learning.")
        self.consent_box.setText(text)
        if on and self.consent_shown:  # the class was told what is kept; attention adds to it, so say so again
            self.consent_box.show()

    # ---- sessions -------------------------------------------------------------------------

    def toggle_session(self) -> None:
        """Start a session, or stop the one running."""
        if self.engine.session is None:
            self.start_session()
        else:
            self.stop_session()

    def start_session(self) -> None:
        """Begin streaming the timeline to a new CSV in the output folder."""
        try:
            session = self.engine.start_session(self.output_folder)
        except OSError as e:
            self.show_message("error", self.tr("Cannot record to {folder}: {reason}").format(
                folder=self.output_folder, reason=e.strerror or e))
            return
        self.act_session.setText(self.tr("Stop session"))
        self.rec_label.setText(self.tr("● REC"))
        self.rec_label.setStyleSheet("color: white; background: #d32f2f; padding: 0 6px; font-weight: bold;")
        self.rec_label.setToolTip(self.tr("Recording to {path}").format(path=session.csv_path))

    def stop_session(self) -> None:
        """Finish the running session."""
        session = self.engine.stop_session()
        if session is not None:
            self.last_session_csv = session.csv_path
            self.act_report.session_recorded()
            self.statusBar().showMessage(self.tr("Session saved: {path}").format(path=session.csv_path), 8000)
        self.act_session.setText(self.tr("Start session"))
        self.rec_label.setText("")
        self.rec_label.setStyleSheet("")

    def export_csv(self, target: str | None = None) -> Path | None:
        """Write the running or last session's timeline where the user chooses."""
        session = self.engine.session
        if session is None and self.last_session_csv is None:
            self.show_message("warning", self.tr("Nothing to export yet: start a session first."))
            return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Export timeline"),
                                                    str(self.output_folder / "timeline.csv"), "CSV (*.csv)")
            if not target:
                return None
        try:
            if session is not None:
                path = session.snapshot_to(target)
            else:
                assert self.last_session_csv is not None
                Path(target).write_bytes(self.last_session_csv.read_bytes())
                path = Path(target)
        except OSError as e:
            self.show_message("error", self.tr("Export failed: {reason}").format(reason=e.strerror or e))
            return None
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 8000)
        return path

    def choose_output_folder(self, folder: str | None = None) -> None:
        """Where sessions are recorded."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), str(self.output_folder))
            if not folder:
                return
        self.output_folder = Path(folder)
        self.settings.setValue("output_folder", folder)

    # ---- display --------------------------------------------------------------------------

    def show_message(self, kind: str, text: str, banner: bool = True) -> None:
        """Show a status or fault in the status bar and (unless `banner` is False) over the
        video (never a modal box)."""
        self.messages.append((kind, text))
        colors = {"error": "#fdecea", "warning": "#fff4e5", "info": "#e8f4fd"}
        if banner:
            self.video.show_banner(text, colors.get(kind, "#eeeeee"))
        self.statusBar().showMessage(text, 10000)

    def select_face(self, face_id: int) -> None:
        """Follow this face in the bars and timeline."""
        if face_id != self.selected_id:
            self.selected_id = face_id
            self.video.selected_id = face_id
            self.timeline.clear_history()
            self.congruence.clear_history()
            self.attention_plot.clear_history()
            self.class_panel.refresh(self.roster, face_id)
            # The bars and their title follow at once, from the last the class view knows of
            # this face: after a video has ended no new result comes to update them.
            student = self.roster.get(face_id)
            if student is not None:
                self._selected_probs = student.probs
                self.bars.set_probabilities(student.probs)
                self.face_label.setText(self._face_title(face_id, student.name))

    def name_face(self, face_id: int, name: str | None = None) -> None:
        """Call a face by a name (asks for it when none is given); an empty name removes it."""
        if name is None:
            current = self.engine.names.get(face_id, "")
            name, ok = QInputDialog.getText(self, self.tr("Name this student"),
                                            self.tr("Name for face #{id}:").format(id=face_id), text=current)
            if not ok:
                return
        self.engine.set_name(face_id, name)
        self.roster.set_name(face_id, name)
        self._refresh_class()

    def _face_title(self, face_id: int, name: str) -> str:
        return (self.tr("{name} (face #{id})").format(name=name, id=face_id) if name
                else self.tr("Face #{id}").format(id=face_id))

    def _consent_text(self) -> str:
        return self.tr(
            "EmoSync is now watching more than one person.\n\n"
            "What is analysed: the faces in the video (each face's emotion, and the names on gallery tiles) and "
            "the chat text you paste or type. What is kept, only while you record a session: the timeline CSV "
            "(per face: times, boxes, emotion probabilities, names), the chat log (messages, authors, their "
            "emotions) and a small sidecar file (source, model, settings, names). Video frames and face images "
            "are never saved.\n\n"
            "The law: the EU AI Act (Regulation (EU) 2024/1689, Article 5(1)(f)) prohibits, since 2 February 2025, "
            "using AI systems to infer the emotions of people at work and in education institutions, except for "
            "medical or safety reasons. Korea's Personal Information Protection Act (Article 23) treats biometric "
            "data that identifies a person as sensitive information, which needs separate consent. Use EmoSync "
            "only where the law allows it, such as research with participants' informed consent or your own view "
            "of yourself. You are responsible for how you use it; this is not legal advice.\n\n"
            "Tell everyone on camera that their expressions are being analysed, and why, before you go on.")

    def _author(self, face_id: int | None) -> Author:
        """The chat's author (None: the selected face) with their face's emotion now."""
        face_id = self.selected_id if face_id is None else face_id
        if face_id is None:
            return Author(None)
        face = self._latest_faces.get(face_id)
        return Author(face_id, self.engine.names.get(face_id, ""), None if face is None else face.probs)

    def _face_probs_now(self, face_id: int) -> object:
        """This face's emotion in the newest frame shown, None when it is not on screen."""
        face = getattr(self, "_latest_faces", {}).get(face_id)
        return None if face is None else face.probs

    def _refresh_class(self) -> None:
        self.roster.set_camera_off(self.engine.camera_off)
        self.class_panel.refresh(self.roster, self.selected_id)
        self.chat.set_students([(s.face_id, s.label()) for s in self.roster.students("id")])

    def _ask_consent_once(self, faces: int) -> None:
        if self.consent_shown or faces < 2:
            return
        self.consent_shown = True
        self.consent_box.show()

    def models_loaded(self) -> bool:
        """Whether the face model (engine) and the text model (chat) have finished loading."""
        return self.engine.ready.is_set() and self.chat.model_loaded

    def _message_scored(self, message: ChatMessage) -> None:
        self.engine.add_message(message)

    def refresh(self) -> None:
        """Display tick: pull the newest result and status changes from the engine."""
        if self._camera_probe:
            self._show_cameras()
        for event in self.engine.events():
            self.show_message(event.kind, window_text(event.text))
            if ended(event.text):  # the status bar says what state the open source is in
                self.source_label.set_full_text(self.tr("{source} (ended)").format(source=self.source_label.full_text()))
        if self.engine.ready.is_set():
            self.model_label.setText(self.tr("model: {model} on {device}").format(model=self.engine.model_name,
                                                                               device=self.engine.device_in_use))
        frame = self.engine.latest_frame()
        if frame is not None and frame.captured_at != self._last_frame_at:
            self._last_frame_at = frame.captured_at
            self.video.show_frame(frame.image)
            self._frame_times.append(time.monotonic())
        result = self.engine.latest()
        if result is not None and result.index != self._last_index:
            self._last_index = result.index
            self._show(result)
        # The plots take turns (each redraws at most every min_redraw_s): two repaints in one
        # tick would add up to one long stall.
        self._tick += 1
        if self._tick % CLASS_REFRESH_TICKS == 0:
            self._refresh_class()
        else:  # the plots take turns with the class view too
            plots = (self.timeline, self.congruence, self.attention_plot) if self.act_attention.isChecked() \
                else (self.timeline, self.congruence)
            plots[self._tick % len(plots)].refresh()

    def _show(self, result: FrameResult) -> None:
        faces = {f.face_id: f for f in result.faces}
        self._latest_faces = faces
        self.roster.update(result)
        self._ask_consent_once(len(faces))
        if self.selected_id not in faces and faces:
            self.select_face(max(faces.values(), key=lambda f: f.box[2] * f.box[3]).face_id)
        face = faces.get(self.selected_id) if self.selected_id is not None else None
        self.video.selected_id = self.selected_id
        self.video.show_result(result)
        self._selected_probs = None if face is None else face.probs
        self.bars.set_probabilities(self._selected_probs)
        self.face_label.setText(self.tr("No face") if face is None else self._face_title(face.face_id, face.name))
        self.timeline.append(result.time_s, self._selected_probs)
        value = None
        text = result.text_for(face) if face is not None else None
        if face is not None and text is not None:
            value = congruence(face.probs, text)
            agree = (self.tr("dominant classes agree") if dominant_agrees(face.probs, text)
                     else self.tr("dominant classes differ"))
            self.congruence_label.setText(self.tr("Face–text congruence: {value} ({agree})").format(
                value=f"{value:.2f}", agree=agree))
        self.congruence.append(result.time_s, value)
        if self.act_attention.isChecked():
            self._show_attention(result.time_s, face)
        now = time.monotonic()
        self._shown_times.append(now)
        if result.captured_at:
            self.last_latency_s = now - result.captured_at
        shown = sum(now - t <= 1.0 for t in self._frame_times)
        analysed = sum(now - t <= 1.0 for t in self._shown_times)
        self.fps_label.setText(self.tr("{shown} frames/s shown, {analysed} analysed").format(shown=shown,
                                                                                          analysed=analysed))

    def _show_attention(self, time_s: float, face) -> None:
        a = face.attention if face is not None else None
        if a is None or not a.measured:
            self.attention_label.setText(self.tr("Attention: no reading (face too small or not seen)"))
            self.attention_plot.append(time_s, None)
            return
        state = (self.tr("eyes closed") if a.eyes_closed else self.tr("looking away") if a.looking_away
                 else self.tr("looking at the screen"))
        self.attention_label.setText(self.tr("Attention: {0} (yaw {1:+d}°, pitch {2:+d}°, eyes {3:.2f})")
                                     .format(state, round(a.yaw), round(a.pitch), a.eye_openness))
        self.attention_plot.append(time_s, np.array([0.0 if a.looking_away else 1.0, 0.0 if a.eyes_closed else 1.0]))

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
