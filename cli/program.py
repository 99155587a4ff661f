"""The command's name as the user types it, for help and error messages."""

from __future__ import annotations

import sys
from pathlib import Path


def program_name() -> str:
    """The command as the user typed it: `EmoSync` from the bundle (sys.frozen), `main.py` from a checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    typed = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return typed if typed.endswith(".py") and typed != "__main__.py" else "main.py"
