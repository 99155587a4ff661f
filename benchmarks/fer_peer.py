"""The peer, fer (Haar cascade + mini-Xception), on every frame of a video: run by ITS OWN venv's Python.

`/work/fer-venv/bin/python benchmarks/fer_peer.py VIDEO` prints one JSON object: frames,
seconds (reading and `detect_emotions` together), and each frame's boxes with their dominant
emotion. It imports nothing of EmoSync (that venv has TensorFlow and fer, not our packages);
`benchmarks/bench_pipeline.py --fer-python` and `bench_gallery.py --fer-python` start it in a
subprocess and score its boxes like their own.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    import cv2
    from fer.fer import FER  # 25.x no longer exports it from the package

    detector = FER()  # Haar cascade, as fer's default
    cap = cv2.VideoCapture(argv[0])
    if not cap.isOpened():
        print(f"error: cannot open {argv[0]}", file=sys.stderr)
        return 2
    ok, frame = cap.read()
    if ok:
        detector.detect_emotions(frame)  # warm-up (TensorFlow builds its graph on the first call)
    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
    frames = []
    t0 = time.perf_counter()
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        faces = detector.detect_emotions(frame)
        frames.append([[*map(int, f["box"]), max(f["emotions"], key=f["emotions"].get)] for f in faces])
    seconds = time.perf_counter() - t0
    print(json.dumps({"frames": len(frames), "seconds": seconds, "boxes": frames}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
