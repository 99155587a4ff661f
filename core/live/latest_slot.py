"""A one-slot, latest-wins buffer between a producer and a consumer thread."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    """Holds only the newest item: `put` replaces what was there (counting it as dropped)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: T | None = None
        self._has = False
        self.dropped = 0

    def put(self, item: T) -> None:
        """Store `item`, replacing an item not yet taken."""
        with self._cond:
            if self._has:
                self.dropped += 1
            self._item, self._has = item, True
            self._cond.notify()

    def take(self, timeout: float | None = None) -> T | None:
        """Remove and return the newest item, waiting up to `timeout` seconds; None if none came."""
        with self._cond:
            if not self._has and not self._cond.wait_for(lambda: self._has, timeout):
                return None
            item, self._item, self._has = self._item, None, False
            return item

    def peek(self) -> T | None:
        """The newest item without removing it (None if empty)."""
        with self._cond:
            return self._item if self._has else None
