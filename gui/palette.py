"""Fixed colours of the seven classes, the same in bars, timeline and face labels.

Defined in core/classes.py (the report, which has no Qt, draws with them too); re-exported here
for the widgets.
"""

from __future__ import annotations

from core.classes import EMOTION_COLORS

__all__ = ["EMOTION_COLORS"]
