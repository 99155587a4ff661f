"""A list of callbacks that a view state calls when it changes: widgets connect to it, as to a Qt signal."""

from __future__ import annotations

from collections.abc import Callable


class Listeners:
    """Callbacks called in the order connected, on the thread that emits (the window's, for the view state)."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., object]] = []

    def connect(self, callback: Callable[..., object]) -> None:
        """Call `callback` with the emitted arguments from now on."""
        self._callbacks.append(callback)

    def emit(self, *args: object) -> None:
        """Call every connected callback with `args`."""
        for callback in list(self._callbacks):
            callback(*args)
