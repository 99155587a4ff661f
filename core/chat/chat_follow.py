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
does) is read again from its start as a new file, and so is one rewritten in place (its
first bytes differ after its modification time changed, whatever its size). Bytes are
decoded incrementally in the file's encoding (UTF-8, UTF-16 or CP949, told from its first
bytes), so a character split across two writes arrives whole. A folder is an error, never
"following". Polling was chosen over inotify-style
watching because it is the same on every platform and on network folders, and a stat every
0.2 s costs nothing. The thread is the follower's own, joined on `stop()`.
"""

from __future__ import annotations

import codecs
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from core.chat.chat_formats import (
    DETECT_LINES,
    MAX_LINE_CHARS,
    ChatFormatError,
    ConferenceMessage,
    _Parser,
    detect,
    new_parser,
    unknown_format,
)
from core.text import encoding

POLL_S = 0.2
QUIET_S = 0.5
READ_BYTES = 1 << 20  # at most this much per poll, so a huge file catching up does not stall a stop
HEAD_BYTES = 4096  # the first bytes, kept to tell a file rewritten in place at the same size


def not_followable(path: str | Path) -> str | None:
    """Why `path` cannot be followed (a folder), in one line; None when it can (it may not exist yet)."""
    return f"chat file {path} is a folder, not a file: choose the chat file in it" if Path(path).is_dir() else None


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
        self._mtime_ns = 0
        self._head = b""  # the file's first bytes as read (up to HEAD_BYTES)
        self._offset = 0
        self._decoder: codecs.IncrementalDecoder | None = None
        self._ascii_only = True  # the encoding is sure only once a non-ASCII byte was seen
        self._buffer = ""  # decoded text of the line not yet ended
        self._parser: _Parser | None = None
        self._undetected: list[str] = []
        self._line_no = 0
        self._last_data = 0.0
        self._partial_fed = False
        self._early: ConferenceMessage | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- reading ------------------------------------------------------------------------

    def _reset(self) -> None:
        self._offset, self._buffer, self._parser, self._undetected, self._line_no = 0, "", None, [], 0
        self._head, self._decoder, self._ascii_only, self._early = b"", None, True, None
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

    def _rewritten(self, st: os.stat_result) -> bool:
        """Whether the file was rewritten in place: same inode, changed time, other first bytes (any size)."""
        if st.st_mtime_ns == self._mtime_ns or not self._head:
            return False
        try:
            with open(self.path, "rb") as f:
                return f.read(len(self._head)) != self._head
        except OSError:
            return False

    def _decode(self, data: bytes, start: int) -> str:
        """Bytes to text in the file's encoding; a character cut at the end waits for its rest."""
        if self._decoder is None or (self._ascii_only and max(data, default=0) >= 0x80):
            # First bytes, or the first non-ASCII ones (all before were ASCII: no character is cut here).
            sample = self._head if self._decoder is None else data
            try:
                found = encoding.detect(sample, what="")
            except encoding.EncodingError:
                raise ChatFormatError(str(unknown_format(f"chat file {self.path}"))) from None
            if self._decoder is None or found.codec != encoding.UTF8:
                self._decoder = encoding.incremental_decoder(found)
            if start == 0 and found.bom:
                data = data[found.bom:]
            self._ascii_only = max(sample, default=0) < 0x80 and found.codec == encoding.UTF8
        return self._decoder.decode(data)

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
        if stat.S_ISDIR(st.st_mode):
            self.error = not_followable(self.path)
            self.status = "not a chat file"
            return []
        identity = (st.st_dev, st.st_ino)
        if self._identity is not None and (identity != self._identity or st.st_size < self._offset
                                           or self._rewritten(st)):
            self.restarts += 1
            self._history_end = None
            self._reset()
        if first_poll and self._history_end is not None:
            self._history_end = st.st_size
        self._identity = identity
        self._mtime_ns = st.st_mtime_ns
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
        if start < HEAD_BYTES:
            self._head += data[: HEAD_BYTES - start]
        now = time.monotonic()
        messages: list[ConferenceMessage] = []
        if data:
            self._last_data = now
            try:
                text = self._decode(data, start)
            except ChatFormatError as e:
                self.error, self.status = str(e), "not a chat file"
                return []
            if self._partial_fed:  # a line given out after a quiet moment goes on: its rest is that message's
                rest, sep, text = text.partition("\n")
                if not sep:
                    self._buffer, text = "", rest  # still no line end: wait for it as before
                else:
                    messages += self._rest_of_line(rest.rstrip("\r"))
                    self._partial_fed = False
            lines = (self._buffer + text).split("\n")
            self._buffer = lines.pop()
            if len(self._buffer) > 4 * MAX_LINE_CHARS:  # no line ends: not text a chat tool writes
                self._buffer = ""
                if self._parser is None:
                    self.error = str(unknown_format(f"chat file {self.path}"))
                    self.status = "not a chat file"
                    return []
            messages += self._lines([ln.rstrip("\r") for ln in lines])
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

    def _rest_of_line(self, rest: str) -> list[ConferenceMessage]:
        """The rest of a line given out early: more text of the message it ended (same author and time)."""
        early, self._early = self._early, None
        if early is None or not rest.strip() or self._parser is None:
            return self._lines([rest]) if rest else []
        self._line_no += 1
        return [replace(early, text=rest.strip(), line=self._line_no)]

    def _quiet(self) -> list[ConferenceMessage]:
        """No new bytes for a while: the last line and the open message are taken as whole.

        Only whole characters: bytes of one cut in the middle stay in the decoder for the next write.
        """
        out: list[ConferenceMessage] = []
        if self._buffer and not self._partial_fed:
            out += self._lines([self._buffer.rstrip("\r")])
            self._buffer, self._partial_fed = "", True
            if self._parser is not None:
                try:
                    out += self._parser.flush()
                except ChatFormatError as e:
                    self.error = f"chat file {self.path}: {e}"
            self._early = out[-1] if out else None  # the message that line ended, if its rest comes later
            return out
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
