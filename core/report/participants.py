"""The report's participants rows: who was there without a camera, and where the students' names came from."""

from __future__ import annotations

from collections import Counter

from core.report.strings import Strings

SOURCE_WORDS = {"typed": "{n} typed", "tile": "{n} read from their tiles",
                "participants": "{n} matched to the participants list"}


def participant_rows(meta: dict[str, object], students: int, t: Strings | None = None) -> list[tuple[str, str]]:
    """Rows for the session table from the sidecar's `camera_off` and `name_sources` (both optional)."""
    t = t or Strings("en")
    rows = []
    off = meta.get("camera_off")
    off = [str(n) for n in off if str(n)] if isinstance(off, list) else []
    if off:
        rows.append((t("Participants"), t("{total}: {on} on camera, {off} with the camera off all along ({names})",
                                          total=students + len(off), on=students, off=len(off), names=", ".join(off))))
    sources = meta.get("name_sources")
    if isinstance(sources, dict) and sources:
        counts = Counter(str(v) for v in sources.values())
        rows.append((t("Names"), ", ".join(t(SOURCE_WORDS[k], n=n) if k in SOURCE_WORDS else f"{n} {k}"
                                           for k, n in sorted(counts.items()))))
    return rows
