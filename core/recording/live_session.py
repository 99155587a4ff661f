"""A recording session of the live app: the timeline CSV on the session clock plus a JSON sidecar."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from core.recording.atomic_file import write_atomic
from core.recording.chat_log import ChatLogWriter, ChatMessage
from core.recording.recorder import SessionRecorder
from core.records import FrameResult


class LiveSession:
    """Streams results to `<folder>/emosync_<start>.csv`, with frame numbers and times from its own start."""

    def __init__(self, folder: str | Path, meta: dict, clock_origin: float | None = None) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.started = datetime.now(timezone.utc).astimezone()
        stem = "emosync_" + self.started.strftime("%Y%m%d_%H%M%S")
        n = 1
        while (folder / f"{stem}.csv").exists() or (folder / f"{stem}.csv.partial").exists():
            n += 1
            stem = f"emosync_{self.started:%Y%m%d_%H%M%S}_{n}"
        self.csv_path = folder / f"{stem}.csv"
        self.sidecar_path = folder / f"{stem}.json"
        self.chat_path = folder / f"{stem}.chat.csv"
        self._recorder = SessionRecorder(self.csv_path)
        self._chat = ChatLogWriter(self.chat_path)
        self._meta = {"started_at": self.started.isoformat(timespec="seconds"), **meta}
        self._t0: float | None = clock_origin  # engine-clock time of the session's start
        self._first_index: int | None = None
        self.frames = 0
        self._lock = threading.Lock()  # the inference thread writes while the GUI may close
        self._meta_lock = threading.Lock()  # sidecar rewrites, one at a time (window, name worker, close)
        self._write_sidecar("recording")

    @property
    def recording_path(self) -> Path:
        """The file the rows are in right now (the .partial while recording)."""
        return self._recorder.partial if not self.closed else self.csv_path

    @property
    def closed(self) -> bool:
        """Whether close() has run."""
        return self._recorder.closed

    def _write_sidecar(self, status: str, **extra: object) -> None:
        data = {**self._meta, "status": status, "csv": self.csv_path.name, "chat": self.chat_path.name, **extra}
        write_atomic(self.sidecar_path, json.dumps(data, indent=2, ensure_ascii=False))

    def update_meta(self, **meta: object) -> None:
        """Record a change (source, device, names) in the sidecar; from any thread, never after close()."""
        with self._meta_lock:  # the window and the name worker both record changes
            if self.closed:
                return
            self._meta.update(meta)
            self._write_sidecar("recording")

    def write(self, result: FrameResult) -> None:
        """Append one analysed frame, rebased to the session's first frame and start time."""
        with self._lock:
            if not self.closed:
                self._write(result)

    def _write(self, result: FrameResult) -> None:
        if self._first_index is None:
            self._first_index = result.index
        if self._t0 is None:
            self._t0 = result.time_s
        self._recorder.write_frame(replace(result, index=result.index - self._first_index,
                                           time_s=max(0.0, result.time_s - self._t0), image=None))
        self.frames += 1

    def write_message(self, message: ChatMessage) -> ChatMessage:
        """Record a chat message (its time on the engine clock), rebased to the session clock."""
        with self._lock:
            if self._t0 is None:
                self._t0 = message.time_s
            t0 = self._t0
            message = replace(message, time_s=max(0.0, message.time_s - t0))
            if not self.closed:
                self._chat.write(message)
        return message

    def flush(self) -> None:
        """Push queued rows to disk (call when frames stop coming)."""
        with self._lock:
            self._recorder.flush()

    def close(self) -> Path:
        """Finish: the CSV gets its final name and the sidecar says complete."""
        with self._lock, self._meta_lock:
            if self.closed:
                return self.csv_path
            path = self._recorder.close(complete=True)
            self._chat.close()
            self._write_sidecar("complete", ended_at=datetime.now(timezone.utc).astimezone().isoformat(
                timespec="seconds"), frames=self.frames)
            return path

    def abandon(self) -> Path | None:
        """End a session whose files cannot be written any more: both stay `.partial` (whole lines), nothing is
        renamed; returns the timeline's partial when it is still there."""
        with self._lock, self._meta_lock:
            try:
                self._recorder.close(complete=False)  # nothing left to do when it is closed already
            except OSError:
                pass
            self._chat.close(complete=False)
            return self._recorder.partial if self._recorder.partial.exists() else None

    def snapshot_to(self, target: str | Path) -> Path:
        """Copy what is recorded so far (or the finished file) to `target`, atomically."""
        self.flush()
        return write_atomic(target, self.recording_path.read_bytes())
