"""*Start/Stop session*, *Export CSV…*, *Output folder…* and *Report…*: recording the timeline and what follows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow

from core.live.engine import LiveEngine
from core.recording.atomic_file import write_atomic
from core.view.window import WindowState
from gui.report_action import ReportAction


class SessionActions(QObject):
    """Starts and stops the engine's sessions in the output folder (remembered); follows `recording_changed`."""

    def __init__(self, window: QMainWindow, settings: QSettings, engine: LiveEngine, state: WindowState,
                 show_message: Callable[..., None], language: Callable[[], str | None]) -> None:
        super().__init__(window)
        self._window, self._settings, self._engine, self._state = window, settings, engine, state
        self._show_message = show_message
        self.output_folder = Path(str(settings.value("output_folder", str(Path.home() / "EmoSync"))))
        self.last_session_csv: Path | None = None
        self.act_session = QAction(self.tr("Start session"), window, triggered=self.toggle_session, shortcut="Ctrl+R")
        self.act_export = QAction(self.tr("Export CSV…"), window, triggered=lambda: self.export_csv(),
                                  shortcut=QKeySequence.Save)
        self.act_folder = QAction(self.tr("Output folder…"), window, triggered=lambda: self.choose_output_folder())
        self.act_report = ReportAction(window, lambda: self.last_session_csv, show_message, language=language)
        state.recording_changed.connect(self._recording_changed)

    def _recording_changed(self) -> None:
        self.act_session.setText(self.tr("Start session") if self._state.status.recording is None
                                 else self.tr("Stop session"))

    def poll(self) -> None:
        """Notice a session the engine ended itself (a disk that refused a write)."""
        if self._engine.session is None and self._state.status.recording is not None:
            self._state.set_recording(None)

    def toggle_session(self) -> None:
        """Start a session, or stop the one running."""
        if self._engine.session is None:
            self.start_session()
        else:
            self.stop_session()

    def start_session(self) -> None:
        """Begin streaming the timeline to a new CSV in the output folder."""
        try:
            session = self._engine.start_session(self.output_folder)
        except OSError as e:
            self._show_message("error", self.tr("Cannot record to {folder}: {reason}").format(
                folder=self.output_folder, reason=e.strerror or e))
            return
        self._state.set_recording(session.csv_path)

    def stop_session(self) -> None:
        """Finish the running session."""
        session = self._engine.stop_session()
        if session is not None:
            self.last_session_csv = session.csv_path
            self.act_report.session_recorded()
            self._window.statusBar().showMessage(self.tr("Session saved: {path}").format(path=session.csv_path), 8000)
        self._state.set_recording(None)

    def export_csv(self, target: str | None = None) -> Path | None:
        """Write the running or last session's timeline where the user chooses."""
        session = self._engine.session
        if session is None and self.last_session_csv is None:
            self._show_message("warning", self.tr("Nothing to export yet: start a session first."))
            return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export timeline"),
                                                    str(self.output_folder / "timeline.csv"), "CSV (*.csv)")
            if not target:
                return None
        try:
            if session is not None:
                path = session.snapshot_to(target)
            else:
                assert self.last_session_csv is not None
                path = write_atomic(target, self.last_session_csv.read_bytes())
        except OSError as e:
            self._show_message("error", self.tr("Export failed: {reason}").format(reason=e.strerror or e))
            return None
        self._window.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 8000)
        return path

    def choose_output_folder(self, folder: str | None = None) -> None:
        """Where sessions are recorded."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self._window, self.tr("Output folder"), str(self.output_folder))
            if not folder:
                return
        self.output_folder = Path(folder)
        self._settings.setValue("output_folder", folder)
