"""The text model in a helper process: its memory (BERT, transformers, Kiwi: ~570 MB) outside the caller's.

The window is asked to stay within 1.2 GB resident while it reads 45 faces and their names;
the chat's text model alone adds ~570 MB to whichever process loads it. `TextModelProcess`
has the same `predict` as TextEmotionModel but runs it in a spawned process of its own,
started on the first message (the model loads there, lazily, as in-process) and ended by
`close()` or with its parent. Messages and probabilities cross a pipe (~0.1 ms each way).
The helper's own memory is not the window's, but it is the machine's: about 0.6 GB of
anonymous memory plus torch's libraries, which the page cache shares with the window.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from pathlib import Path

import numpy as np


def _serve(conn, model_dir: str | None, device: str, threads: int) -> None:
    """The helper's loop: texts in, (True, probabilities) or (False, error line) out; None ends it."""
    import torch

    from core.text.model import TextEmotionModel

    torch.set_num_threads(threads)
    model = TextEmotionModel(model_dir, device)
    while True:
        try:
            texts = conn.recv()
        except EOFError:
            return
        if texts is None:
            return
        try:
            conn.send((True, model.predict(texts)))
        except Exception as e:  # noqa: BLE001 (the caller gets one line, whatever failed)
            conn.send((False, str(e)))


class TextModelProcess:
    """`predict(texts)` -> [N, 7] probabilities from a text model living in a helper process (started on first use)."""

    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu", threads: int = 1) -> None:
        from core.text.model import TextEmotionModel

        TextEmotionModel(model_dir, device)  # the folder and its labels are checked here, in the caller
        self.model_dir = None if model_dir is None else str(model_dir)
        self.device, self.threads = device, threads
        self._lock = threading.Lock()
        self._conn = None
        self._process: mp.process.BaseProcess | None = None

    @property
    def started(self) -> bool:
        """Whether the helper process runs."""
        return self._process is not None and self._process.is_alive()

    def predict(self, texts: list[str]) -> np.ndarray:
        """Probabilities [N, 7] in the fixed class order (the first call starts the helper and loads the model)."""
        with self._lock:
            if self._process is None:
                ctx = mp.get_context("spawn")
                self._conn, child = ctx.Pipe()
                self._process = ctx.Process(target=_serve, args=(child, self.model_dir, self.device, self.threads),
                                            daemon=True, name="emosync-text-model")
                self._process.start()
                child.close()
            try:
                self._conn.send(list(texts))
                ok, value = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self._close_locked()
                raise ValueError("the text model's helper process ended") from None
        if not ok:
            raise ValueError(value)
        return value

    def close(self) -> None:
        """End the helper process (a later `predict` starts a new one)."""
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._process is None:
            return
        try:
            self._conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()
        self._process, self._conn = None, None
