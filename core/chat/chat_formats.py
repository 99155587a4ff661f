"""The conference's own chat files and transcripts as messages (time, author, text, kind), read line by line.

Cost model: one pass over the file, one line at a time; a parser holds at most the message
being read (a Zoom message of several lines, a transcript cue), so a 100,000-message file is
never held by the reader (the caller decides what to keep). Detection reads the first lines
only (the first 64 KiB at most).

Design: the format is told by content, never by file name, from the first lines that say
something: `WEBVTT` opens a transcript, a `time_s,text` header is EmoSync's CSV,
`HH:MM:SS<TAB>Name:<TAB>text` is Zoom's cloud chat, `HH:MM:SS From …` Zoom's local *Save
chat*. Each format is a small line-fed state machine (`feed(line)` gives the messages a line
completes, `flush()` the one still open), so the same parsers read a whole file, a text
pasted from the chat panel and a file that grows while the class runs (the follower flushes
after a quiet moment). Lines a parser cannot place are counted in `ReadStats` with their
numbers, never skipped silently; Zoom's reactions (`Reacted to "…" with …`) are dropped and
counted, replies kept. Times are seconds: from the recording's start for the cloud chat, the
CSV and transcripts, clock seconds since midnight for the local chat (`clock=True`), which
`align` turns into recording time given the recording's start.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.text import encoding
from core.text.guard import unguard_cell

CHAT, TRANSCRIPT = "chat", "transcript"
HEAD_BYTES = 64 * 1024
DETECT_LINES = 50
MAX_LINE_CHARS = 100_000  # a "line" longer than this is not a chat line (a binary file without newlines)

FORMATS: dict[str, str] = {
    "emosync-csv": "EmoSync chat CSV (time_s,text[,author_name] columns)",
    "zoom-cloud": "Zoom cloud recording chat.txt (HH:MM:SS<TAB>Name:<TAB>text)",
    "zoom-local": "Zoom local saved chat (HH:MM:SS From Name to Everyone: …)",
    "webvtt": "WebVTT transcript (Zoom 'Name: text' or Teams '<v Name>text</v>' cues)",
}


class ChatFormatError(ValueError):
    """A chat file that cannot be read; the text is one line fit for the user."""


@dataclass(frozen=True)
class ConferenceMessage:
    """One message as the file has it: when (seconds), who (as written, "" when unsaid), what, chat or transcript."""

    time_s: float
    author: str
    text: str
    kind: str = CHAT
    to: str = ""  # the recipient of a direct message ("" for everyone)
    line: int = 0  # where it starts in the file (1-based)


@dataclass
class ReadStats:
    """What a read met besides messages: lines it could not place, reactions dropped, odd times."""

    messages: int = 0
    unplaced: int = 0
    unplaced_lines: list[int] = field(default_factory=list)  # the first few, for the warning
    bad_cues: int = 0  # transcript cues whose timing line cannot be read
    bad_cue_lines: list[int] = field(default_factory=list)
    reactions: int = 0
    no_author: int = 0
    backwards: int = 0
    empty: int = 0  # messages with no text (a file sent, a deleted message)
    undecodable: bool = False
    encoding: str = "UTF-8"  # how the file was read (core/text/encoding.py)
    encoding_note: str | None = None  # said when it was not UTF-8
    _last_time: float | None = None

    def place_failed(self, n: int) -> None:
        """A line that belongs to no message (before the first one, or garbled)."""
        self.unplaced += 1
        if len(self.unplaced_lines) < 5:
            self.unplaced_lines.append(n)

    def cue_failed(self, n: int) -> None:
        """A transcript cue (starting at line `n`) without a timing line that can be read."""
        self.bad_cues += 1
        if len(self.bad_cue_lines) < 5:
            self.bad_cue_lines.append(n)

    def counted(self, m: ConferenceMessage) -> ConferenceMessage:
        """Count a message on its way out."""
        self.messages += 1
        self.no_author += not m.author
        if self._last_time is not None and m.time_s < self._last_time:
            self.backwards += 1
        self._last_time = m.time_s
        return m

    def warnings(self) -> list[str]:
        """One line per thing worth telling (empty when the file was clean)."""
        out = []
        if self.unplaced:
            out.append(f"{self.unplaced} line(s) belong to no message and were not read "
                       f"(line {_lines_at(self.unplaced_lines, self.unplaced)})")
        if self.bad_cues:
            out.append(f"{self.bad_cues} cue(s) skipped: their timing line is not HH:MM:SS.mmm --> HH:MM:SS.mmm "
                       f"(line {_lines_at(self.bad_cue_lines, self.bad_cues)})")
        if self.reactions:
            out.append(f"{self.reactions} reaction(s) (Reacted to … with …) left out: they are not messages")
        if self.empty:
            out.append(f"{self.empty} empty message(s) skipped (a file sent, a message deleted)")
        if self.no_author:
            out.append(f"{self.no_author} message(s) without an author")
        if self.backwards:
            out.append(f"{self.backwards} message(s) earlier than the one before them (kept, in time order)")
        if self.encoding_note:
            out.append(self.encoding_note)
        if self.undecodable and self.encoding_note != _DAMAGED:
            out.append(f"bytes that are not {self.encoding} were replaced by U+FFFD")
        return out


def _lines_at(first: list[int], count: int) -> str:
    return ", ".join(map(str, first)) + (", …" if count > len(first) else "")


def nothing_read(stats: ReadStats, what: str) -> ChatFormatError | None:
    """The one-line refusal of a file where lines were met but not one message could be read; else None."""
    if stats.messages or not (stats.unplaced or stats.bad_cues):
        return None
    return ChatFormatError(f"{what}: no message could be read; " + "; ".join(stats.warnings()[:2]))


_DAMAGED = encoding.Detected(encoding.UTF8, 0, encoding.REPLACED).note

_HMS = r"(\d{1,3}):([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?"


def _seconds(h: str, m: str, s: str, frac: str | None = None) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + (int(frac.ljust(3, "0")) / 1000 if frac else 0.0)


def parse_clock(text: str) -> float:
    """'09:05:32' (or '9:05:32.5') as seconds; ValueError when it is not a time of day."""
    m = re.fullmatch(_HMS, text.strip())
    if not m or int(m.group(1)) > 23:
        raise ValueError(f"not a clock time (HH:MM:SS): {text!r}")
    return _seconds(*m.groups())


class _Parser:
    """Line-fed reader of one format; subclasses fill `_line`."""

    name = ""
    kind = CHAT
    clock = False

    def __init__(self) -> None:
        self.stats = ReadStats()
        self._open: dict | None = None  # the message being read: time, author, to, lines, line

    def feed(self, line: str, n: int) -> list[ConferenceMessage]:
        """The messages that line `n` (without its newline) completes."""
        return self._line(line.rstrip("\r\n"), n)

    def flush(self) -> list[ConferenceMessage]:
        """The message still open, if any (end of input, or a quiet moment while following)."""
        return self._close()

    def _line(self, line: str, n: int) -> list[ConferenceMessage]:
        raise NotImplementedError

    def _start(self, n: int, time_s: float, author: str, first: str, to: str = "") -> list[ConferenceMessage]:
        done = self._close()
        self._open = {"time": time_s, "author": author.strip(), "to": to.strip(), "lines": [first] if first else [],
                      "line": n}
        return done

    def _more(self, text: str, n: int) -> None:
        if self._open is None:
            if text.strip():
                self.stats.place_failed(n)
            return
        self._open["lines"].append(text)

    def _close(self) -> list[ConferenceMessage]:
        m, self._open = self._open, None
        if m is None:
            return []
        lines = [ln.strip() for ln in m["lines"]]
        text = "\n".join(ln for ln in lines if ln)
        if not text:
            self.stats.empty += 1  # a header whose text never came: nothing was said, but it is counted
            return []
        return [self.stats.counted(ConferenceMessage(m["time"], m["author"], text, self.kind, m["to"], m["line"]))]


class ZoomCloudParser(_Parser):
    """`00:21:14<TAB>Andrew Knight:<TAB>Hello everyone`; a line without a time continues the message before."""

    name = "zoom-cloud"
    _HEAD = re.compile(r"^\ufeff?" + _HMS + r"\t(.*)$")

    def _line(self, line: str, n: int) -> list[ConferenceMessage]:
        m = self._HEAD.match(line)
        if not m:
            self._more(line, n)
            return []
        t = _seconds(*m.groups()[:4])
        rest = m.group(5)
        author, sep, text = rest.partition("\t")
        if sep and author.rstrip().endswith(":"):
            return self._start(n, t, author.rstrip()[:-1], text)
        return self._start(n, t, "", rest)  # a line without an author: kept, its author unsaid


_RECIPIENT = re.compile(r"\s+to\s+(?=(?:Everyone|everyone|모두|.*\((?:Direct Message|direct message|Privately|privately)\)\s*$))")
_REACTION = re.compile(r"^\s*(?:Reacted to \".*\" with |Removed a .+ reaction from \")")
_REPLY = re.compile(r"^\s*Replying to \".*\"?:?\s*$")


def _author_and_recipient(who: str) -> tuple[str, str]:
    parts = _RECIPIENT.split(who, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    author, sep, to = who.partition(" to ")
    return (author.strip(), to.strip()) if sep else (who.strip(), "")


class ZoomLocalParser(_Parser):
    """Zoom's *Save chat* (clock times): `09:05:32 From  Name : text` on one line, or
    `09:05:32 From Name to Everyone:` followed by tab-indented lines of text."""

    name = "zoom-local"
    clock = True
    _HEAD = re.compile(r"^\ufeff?" + _HMS + r"\s+From\s+(.*)$")

    def _line(self, line: str, n: int) -> list[ConferenceMessage]:
        m = self._HEAD.match(line)
        if not m:
            if self._open is not None and _REACTION.match(line):
                self._open["reaction"] = True
            elif self._open is not None and _REPLY.match(line) and not self._open["lines"]:
                self._open["reply"] = line.strip()
            else:
                self._more(line, n)
            return []
        t = _seconds(*m.groups()[:4])
        rest = m.group(5).rstrip()
        if rest.endswith(":") and " : " not in rest:  # the two-line form: the text follows
            author, to = _author_and_recipient(rest[:-1])
            return self._start(n, t, author, "", to)
        who, sep, text = rest.partition(" : ")
        if not sep:
            who, _, text = rest.partition(":")
        author, to = _author_and_recipient(who)
        return self._start(n, t, author, text, to)

    def _close(self) -> list[ConferenceMessage]:
        m = self._open
        if m is not None and m.pop("reaction", False) and not any(ln.strip() for ln in m["lines"]):
            self._open = None
            self.stats.reactions += 1
            return []
        if m is not None and "reply" in m and not any(ln.strip() for ln in m["lines"]):
            m["lines"].append(m["reply"])  # a reply whose own text is missing keeps its quote
        return super()._close()


class WebVttParser(_Parser):
    """WebVTT cues: the cue's start is the time; Teams `<v Name>text</v>` or Zoom `Name: text` is the speaker."""

    name = "webvtt"
    kind = TRANSCRIPT
    _TIMING = re.compile(r"^\s*(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})\s+-->\s+\S+")
    _VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
    _TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[^>]*>")
    _SPEAKER = re.compile(r"^([^:<>]{1,120}?):\s+(.*)$", re.S)

    def __init__(self) -> None:
        super().__init__()
        self._skip_block = False
        self._untimed: list[int] = []  # lines of the current block seen before any timing line

    def _end_block(self) -> None:
        if self._untimed and (len(self._untimed) > 1 or self._open is None):
            self.stats.cue_failed(self._untimed[0])  # an identifier and text, but no readable timing line
        self._untimed = []

    def _line(self, line: str, n: int) -> list[ConferenceMessage]:
        if not line.strip():
            self._skip_block = False
            if self._open is None:
                self._end_block()
            self._untimed = []
            return self._close()
        if self._skip_block:
            return []
        m = self._TIMING.match(line)
        if m:
            h, mm, s, frac = m.groups()
            if len(self._untimed) > 1:  # text before the timing line: an earlier cue lost its own
                self.stats.cue_failed(self._untimed[0])
            self._untimed = []
            return self._start(n, _seconds(h or "0", mm, s, frac), "", "")
        if self._open is None:
            head = line.lstrip("\ufeff").strip()
            if head.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
                self._skip_block = True
            else:  # a cue identifier before its timing line, or a cue whose timing cannot be read
                self._untimed.append(n)
            return []
        self._open["lines"].append(line)
        return []

    def flush(self) -> list[ConferenceMessage]:
        if self._open is None:
            self._end_block()
        return super().flush()

    def _close(self) -> list[ConferenceMessage]:
        m = self._open
        if m is not None:
            raw = "\n".join(m["lines"])
            voice = self._VOICE.search(raw)
            text = html.unescape(self._TAG.sub("", raw)).strip()
            if voice:
                m["author"] = html.unescape(voice.group(1)).strip()
            else:
                sm = self._SPEAKER.match(text)
                if sm:
                    m["author"], text = sm.group(1).strip(), sm.group(2)
            m["lines"] = [text]
        return super()._close()


class EmoSyncCsvParser(_Parser):
    """EmoSync's chat CSV: a header with `time_s` and `text` (optionally `author_name` or `author`, `kind`)."""

    name = "emosync-csv"

    def __init__(self) -> None:
        super().__init__()
        self._columns: list[str] | None = None
        self._record: list[str] = []
        self._record_line = 0

    def _line(self, line: str, n: int) -> list[ConferenceMessage]:
        if not self._record:
            if not line.strip() and self._columns is not None:
                return []
            self._record_line = n
        self._record.append(line)
        text = "\n".join(self._record)
        if text.count('"') % 2:  # a quoted cell goes on to the next line
            return []
        self._record = []
        try:
            cells = next(csv.reader([line + "\n" for line in text.split("\n")]), [])
        except csv.Error:
            raise ChatFormatError(f"line {self._record_line}: not a CSV row") from None
        if self._columns is None:
            self._columns = [c.strip().lstrip("\ufeff") for c in cells]
            if not {"time_s", "text"} <= set(self._columns):
                raise ChatFormatError("a chat CSV needs 'time_s' and 'text' columns")
            return []
        row = dict(zip(self._columns, cells))
        try:
            t = float(row.get("time_s", ""))
        except ValueError:
            raise ChatFormatError(f"line {self._record_line}: time_s is not a number") from None
        if t != t or t in (float("inf"), float("-inf")):
            raise ChatFormatError(f"line {self._record_line}: time_s must be a time in seconds")
        author = row.get("author_name") or row.get("author") or ""
        kind = TRANSCRIPT if (row.get("kind") or "").strip() == TRANSCRIPT else CHAT
        text = row.get("text") or ""
        return [self.stats.counted(ConferenceMessage(t, unguard_cell(author), text, kind, "", self._record_line))]

    def flush(self) -> list[ConferenceMessage]:
        if self._record:
            n = self._record_line
            self._record = []
            raise ChatFormatError(f"line {n}: a quoted cell is never closed (a truncated file?)")
        return []


PARSERS: dict[str, type[_Parser]] = {p.name: p for p in (EmoSyncCsvParser, ZoomCloudParser, ZoomLocalParser,
                                                           WebVttParser)}


def unknown_format(what: str) -> ChatFormatError:
    """The one-line error for content in no known format."""
    return ChatFormatError(f"{what} is in no known chat format; formats read: " + "; ".join(FORMATS.values()))


def detect(lines: Iterable[str]) -> str | None:
    """The format name of the first lines that say something, or None."""
    for i, line in enumerate(lines):
        if i >= DETECT_LINES:
            break
        s = line.lstrip("\ufeff").rstrip("\r\n")
        if not s.strip():
            continue
        if s.startswith("WEBVTT"):
            return "webvtt"
        if ZoomLocalParser._HEAD.match(s):
            return "zoom-local"
        if ZoomCloudParser._HEAD.match(s) and "\t" in s:
            return "zoom-cloud"
        try:
            cells = [c.strip() for c in next(csv.reader([s]), [])]
        except csv.Error:
            cells = []
        if {"time_s", "text"} <= set(cells):
            return "emosync-csv"
        if len(s) > 1000:
            return None
    return None


@dataclass
class ChatRead:
    """A chat source opened: its format, whether times are clock times, its messages (read as iterated) and stats."""

    format: str
    clock: bool
    messages: Iterator[ConferenceMessage]
    stats: ReadStats


def _messages(parser: _Parser, lines: Iterable[str], what: str) -> Iterator[ConferenceMessage]:
    n = 0
    for n, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            parser.stats.place_failed(n)
            continue
        yield from parser.feed(line, n)
    yield from parser.flush()
    refusal = nothing_read(parser.stats, what)
    if refusal is not None:
        raise refusal


def open_chat(path: str | Path) -> ChatRead:
    """Open a chat file or transcript (format by content); its messages are read as they are iterated.

    ChatFormatError (one line) when it is missing, binary or in no known format; a malformed
    CSV row raises it while iterating.
    """
    path = Path(path)
    what = f"chat file {path}"
    if not path.is_file():
        raise ChatFormatError(f"no such chat file: {path}")
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as e:
        raise ChatFormatError(f"cannot read {what}: {e.strerror or e}") from None
    try:
        found = encoding.detect(head, complete=len(head) < HEAD_BYTES, what=what)
    except encoding.EncodingError as e:
        raise ChatFormatError(str(e)) from None
    text_head = encoding.incremental_decoder(found).decode(head[found.bom:])
    fmt = detect(text_head.splitlines())
    if fmt is None:
        raise unknown_format(what)
    parser = PARSERS[fmt]()
    parser.stats.encoding, parser.stats.encoding_note = encoding.NAMES[found.codec], found.note

    def lines() -> Iterator[str]:
        with open(path, "rb") as raw:
            raw.seek(found.bom)
            with io.TextIOWrapper(raw, encoding=found.codec, errors="replace", newline="") as f:
                for line in f:
                    if "\ufffd" in line:
                        parser.stats.undecodable = True
                    yield line

    return ChatRead(fmt, parser.clock, _messages(parser, _split_lines(lines()), what), parser.stats)


def _split_lines(lines: Iterable[str]) -> Iterator[str]:
    """Lines as the tools mean them: \\r\\n, \\n or a lone \\r each end one."""
    for line in lines:
        if "\r" in line.rstrip("\r\n"):
            yield from line.replace("\r\n", "\n").replace("\r", "\n").splitlines()
        else:
            yield line


def parse_chat_text(text: str, what: str = "the pasted text") -> ChatRead:
    """Text copied from a chat panel or a file already in memory, as `open_chat` reads a file."""
    if "\x00" in text:
        raise ChatFormatError(f"{what} is binary, not chat text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fmt = detect(lines)
    if fmt is None:
        raise unknown_format(what)
    parser = PARSERS[fmt]()
    return ChatRead(fmt, parser.clock, _messages(parser, lines, what), parser.stats)


def new_parser(fmt: str) -> _Parser:
    """A fresh line-fed parser of one format (for a file read as it grows)."""
    return PARSERS[fmt]()


def read_all(read: ChatRead) -> list[ConferenceMessage]:
    """Every message, ChatFormatError on a malformed CSV row."""
    return list(read.messages)


_FOLDER_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ _](\d{2})\.(\d{2})\.(\d{2})")


def folder_start(*paths: str | Path) -> float | None:
    """The clock time (seconds since midnight) in the first Zoom folder name `2026-03-02 09.00.12 Topic` on these paths."""
    for p in paths:
        for part in reversed(Path(p).resolve().parts if Path(p).exists() else Path(p).parts):
            m = _FOLDER_START.search(part)
            if m:
                h, mi, s = (int(g) for g in m.groups()[3:])
                if h < 24 and mi < 60 and s < 60:
                    return h * 3600 + mi * 60 + s
    return None


def align(messages: Iterable[ConferenceMessage], start_s: float) -> Iterator[ConferenceMessage]:
    """Clock-time messages as seconds from the recording's start (clock `start_s`); past midnight is the next day."""
    day = 0.0
    last = None
    for m in messages:
        t = m.time_s + day
        if last is not None and t < last - 12 * 3600:  # 23:59 -> 00:01: the next day, not twelve hours back
            day += 24 * 3600
            t += 24 * 3600
        last = t
        if last == t and t - start_s < -12 * 3600:  # the recording began before midnight, the chat after
            day += 24 * 3600
            t += 24 * 3600
            last = t
        yield replace(m, time_s=t - start_s)
