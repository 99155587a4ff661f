"""The notice about watching a class: shown once a second face appears, again when attention adds to what is kept."""

from __future__ import annotations


class Consent:
    """Whether the notice has been shown and whether it must name attention signals."""

    def __init__(self) -> None:
        self.shown = False
        self.attention = False

    def faces_seen(self, faces: int) -> bool:
        """`faces` are in view now; True when the notice is due (the first time there are two or more)."""
        if self.shown or faces < 2:
            return False
        self.shown = True
        return True

    def set_attention(self, on: bool) -> bool:
        """Attention signals switched on or off; True when the notice must be shown again (on, after it was shown)."""
        self.attention = bool(on)
        return self.attention and self.shown
