"""Derive the generic 3-D face that head pose is solved against, from the face mesh's own output on FER2013 Training faces.

    python -m training.make_generic_face [--data ../shared/data/fer2013/Training.npz] [--faces 3000]

Each upright face gets the mesh's two aligned passes; its 3-D points (the network predicts depth
too) are centred, scaled to a unit outer-eye-corner distance and rotated onto the running mean
(Kabsch, three rounds). The mean is then made left-right symmetric (each point averaged with its
mirror partner, found as the nearest point of the mirrored mean), so a frontal face is yaw 0 and
roll 0 by construction; pitch 0 is the average FER2013 face. Only points on the rigid part of the
head are kept (brows, lids, lips and jaw move with expressions and yawns). Writes
core/attention/generic_face.py. Training faces only: the benchmark reads PublicTest.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from core.attention.mesh import LEFT_EYE_OUTER, PRESENCE_MIN, RIGHT_EYE_OUTER, FaceMesh
from core.attention.scenes import face_scene

ROOT = Path(__file__).resolve().parent.parent
RIGID = (33, 133, 362, 263, 168, 6, 197, 195, 5, 4, 1, 2, 98, 327, 129, 358, 64, 294, 10, 151, 9, 108, 337,
         67, 297, 234, 454, 93, 323, 127, 356, 116, 345, 117, 346, 50, 280, 123, 352)


def _kabsch(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Rotation taking centred points p onto centred points q."""
    u, _, vt = np.linalg.svd(p.T @ q)
    d = np.sign(np.linalg.det(u @ vt))
    return u @ np.diag([1.0, 1.0, d]) @ vt


def _normalised(points: np.ndarray) -> np.ndarray:
    p = points.astype(np.float64) - points.mean(axis=0)
    return p / np.linalg.norm(p[LEFT_EYE_OUTER] - p[RIGHT_EYE_OUTER])


def main() -> None:
    """Run the mesh over Training faces and write the generic face module."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/fer2013/Training.npz"))
    ap.add_argument("--faces", type=int, default=3000)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    images = np.load(args.data)["images"][: args.faces]
    mesh = FaceMesh()
    shapes = []
    for img in images:
        canvas, box = face_scene(img)
        m = mesh.run(canvas, box)
        if m is not None and m.presence >= max(PRESENCE_MIN, 0.9):
            shapes.append(_normalised(m.points))
    shapes = np.stack(shapes)
    mean = shapes.mean(axis=0)
    for _ in range(3):
        shapes = np.stack([s @ _kabsch(s, mean) for s in shapes])
        mean = shapes.mean(axis=0)
    rigid = np.array(RIGID)
    mean = mean[rigid]
    mirrored = mean * np.array([-1.0, 1.0, 1.0])
    partner = np.argmin(((mean[:, None, :] - mirrored[None, :, :]) ** 2).sum(-1), axis=1)
    sym = (mean + mirrored[partner]) / 2.0
    sym -= sym.mean(axis=0)
    rows = "\n".join(f"    {i}: ({sym[k, 0]:+.4f}, {sym[k, 1]:+.4f}, {sym[k, 2]:+.4f}),  # mirror {rigid[partner[k]]}"
                     for k, i in enumerate(RIGID))
    out = ROOT / "core/attention/generic_face.py"
    out.write_text(f'''"""The generic 3-D face head pose is solved against: mesh point index -> (x, y, z).

Made by training/make_generic_face.py from the face mesh's own output on {len(shapes)} upright
FER2013 Training faces: aligned, averaged and made left-right symmetric. Units: the outer eye
corners are 1 apart. Axes as the camera sees a frontal face: x to the picture's right, y down,
z away from the camera. Rigid points only (no brows, lids, lips or jaw).
"""

GENERIC_FACE: dict[int, tuple[float, float, float]] = {{
{rows}
}}
''', encoding="utf-8")
    asym = np.abs(mean - mirrored[partner]).mean()
    print(f"{len(shapes)} faces; mean asymmetry before symmetrising {asym:.4f}; wrote {out}")


if __name__ == "__main__":
    main()
