"""The report's participants rows: who was there without a camera, and where the students' names came from."""

from __future__ import annotations

from collections import Counter

SOURCE_WORDS = {"typed": "typed", "tile": "read from their tiles", "participants": "matched to the participants list"}


def participant_rows(meta: dict[str, object], students: int) -> list[tuple[str, str]]:
    """Rows for the session table from the sidecar's `camera_off` and `name_sources` (both optional)."""
    rows = []
    off = meta.get("camera_off")
    off = [str(n) for n in off if str(n)] if isinstance(off, list) else []
    if off:
        rows.append(("Participants", f"{students + len(off)}: {students} on camera, {len(off)} with the camera off "
                                     f"all along ({', '.join(off)})"))
    sources = meta.get("name_sources")
    if isinstance(sources, dict) and sources:
        counts = Counter(str(v) for v in sources.values())
        rows.append(("Names", ", ".join(f"{n} {SOURCE_WORDS.get(k, k)}" for k, n in sorted(counts.items()))))
    return rows
