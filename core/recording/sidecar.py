"""The JSON sidecar beside each timeline (which input, models and options made it) and the resume test built on it."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from core.recording.recorder import partial_path

COMPLETE = "complete"


def sidecar_path(csv_path: str | Path) -> Path:
    """Where a timeline's sidecar lives: OUT with `.json` for `.csv`."""
    return Path(csv_path).with_suffix(".json")


def input_facts(path: str | Path) -> dict[str, object]:
    """What identifies an input's content cheaply: {path, size, mtime}."""
    st = os.stat(path)
    return {"path": str(path), "size": st.st_size, "mtime": st.st_mtime}


def now_iso() -> str:
    """Local time with its offset, to the second."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def write_sidecar(csv_path: str | Path, *, input: dict, models: dict, options: dict, frames: int, faces: int,
                  started_at: str, status: str, finished_at: str | None = None, extra: dict | None = None) -> Path:
    """Write the sidecar atomically (temp file, then rename); returns its path. `extra` adds keys (names)."""
    path = sidecar_path(csv_path)
    data = {"input": input, "models": models, "options": options, "frames": frames, "faces": faces,
            "started_at": started_at, "finished_at": finished_at or now_iso(), "status": status,
            "csv": Path(csv_path).name, **(extra or {})}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def is_done(csv_path: str | Path, input: dict, models: dict, options: dict) -> bool:
    """Whether a complete timeline of this very input (size, mtime), by these models and options, is already there."""
    csv_path = Path(csv_path)
    if not csv_path.is_file() or partial_path(csv_path).exists():
        return False
    try:
        data = json.loads(sidecar_path(csv_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    seen = data.get("input", {})
    return (data.get("status") == COMPLETE and data.get("csv") == csv_path.name
            and seen.get("size") == input["size"] and seen.get("mtime") == input["mtime"]
            and data.get("models") == models and data.get("options") == options)
