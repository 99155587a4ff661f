"""Write an ensemble file (float16) from several weights files: what `analyze --accurate` runs.

`python -m training.make_ensemble --weights A.pt B.pt --views flip --out assets/emotion_ensemble.pt`

Each member keeps its own metadata (recipe, best epoch); members are bare networks: a logit bias that
`finalize_fer` stored is dropped (and noted), since the ensemble averages plain softmax outputs, as
`training.choose_ensemble` scored them. Check the written file with
`python -m training.eval_fer --data ../shared/data/fer2013/PublicTest.npz --accurate`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.vision.classifier import VIEWS
from core.vision.ensemble import save_ensemble
from core.vision.network.weights import load_weights


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.make_ensemble", description=__doc__.splitlines()[0])
    p.add_argument("--weights", nargs="+", required=True, help="single-network weights files (the members)")
    p.add_argument("--views", default="one", choices=tuple(VIEWS), help="test-time views of every face")
    p.add_argument("--out", required=True)
    p.add_argument("--note", default="", help="a line on how the set was chosen, kept in the file's metadata")
    args = p.parse_args(argv)
    members = []
    for w in args.weights:
        try:
            model, meta = load_weights(w)
        except (FileNotFoundError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        if meta.pop("logit_bias", None):
            meta["note"] = "logit bias dropped: the ensemble averages bare networks"
        meta.pop("tta_flip", None)
        name = meta.pop("model")
        members.append((name, model, dict(meta, source=f"{Path(w).parent.name}/{Path(w).name}")))
    save_ensemble(args.out, members, args.views,
                  {"members": [m[2]["source"] for m in members], "note": args.note})
    print(json.dumps({"out": args.out, "members": len(members), "views": args.views,
                      "bytes": Path(args.out).stat().st_size}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
