"""The device selector: the emotion classifier on auto, CPU or CUDA, remembered."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from core.live.engine import LiveEngine
from core.vision.classifier import DEVICES


class DeviceBox(QComboBox):
    """One entry per device in `DEVICES` order; a choice goes to the engine from the next frame."""

    def __init__(self, settings: QSettings, engine: LiveEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings, self._engine = settings, engine
        self.addItems([self.tr("Auto"), "CPU", "CUDA"])
        self.setCurrentIndex(DEVICES.index(str(settings.value("device", "auto"))))
        self.currentIndexChanged.connect(lambda i: self.set_device(DEVICES[i]))

    def set_device(self, device: str) -> None:
        """Run the classifier on auto/cpu/cuda from now on."""
        self._settings.setValue("device", device)
        self._engine.set_device(device)
