"""Input discovery: files, folders (searched recursively) and globs, each mapped to its timeline's place under the output folder."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.sources.files import IMAGE_SUFFIXES, VIDEO_SUFFIXES

TIMELINE_SUFFIX = ".emotions.csv"


class InputError(ValueError):
    """A named input that does not exist, a search that finds nothing, or two inputs with one output; fit for a user."""


@dataclass(frozen=True)
class BatchInput:
    """One file to analyse and its timeline's path relative to the output folder (mirroring where it was found)."""

    path: Path
    rel_out: Path


def timeline_name(path: str | Path) -> str:
    """The timeline file name for an input: its stem + `.emotions.csv` (also the single-input default)."""
    return Path(path).stem + TIMELINE_SUFFIX


def is_search(spec: str) -> bool:
    """Whether a command-line input names a search (a folder, or a glob matching no file of that name), not one file."""
    return Path(spec).is_dir() or (glob.has_magic(spec) and not Path(spec).exists())


def _is_media(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in VIDEO_SUFFIXES | IMAGE_SUFFIXES


def _glob_base(spec: str) -> Path:
    """The folder part of a glob before its first wildcard: matches mirror their paths below it."""
    parts = Path(spec).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return Path(*fixed) if fixed else Path(".")


def _expand(spec: str) -> list[tuple[Path, Path]]:
    """(file, its path relative to where the search started) for one command-line input."""
    path = Path(spec)
    if path.is_dir():
        return [(f, f.relative_to(path)) for f in sorted(path.rglob("*")) if _is_media(f)]
    if is_search(spec):
        base = _glob_base(spec)
        found: list[tuple[Path, Path]] = []
        for match in map(Path, sorted(glob.glob(spec, recursive=True))):
            if match.is_dir():
                found += [(f, f.relative_to(base)) for f in sorted(match.rglob("*")) if _is_media(f)]
            elif match.is_file():
                found.append((match, match.relative_to(base)))
        if not found:
            raise InputError(f"no files match {spec}")
        return found
    if not path.exists():
        raise InputError(f"no such file: {spec}")
    if not path.is_file():
        raise InputError(f"not a file: {spec}")
    return [(path, Path(path.name))]


def discover(specs: Sequence[str]) -> list[BatchInput]:
    """Every video and image file the inputs name, in order, each once; InputError when there is none or two share an output."""
    inputs: list[BatchInput] = []
    seen: set[Path] = set()
    outputs: dict[Path, Path] = {}
    for spec in specs:
        for path, rel in _expand(spec):
            real = path.resolve()
            if real in seen:
                continue
            seen.add(real)
            rel_out = rel.with_name(timeline_name(rel))
            if rel_out in outputs:
                raise InputError(f"{outputs[rel_out]} and {path} would both write {rel_out}")
            outputs[rel_out] = path
            inputs.append(BatchInput(path, rel_out))
    if not inputs:
        raise InputError(f"no video or image files in: {' '.join(specs)}")
    return inputs
