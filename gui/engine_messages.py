"""The engine's events (a code and its parameters, core/live/events.py) in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.live.events import (ENDED, FRAME_FAILED, LOST, MODELS_FAILED, PHOTO, RECONNECTED, RECORDING_STOPPED,
                              EngineEvent)


def _templates() -> dict[str, str]:
    # Built per call: the translations in force are the ones installed now.
    return {
        ENDED: QCoreApplication.translate("EngineMessages", "end of video: {name}"),
        PHOTO: QCoreApplication.translate("EngineMessages", "photo: {name}"),
        RECONNECTED: QCoreApplication.translate("EngineMessages", "{source} reconnected"),
        LOST: QCoreApplication.translate("EngineMessages", "{source} stopped delivering frames; trying to reconnect"),
        MODELS_FAILED: QCoreApplication.translate("EngineMessages", "cannot load the models: {reason}"),
        FRAME_FAILED: QCoreApplication.translate("EngineMessages", "analysis failed on a frame: {reason}"),
        RECORDING_STOPPED: QCoreApplication.translate(
            "EngineMessages", "recording stopped: cannot write {path}: {reason}; the rows so far are in {kept}"),
    }


def window_text(event: EngineEvent) -> str:
    """The event as the window says it (a note made elsewhere is said as it came)."""
    template = _templates().get(event.code)
    return template.format(**event.params) if template is not None else event.text
