"""EmoSync's main window: sources, live video, probability bars, timeline, sessions and export."""

from __future__ import annotations

import threading
import time
from collections import deque
from pathlib import Path

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
from core.text.congruence import dominant_agrees, similarity
from core.vision.classifier import DEVICES
from gui.chat_panel import Author, ChatPanel, Scorer
from gui.class_panel import ClassPanel
from gui.elided_label import ElidedLabel
from gui.participants_action import ParticipantsAction
from gui.probability_bars import ProbabilityBars
from gui.report_action import ReportAction
from gui.timeline_plot import TimelinePlot
from gui.video_view import VideoView

DISPLAY_INTERVAL_MS = 30
CLASS_REFRESH_TICKS = 16  # the class view redraws about twice a second
MEDIA_FILTER = ("Videos and photos (*.mp4 *.avi *.mov *.mkv *.webm *.m4v *.jpg *.jpeg *.png *.bmp *.webp);;"
                "All files (*)")
CONSENT_TEXT = (
    "EmoSync is now watching more than one person.\n\n"
    "What is kept: per-face numbers (emotion probabilities, boxes, times), the names you type "
    "for faces, and chat messages. What is never kept: the video frames themselves.\n\n"
    "Please tell your students that their expressions are being analysed, and why, before you go on."
)


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
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
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
        self.face_label = QLabel("No face")
        self.congruence = TimelinePlot(series={"congruence": "#2e7d32"})
        self.congruence_label = QLabel("Face–text congruence: no message yet")
        self.chat = ChatPanel(self._load_text_scorer, self.engine.now, self._author)
        self.chat.messageScored.connect(self._message_scored)
        # built now, shown when a second face appears: building it then stalled the video ~50 ms
        self.consent_box = QMessageBox(QMessageBox.Icon.Information, "Watching a class", CONSENT_TEXT,
                                       QMessageBox.StandardButton.Ok, self)
        self.consent_box.setModal(False)  # the video goes on; the teacher reads it when ready
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.face_label)
        lay.addWidget(self.bars, 1)
        lay.addWidget(QLabel("Last 60 s"))
        lay.addWidget(self.timeline, 1)
        lay.addWidget(self.congruence_label)
        lay.addWidget(self.congruence, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.video)
        left.addWidget(self.chat)
        left.setSizes([520, 220])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.class_panel)
        split.addWidget(right)
        split.setSizes([620, 350, 360])
        self.setCentralWidget(split)

        tb = QToolBar("Main")
        tb.setObjectName("main-toolbar")
        self.addToolBar(tb)
        self.source_box = QComboBox()
        self.source_box.setMinimumWidth(160)
        self.source_box.setToolTip("Camera to use")
        self.source_box.activated.connect(self._camera_chosen)
        tb.addWidget(QLabel(" Source: "))
        tb.addWidget(self.source_box)
        self.act_refresh = QAction("Find cameras", self, triggered=self.refresh_cameras)
        self.act_open = QAction("Open video or photo…", self, triggered=lambda: self.open_video(),
                                shortcut=QKeySequence.Open)
        self.act_screen = QAction("Screen", self, triggered=lambda: self.use_screen())
        self.act_region = QAction("Screen region…", self, triggered=lambda: self.use_screen_region())
        self.act_session = QAction("Start session", self, triggered=self.toggle_session, shortcut="Ctrl+R")
        self.act_export = QAction("Export CSV…", self, triggered=lambda: self.export_csv(),
                                  shortcut=QKeySequence.Save)
        self.act_folder = QAction("Output folder…", self, triggered=lambda: self.choose_output_folder())
        last = SourceSpec.from_text(str(self.settings.value("source", "")))
        self.act_last = QAction(f"Reopen {last.label}" if last else "Reopen last source", self,
                                triggered=lambda: last and self.set_source(last))
        self.act_last.setEnabled(last is not None)
        self.act_last.setToolTip("Open the source used last time (nothing opens by itself at start-up)")
        for a in (self.act_refresh, self.act_open, self.act_screen, self.act_region, self.act_last):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_session)
        tb.addAction(self.act_export)
        tb.addAction(self.act_folder)
        tb.addSeparator()
        tb.addWidget(QLabel(" Device: "))
        self.device_box = QComboBox()
        self.device_box.addItems(["Auto", "CPU", "CUDA"])
        self.device_box.setCurrentIndex(DEVICES.index(str(self.settings.value("device", "auto"))))
        self.device_box.currentIndexChanged.connect(lambda i: self.set_device(DEVICES[i]))
        tb.addWidget(self.device_box)

        menu = self.menuBar().addMenu("&Session")
        for a in (self.act_open, self.act_screen, self.act_region, self.act_session, self.act_export,
                  self.act_folder):
            menu.addAction(a)
        self.act_report = ReportAction(self, lambda: self.last_session_csv, self.show_message)
        tb.insertAction(self.act_folder, self.act_report)
        menu.addAction(self.act_report)
        self.act_participants = ParticipantsAction(self, self.engine.set_participants, self.show_message)
        menu.addAction(self.act_participants)
        menu.addSeparator()
        menu.addAction(QAction("Quit", self, triggered=self.close, shortcut=QKeySequence.Quit))

        sb = self.statusBar()
        self.rec_label = QLabel("")
        self.fps_label = QLabel("– frames/s")
        # Wide enough for any rate: a label that changes width re-lays out the whole window.
        self.fps_label.setMinimumWidth(self.fps_label.fontMetrics().horizontalAdvance("999 frames/s shown, 999 analysed"))
        self.model_label = QLabel("model: loading…")
        self.source_label = ElidedLabel("no source")
        for w in (self.rec_label, self.source_label, self.fps_label, self.model_label):
            sb.addPermanentWidget(w)

    # ---- sources ----------------------------------------------------------------------------

    def refresh_cameras(self) -> None:
        """Probe cameras on a worker thread; the list appears when it is done."""
        self.source_box.clear()
        self.source_box.addItem("Looking for cameras…")
        # The thread fills a plain list, never touches a Qt object: the display timer shows it.
        found: list[list[int]] = []
        self._camera_probe = found
        threading.Thread(target=lambda: found.append(probe_cameras()), name="emosync-camera-probe",
                         daemon=True).start()

    def _show_cameras(self) -> None:
        cams = self._camera_probe.pop()
        self.source_box.clear()
        if not cams:
            self.source_box.addItem("No camera found")
            self.source_box.setEnabled(False)
            # Over a video already playing, a banner would only hide it: the status bar says it.
            self.show_message("warning", "No camera found. You can still open a video file or watch the screen.",
                              banner=self.engine.source is None)
            return
        self.source_box.setEnabled(True)
        for i in cams:
            self.source_box.addItem(f"Camera {i}", i)

    def _camera_chosen(self, row: int) -> None:
        index = self.source_box.itemData(row)
        if index is not None:
            self.set_source(SourceSpec("camera", str(index)))

    def open_video(self, path: str | None = None) -> None:
        """Play a video file or show a still photo (asks for one when no path is given)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Open video or photo", str(self.settings.value("video_dir", "")),
                                                  MEDIA_FILTER)
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
        dlg.setWindowTitle("Screen region")
        form = QFormLayout(dlg)
        boxes = []
        for name, value in (("Left", 0), ("Top", 0), ("Width", 640), ("Height", 480)):
            sb = QSpinBox()
            sb.setRange(0 if name in ("Left", "Top") else 16, 10000)
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
        self.video.clear(f"Opening {spec.label}…")
        self.source_label.set_full_text(spec.label)
        self.video.hide_banner()
        self.engine.set_source(spec)

    def set_device(self, device: str) -> None:
        """Run the classifier on auto/cpu/cuda from now on."""
        self.settings.setValue("device", device)
        self.engine.set_device(device)

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
            self.show_message("error", f"Cannot record to {self.output_folder}: {e.strerror or e}")
            return
        self.act_session.setText("Stop session")
        self.rec_label.setText("● REC")
        self.rec_label.setStyleSheet("color: white; background: #d32f2f; padding: 0 6px; font-weight: bold;")
        self.rec_label.setToolTip(f"Recording to {session.csv_path}")

    def stop_session(self) -> None:
        """Finish the running session."""
        session = self.engine.stop_session()
        if session is not None:
            self.last_session_csv = session.csv_path
            self.act_report.session_recorded()
            self.statusBar().showMessage(f"Session saved: {session.csv_path}", 8000)
        self.act_session.setText("Start session")
        self.rec_label.setText("")
        self.rec_label.setStyleSheet("")

    def export_csv(self, target: str | None = None) -> Path | None:
        """Write the running or last session's timeline where the user chooses."""
        session = self.engine.session
        if session is None and self.last_session_csv is None:
            self.show_message("warning", "Nothing to export yet: start a session first.")
            return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "Export timeline", str(self.output_folder / "timeline.csv"),
                                                    "CSV (*.csv)")
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
            self.show_message("error", f"Export failed: {e.strerror or e}")
            return None
        self.statusBar().showMessage(f"Exported {path}", 8000)
        return path

    def choose_output_folder(self, folder: str | None = None) -> None:
        """Where sessions are recorded."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Output folder", str(self.output_folder))
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
            self.class_panel.refresh(self.roster, face_id)

    def name_face(self, face_id: int, name: str | None = None) -> None:
        """Call a face by a name (asks for it when none is given); an empty name removes it."""
        if name is None:
            current = self.engine.names.get(face_id, "")
            name, ok = QInputDialog.getText(self, "Name this student", f"Name for face #{face_id}:", text=current)
            if not ok:
                return
        self.engine.set_name(face_id, name)
        self.roster.set_name(face_id, name)
        self._refresh_class()

    def _author(self, face_id: int | None) -> Author:
        """The chat's author (None: the selected face) with their face's emotion now."""
        face_id = self.selected_id if face_id is None else face_id
        if face_id is None:
            return Author(None)
        face = self._latest_faces.get(face_id)
        return Author(face_id, self.engine.names.get(face_id, ""), None if face is None else face.probs)

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
            self.show_message(event.kind, event.text)
        if self.engine.ready.is_set():
            self.model_label.setText(f"model: {self.engine.model_name} on {self.engine.device_in_use}")
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
            (self.timeline, self.congruence)[self._tick % 2].refresh()

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
        self.face_label.setText("No face" if face is None else
                                f"{face.name} (face #{face.face_id})" if face.name else f"Face #{face.face_id}")
        self.timeline.append(result.time_s, self._selected_probs)
        value = None
        text = result.text_for(face) if face is not None else None
        if face is not None and text is not None:
            value = similarity(face.probs, text)
            agree = "dominant classes agree" if dominant_agrees(face.probs, text) else "dominant classes differ"
            self.congruence_label.setText(f"Face–text congruence: {value:.2f} ({agree})")
        self.congruence.append(result.time_s, value)
        now = time.monotonic()
        self._shown_times.append(now)
        if result.captured_at:
            self.last_latency_s = now - result.captured_at
        shown = sum(now - t <= 1.0 for t in self._frame_times)
        analysed = sum(now - t <= 1.0 for t in self._shown_times)
        self.fps_label.setText(f"{shown} frames/s shown, {analysed} analysed")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop the timer and every engine thread (the session is closed), save settings."""
        self.timer.stop()
        self.chat.shutdown()
        self.engine.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
