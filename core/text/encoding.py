"""Which encoding a text file a user hands over is in: UTF-8 (with or without BOM), UTF-16, or Korean Windows' CP949.

Design: chats and participants lists come from Zoom (UTF-8), from Excel or Notepad on a
Korean Windows (CP949, which includes EUC-KR, or "Unicode", which is UTF-16 with a BOM), and
from editors that drop the BOM. The order of the tries is what makes a wrong guess unlikely:
a byte-order mark first; then UTF-16 without one, told by its NUL bytes (ASCII characters,
digits, newlines have a zero high byte, always on the same side); then UTF-8, strictly
(random bytes almost never pass); then CP949, strictly. Text with a few damaged bytes
that nothing decodes whole is read as UTF-8 with U+FFFD in their place, said in a warning;
what is mostly undecodable is refused in one line. Detection looks at a head of the file
(64 KiB) so it serves streamed reads; `decode_bytes` checks a whole small file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

UTF8, UTF8_BOM, UTF16_LE, UTF16_BE, CP949 = "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp949"
NAMES = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 with BOM", UTF16_LE: "UTF-16 LE", UTF16_BE: "UTF-16 BE",
         CP949: "CP949 (Korean Windows, EUC-KR)"}
REPLACED = "utf-8 (damaged)"  # UTF-8 read with U+FFFD for the bytes that are not
MAX_DAMAGED = 0.1  # at most this share of U+FFFD in UTF-8 before a file is refused rather than read with them
_READ = "UTF-8, UTF-16 or CP949 (EUC-KR)"
_BOMS = ((codecs.BOM_UTF8, UTF8_BOM), (codecs.BOM_UTF16_LE, UTF16_LE), (codecs.BOM_UTF16_BE, UTF16_BE))


class EncodingError(ValueError):
    """The bytes are text in none of the encodings read; the message is one line."""


@dataclass(frozen=True)
class Detected:
    """The encoding to read with (a Python codec name), how many bytes of BOM to skip, and a warning when not UTF-8."""

    codec: str
    bom: int = 0
    name: str = ""

    @property
    def note(self) -> str | None:
        """'read as CP949 (…), not UTF-8' when it is worth telling; None for UTF-8."""
        if self.codec == UTF8:
            return "bytes that are not UTF-8 were replaced by U+FFFD" if self.name == REPLACED else None
        if self.codec == UTF8_BOM:
            return None
        return f"read as {NAMES[self.codec]}, not UTF-8"


def _utf16_by_nuls(head: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes on one side of the pairs only (ASCII, digits and newlines put them there)."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    # Some Hangul have a zero byte too (U+C900 준), but on both sides and far fewer than ASCII's.
    if odd >= 0.1 * pairs and odd >= 4 * even:
        return UTF16_LE
    if even >= 0.1 * pairs and even >= 4 * odd:
        return UTF16_BE
    return None


def _decodes(head: bytes, codec: str, final: bool, texty: bool = False) -> bool:
    """Whether `head` decodes strictly; `texty`: and gives text, not control characters (binary read as UTF-16)."""
    try:
        text = codecs.getincrementaldecoder(codec)("strict").decode(head, final)
    except UnicodeDecodeError:
        return False
    if texty:
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
        return controls <= 0.01 * len(text)
    return True


def detect(head: bytes, complete: bool = False, what: str = "the file") -> Detected:
    """The encoding of `head` (the whole file when `complete`); EncodingError (one line) when it is not text at all.

    A head may end in the middle of a character: unless `complete`, its last bytes need not decode.
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            if not _decodes(head[len(bom):], codec.replace("-sig", ""), complete):
                raise EncodingError(f"{what} is not text in {_READ}: it starts with a {NAMES[codec]} byte-order "
                                    "mark, and what follows is not")
            return Detected(codec, len(bom) if codec != UTF8_BOM else 0, NAMES[codec])
    utf16 = _utf16_by_nuls(head)
    if utf16 and _decodes(head[: len(head) // 2 * 2], utf16, False, texty=True):
        return Detected(utf16, 0, NAMES[utf16])
    if b"\x00" in head:
        raise EncodingError(f"{what} is a binary file, not text")
    if _decodes(head, UTF8, complete):
        return Detected(UTF8, 0, NAMES[UTF8])
    if _decodes(head, CP949, complete):
        return Detected(CP949, 0, NAMES[CP949])
    text = head.decode(UTF8, "replace")
    if text.count("\ufffd") <= MAX_DAMAGED * len(text):
        return Detected(UTF8, 0, REPLACED)
    raise EncodingError(f"{what} is not text in {_READ}")


def decode_bytes(data: bytes, what: str = "the file") -> tuple[str, Detected]:
    """A whole small file as text, and how it was read; EncodingError when it is not text."""
    found = detect(data, complete=True, what=what)
    return data[found.bom:].decode(found.codec, "replace"), found


def incremental_decoder(found: Detected) -> codecs.IncrementalDecoder:
    """A decoder for bytes that come in pieces (a followed file): a character split across two reads is kept whole."""
    return codecs.getincrementaldecoder(found.codec)("replace")
