"""The text model in a helper process: its memory (weights, tokenizer, Kiwi) outside the caller's.

The window is asked to stay within 1.2 GB resident while it reads 45 faces and their names;
the chat's text model alone added ~570 MB to whichever process loaded it with torch and
transformers. `TextModelProcess` has the same `predict` as TextEmotionModel but runs it in a
spawned process of its own, started on the first message (the model loads there, lazily, as
in-process) and ended by `close()` or with its parent. Messages and probabilities cross a pipe
(~0.1 ms each way). In the helper the model runs in numpy (core.text.numpy_model, same
probabilities): the helper never imports torch, so it costs ~390 MB (Kiwi's ~300 MB the most)
rather than ~570 MB plus torch's libraries. A folder numpy cannot run (not a BERT, no fast
tokenizer file) or a device other than the CPU gets the torch model there instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# The helper's BLAS on one thread: at chat sizes more threads only spin against the window's (10x slower under load).
HELPER_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def open_model(model_dir: str | None, device: str):
    """The model the helper runs: numpy when it can (no torch in the process), else the torch model."""
    from core.text.numpy_model import NumpyTextModel, unsupported

    if device == "cpu" and model_dir is not None and unsupported(model_dir) is None:
        return NumpyTextModel(model_dir)
    from core.text.model import TextEmotionModel

    return TextEmotionModel(model_dir, device)


def _serve(conn, model_dir: str | None, device: str, threads: int) -> None:
    """The helper's loop: texts in, (True, probabilities) or (False, error line) out; None ends it."""
    model = open_model(model_dir, device)
    if "torch" in sys.modules:  # the torch model, for a folder numpy cannot run
        import torch

        torch.set_num_threads(threads)
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


@contextlib.contextmanager
def _child_env(threads: int) -> Iterator[None]:
    """Thread counts for a process spawned inside (a spawned child copies the environment when it starts);
    a user's own settings stay."""
    added = [k for k in HELPER_ENV if k not in os.environ]
    for k in added:
        os.environ[k] = str(threads)
    try:
        yield
    finally:
        for k in added:
            os.environ.pop(k, None)


class TextModelProcess:
    """`predict(texts)` -> [N, 7] probabilities from a text model living in a helper process (started on first use)."""

    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu", threads: int = 1) -> None:
        from core.text.folder import config_labels, default_text_model_dir, label_order, read_config

        folder = Path(model_dir) if model_dir is not None else default_text_model_dir()
        label_order(config_labels(read_config(folder)))  # the folder and its labels are checked here, in the caller
        self.model_dir = str(folder)
        self.device, self.threads = device, threads
        self._lock = threading.Lock()
        self._conn = None
        self._process: mp.process.BaseProcess | None = None

    @property
    def started(self) -> bool:
        """Whether the helper process runs."""
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        """The helper's process id while it runs (for memory figures)."""
        return self._process.pid if self.started else None

    def predict(self, texts: list[str]) -> np.ndarray:
        """Probabilities [N, 7] in the fixed class order (the first call starts the helper and loads the model)."""
        with self._lock:
            if self._process is None:
                ctx = mp.get_context("spawn")
                self._conn, child = ctx.Pipe()
                self._process = ctx.Process(target=_serve, args=(child, self.model_dir, self.device, self.threads),
                                            daemon=True, name="emosync-text-model")
                with _child_env(self.threads):
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
