"""Following a chat file while the conference tool writes it (Zoom's auto-saved chat): new messages as they come.

Cost model: one `stat` per poll (every `poll_s`, 0.2 s) and a read of only the bytes added
since the last; the parser holds one message at most. A message is out within a poll of its
line being written, or, for a message whose end cannot be seen (Zoom's two-line form, whose
text lines follow the header; a last line without its newline), after `quiet_s` without new
bytes: well under a second, against the 2 s the window allows.

Design: the file is told by content (`chat_formats.detect`) from its first lines, whenever it
starts to exist; it may not exist yet when following starts. What it held when following
started is history: it is read through the parser (so a CSV's header or a transcript's
state is known) but not given out, and counted. A file that shrinks (truncated) or is
another file under the same name (a new inode: replaced, as an editor or a new meeting
does) is read again from its start as a new file. Polling was chosen over inotify-style
watching because it is the same on every platform and on network folders, and a stat every
0.2 s costs nothing. The thread is the follower's own, joined on `stop()`.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from core.conference.chat_formats import (
    DETECT_LINES,
    MAX_LINE_CHARS,
    ChatFormatError,
    ConferenceMessage,
    _Parser,
    detect,
    new_parser,
    unknown_format,
)

POLL_S = 0.2
QUIET_S = 0.5
READ_BYTES = 1 << 20  # at most this much per poll, so a huge file catching up does not stall a stop


class ChatFollower:
    """Tails one chat file; `poll()` gives the messages written since the last poll (the thread calls it for you)."""

    def __init__(self, path: str | Path, on_message: Callable[[ConferenceMessage], None] | None = None,
                 poll_s: float = POLL_S, quiet_s: float = QUIET_S, history: bool = True) -> None:
        self.path = Path(path)
        self.on_message = on_message or (lambda m: None)
        self.poll_s, self.quiet_s = poll_s, quiet_s
        self.status = "waiting for the file"
        self.error: str | None = None
        self.format: str | None = None
        self.skipped = 0  # messages already in the file when following started
        self.restarts = 0  # truncations and replacements seen
        self._history_end: int | None = 0 if history else None  # bytes of history still to pass over
        self._polled = False
        self.started = threading.Event()  # set after the first poll: from then on, what is written is new
        self._identity: tuple[int, int] | None = None
        self._offset = 0
        self._buffer = b""
        self._parser: _Parser | None = None
        self._undetected: list[str] = []
        self._line_no = 0
        self._last_data = 0.0
        self._partial_fed = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- reading ------------------------------------------------------------------------

    def _reset(self) -> None:
        self._offset, self._buffer, self._parser, self._undetected, self._line_no = 0, b"", None, [], 0
        self._partial_fed = False
        self.format = None
        self.error = None

    def _feed(self, line: str) -> list[ConferenceMessage]:
        self._line_no += 1
        if len(line) > MAX_LINE_CHARS:
            return []
        if self._parser is None:
            self._undetected.append(line)
            fmt = detect(self._undetected)
            if fmt is None:
                if sum(bool(s.strip()) for s in self._undetected) >= DETECT_LINES or "\x00" in line:
                    self.error = str(unknown_format(f"chat file {self.path}"))
                    self.status = "not a chat file"
                return []
            self.format = fmt
            self._parser = new_parser(fmt)
            lines, self._undetected = self._undetected, []
            out: list[ConferenceMessage] = []
            for n, ln in enumerate(lines, start=self._line_no - len(lines) + 1):
                out += self._parser.feed(ln, n)
            return out
        return self._parser.feed(line, self._line_no)

    def _lines(self, lines: list[str]) -> list[ConferenceMessage]:
        out: list[ConferenceMessage] = []
        try:
            for line in lines:
                out += self._feed(line)
        except ChatFormatError as e:  # a malformed CSV row: said, and the rest still read
            self.error = f"chat file {self.path}: {e}"
        return out

    def poll(self) -> list[ConferenceMessage]:
        """Read what was added since the last poll; the messages it completes."""
        first_poll, self._polled = not self._polled, True
        try:
            st = os.stat(self.path)
        except OSError:
            if first_poll:
                self._history_end = None  # it did not exist: all it will hold is new
            if self._identity is not None:
                self.status = "the file is gone; waiting for it"
            return []
        identity = (st.st_dev, st.st_ino)
        if self._identity is not None and (identity != self._identity or st.st_size < self._offset):
            self.restarts += 1
            self._history_end = None
            self._reset()
        if first_poll and self._history_end is not None:
            self._history_end = st.st_size
        self._identity = identity
        if self.error and self._parser is None:
            return []
        self.status = "following"
        data = b""
        if st.st_size > self._offset:
            try:
                with open(self.path, "rb") as f:
                    f.seek(self._offset)
                    data = f.read(READ_BYTES)
            except OSError:
                return []
        start = self._offset
        self._offset += len(data)
        now = time.monotonic()
        messages: list[ConferenceMessage] = []
        if data:
            self._last_data = now
            self._partial_fed = False  # a line given out after a quiet moment goes on: its rest reads as a line
            if start == 0 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            chunks = (self._buffer + data).split(b"\n")
            self._buffer = chunks.pop()
            if len(self._buffer) > 4 * MAX_LINE_CHARS:  # no line ends: not text a chat tool writes
                self._buffer = b""
                if self._parser is None:
                    self.error = str(unknown_format(f"chat file {self.path}"))
                    self.status = "not a chat file"
                    return []
            messages += self._lines([c.decode("utf-8", "replace").rstrip("\r") for c in chunks])
        elif now - self._last_data >= self.quiet_s:
            messages += self._quiet()
        if self._history_end is not None:
            # What was there before following began: read for the parser's state, not given out.
            if self._offset >= self._history_end:
                messages += self._quiet()
                self._history_end = None
            self.skipped += len(messages)
            return []
        return messages

    def _quiet(self) -> list[ConferenceMessage]:
        """No new bytes for a while: the last line and the open message are taken as whole."""
        out: list[ConferenceMessage] = []
        if self._buffer and not self._partial_fed:
            out += self._lines([self._buffer.decode("utf-8", "replace").rstrip("\r")])
            self._buffer, self._partial_fed = b"", True
        if self._parser is not None:
            try:
                out += self._parser.flush()
            except ChatFormatError as e:
                self.error = f"chat file {self.path}: {e}"
        return out

    # ---- thread -------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            messages = self.poll()
            self.started.set()
            for m in messages:
                self.on_message(m)
            self._stop.wait(self.poll_s)

    def start(self) -> None:
        """Follow on a thread of its own until `stop()`."""
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="emosync-chat-follow", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop following and wait for the thread to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @property
    def running(self) -> bool:
        """Whether the thread is following."""
        return self._thread is not None
