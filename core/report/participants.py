"""The report's participants rows: who was there without a camera, and where the students' names came from."""

from __future__ import annotations

from collections import Counter

from core.report.strings import Strings
from core.report.translatable import english

SOURCE_WORDS = {"typed": english("{n} typed in the window"), "tile": english("{n} read from their tiles"),
                "participants": english("{n} matched to the participants list")}


def participant_rows(meta: dict[str, object], students: int, t: Strings | None = None) -> list[tuple[str, str]]:
    """Rows for the session table from the sidecar's `camera_off` and `name_sources` (both optional)."""
    t = t or Strings("en")
    rows = []
    off = meta.get("camera_off")
    off = [str(n) for n in off if str(n)] if isinstance(off, list) else []
    if off:
        rows.append((t("Participants"),
                     t("{total} participants: {on} on camera, {off} with the camera off all along ({names})",
                       total=students + len(off), on=students, off=len(off), names=", ".join(off))))
    sources = meta.get("name_sources")
    if isinstance(sources, dict) and sources:
        counts = Counter(str(v) for v in sources.values())
        known = [t(SOURCE_WORDS[k], n=n) for k, n in sorted(counts.items()) if k in SOURCE_WORDS]
        other = sum(n for k, n in counts.items() if k not in SOURCE_WORDS)
        rows.append((t("Names"), ", ".join(known + ([t("{n} from elsewhere", n=other)] if other else []))))
    return rows
