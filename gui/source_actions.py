"""Where frames come from: the camera list, *Open video or photo…*, *Screen*, *Screen region…* and *Reopen*."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QSpinBox, QWidget

from core.live.engine import LiveEngine
from core.sources.frame_source import probe_cameras
from core.sources.spec import SourceSpec
from core.view.window import WindowState
from gui.layout_fit import short_label

MEDIA_FILTER = ("Videos and photos (*.mp4 *.avi *.mov *.mkv *.webm *.m4v *.jpg *.jpeg *.png *.bmp *.webp);;"
                "All files (*)")


class SourceActions(QObject):
    """The source actions and the camera box; a choice goes to the engine and the view state (remembered)."""

    def __init__(self, window: QWidget, settings: QSettings, engine: LiveEngine, state: WindowState,
                 show_message: Callable[..., None]) -> None:
        super().__init__(window)
        self._window, self._settings, self._engine, self._state = window, settings, engine, state
        self._show_message = show_message
        self._camera_probe: list[list[int]] = []  # filled by the probe thread; read on the GUI thread
        self.source_box = QComboBox()
        self.source_box.setMinimumWidth(160)
        self.source_box.setToolTip(self.tr("Camera to use"))
        self.source_box.activated.connect(self._camera_chosen)
        self.act_refresh = QAction(self.tr("Find cameras"), window, triggered=self.refresh_cameras)
        self.act_open = QAction(self.tr("Open video or photo…"), window, triggered=lambda: self.open_video(),
                                shortcut=QKeySequence.Open)
        self.act_screen = QAction(self.tr("Screen"), window, triggered=lambda: self.use_screen())
        self.act_region = QAction(self.tr("Screen region…"), window, triggered=lambda: self.use_screen_region())
        last = SourceSpec.from_text(str(settings.value("source", "")))
        # The toolbar shows the file's name, shortened: a whole path pushed the device selector
        # into the toolbar's overflow menu. The menu and the tooltip have all of it.
        self.act_last = QAction(self.tr("Reopen {source}").format(source=last.label) if last
                                else self.tr("Reopen last source"), window,
                                triggered=lambda: last and self.set_source(last))
        self.act_last.setEnabled(last is not None)
        self.act_last.setIconText(self.tr("Reopen {source}").format(source=short_label(last.label)) if last
                                  else self.tr("Reopen last source"))
        self.act_last.setToolTip(self.tr("Open the source used last time (nothing opens by itself at start-up)")
                                 + (f"\n{last.label}" if last else ""))
        self.actions = (self.act_refresh, self.act_open, self.act_screen, self.act_region, self.act_last)

    def refresh_cameras(self) -> None:
        """Probe cameras on a worker thread; the list appears on a later `poll`."""
        self.source_box.clear()
        self.source_box.addItem(self.tr("Looking for cameras…"))
        # The thread fills a plain list, never touches a Qt object: the display timer shows it.
        found: list[list[int]] = []
        self._camera_probe = found
        threading.Thread(target=lambda: found.append(probe_cameras()), name="emosync-camera-probe",
                         daemon=True).start()

    def poll(self) -> None:
        """Show the cameras found, once the probe has finished (the display timer calls this)."""
        if self._camera_probe:
            self.show_cameras(self._camera_probe.pop())

    def show_cameras(self, cams: list[int]) -> None:
        """List these cameras in the box; none found is said over the video only while nothing plays."""
        self.source_box.clear()
        if not cams:
            self.source_box.addItem(self.tr("No camera found"))
            self.source_box.setEnabled(False)
            text = self.tr("No camera found. You can still open a video file or watch the screen.")
            if self._engine.source is None:
                self._show_message("warning", text)
            else:  # over a video already playing, neither banner nor status bar: the source box says it
                self._state.status.said("warning", text)
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
            path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open video or photo"),
                                                  str(self._settings.value("video_dir", "")),
                                                  self.tr("Videos and photos") + MEDIA_FILTER[len("Videos and photos"):])
            if not path:
                return
            self._settings.setValue("video_dir", str(Path(path).parent))
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
        dlg = QDialog(self._window)
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
        self._settings.setValue("source", spec.to_text())
        self._state.source_opened(spec.label)
        self._engine.set_source(spec)
