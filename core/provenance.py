"""Which models produced a result: short content digests of the weights, defined once for sidecars and resume."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.resources import default_emotion_weights

DIGEST_CHARS = 12


def file_digest(path: str | Path) -> str:
    """Short sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:DIGEST_CHARS]


def folder_digest(path: str | Path) -> str:
    """Short sha256 over a folder's files (relative names and bytes, in sorted order)."""
    root = Path(path)
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + file_digest(f).encode())
    return h.hexdigest()[:DIGEST_CHARS]


def model_version(weights: str | Path | None = None, text_model: str | Path | None = None) -> dict[str, str]:
    """The models' identity as sidecars record it: {emotion_cnn: digest, text_model: digest when one is used}."""
    version = {"emotion_cnn": file_digest(weights or default_emotion_weights())}
    if text_model is not None:
        version["text_model"] = folder_digest(text_model)
    return version
