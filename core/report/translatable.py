"""The mark on an English text kept in a constant until the page translates it (own module: statistics use it too)."""

from __future__ import annotations


def english(text: str) -> str:
    """Mark an English text kept in a constant until it is translated (the tests' registry finds it); returns it."""
    return text
