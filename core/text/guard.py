"""Chat text is untrusted input: normalisation, length cap, and spreadsheet-formula guarding."""

from __future__ import annotations

import unicodedata

MAX_MESSAGE_CHARS = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class MessageError(ValueError):
    """A message that cannot be sent as it is (empty, too long); the text is fit for the user."""


def clean_message(text: str, max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """NFC-normalise, drop control characters (newlines and tabs stay), trim; reject empty or too long."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    text = text.strip()
    if not text:
        raise MessageError("empty message")
    if len(text) > max_chars:
        raise MessageError(f"message too long: {len(text)} characters, at most {max_chars}")
    return text


def guard_cell(text: str) -> str:
    """Prefix `'` to a cell a spreadsheet would run as a formula (and to one already starting with `'`)."""
    return "'" + text if text.startswith(_FORMULA_START) or text.startswith("'") else text


def unguard_cell(text: str) -> str:
    """Inverse of guard_cell, for reading our own CSVs back."""
    return text[1:] if text.startswith("'") else text
