"""The 468-point face mesh (MediaPipe's face_landmark.tflite) run by OpenCV's dnn, on crops aligned as MediaPipe aligns them.

Cost model: one pass is a 192x192 RGB network, about 2-4 ms of CPU time; the crop and its
warp are well under a millisecond. The network expects an upright face filling the middle of
its input, as MediaPipe feeds it; on a crop that is merely a box around a tilted face its
roll is several degrees off (about 8 at 20 degrees of tilt). So:

* **First pass** (a face seen for the first time): a square around the detector box, grown
  by `BOX_SCALE`, unrotated.
* **Second pass**: the square MediaPipe derives from landmarks (the mesh's extent, grown by
  `ROI_SCALE`), rotated so that the line between the outer eye corners is level. Its
  face-presence score decides; when it says no face, the first pass is tried again on squares
  turned by +-30 degrees (a strongly tilted head), so a miss costs up to six passes. When the
  second pass finds a roll more than `REFINE_DEG` from the one its crop was turned by (the first
  pass misjudged a strong tilt), up to `MAX_REFINE` more aligned passes follow.
* **Following a face**: the square derived from the previous reading's landmarks is where
  the face is now, nearly; one pass on it (`prior`) suffices while its centre stays inside the
  detector's box (MediaPipe does the same between detections). A face that jumped, or that
  one pass no longer sees, gets the full passes again.

A face narrower than `MIN_FACE_PX` pixels gets no mesh at all: the network would still
answer, with points that are a guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from core.resources import face_mesh_path

MESH_INPUT = 192
MESH_POINTS = 468
MIN_FACE_PX = 40
BOX_SCALE = 1.5  # detector box to first-pass square (res10 boxes run from the brows to the chin)
ROI_SCALE = 1.5  # mesh extent to second-pass square, as MediaPipe's landmarks-to-ROI step
PRESENCE_MIN = 0.5  # face-presence probability below which the points are not a face
FIRST_ANGLES = (0.0, 30.0, -30.0)  # first-pass turns tried in order; the second pass is judged, not the first
REFINE_DEG = 4.0  # a second-pass crop turned this far from the mesh's own roll gets another pass
MAX_REFINE = 2
RIGHT_EYE_OUTER, LEFT_EYE_OUTER = 33, 263  # subject's right (picture's left) and left outer eye corners


class MeshError(RuntimeError):
    """The mesh model file is missing or is not a network OpenCV can read."""


@dataclass(frozen=True)
class Roi:
    """A square crop in frame pixels: centre, side, and the angle (radians, clockwise) it is turned by."""

    cx: float
    cy: float
    side: float
    angle: float

    def matrix(self) -> np.ndarray:
        """2x3 affine from frame pixels to the network's input pixels."""
        s = MESH_INPUT / self.side
        c, n = math.cos(self.angle) * s, math.sin(self.angle) * s
        half = MESH_INPUT / 2.0
        return np.array([[c, n, half - c * self.cx - n * self.cy],
                         [-n, c, half + n * self.cx - c * self.cy]], np.float64)


@dataclass(frozen=True)
class Mesh:
    """468 points (x, y in frame pixels; z, depth, in the same units, smaller is nearer), how sure the
    network is that it saw a face, and the square the points came from."""

    points: np.ndarray  # [468, 3] float32
    presence: float
    roi: Roi

    def roll_deg(self) -> float:
        """Angle of the outer-eye-corner line, degrees, positive clockwise in the picture."""
        return math.degrees(_eye_angle(self.points))


def _eye_angle(points: np.ndarray) -> float:
    dx, dy = points[LEFT_EYE_OUTER, :2] - points[RIGHT_EYE_OUTER, :2]
    return math.atan2(float(dy), float(dx))


def box_roi(box: tuple[int, int, int, int], angle_deg: float = 0.0) -> Roi:
    """The first-pass square around a detector box, turned `angle_deg` clockwise."""
    x, y, w, h = box
    return Roi(x + w / 2.0, y + h / 2.0, max(w, h) * BOX_SCALE, math.radians(angle_deg))


def landmark_roi(points: np.ndarray) -> Roi:
    """MediaPipe's square from landmarks: level the eye line, take the points' extent in that frame, grow it."""
    angle = _eye_angle(points)
    c, s = math.cos(angle), math.sin(angle)
    xy = points[:, :2].astype(np.float64)
    u = xy[:, 0] * c + xy[:, 1] * s
    v = -xy[:, 0] * s + xy[:, 1] * c
    mu, mv = (u.min() + u.max()) / 2.0, (v.min() + v.max()) / 2.0
    side = max(u.max() - u.min(), v.max() - v.min()) * ROI_SCALE
    return Roi(mu * c - mv * s, mu * s + mv * c, float(side), angle)


class FaceMesh:
    """Loads the mesh network once; `run` gives a face's Mesh, or None when there is none to trust."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else face_mesh_path()
        if not self.path.is_file():
            raise MeshError(f"face mesh model not found: {self.path}")
        try:
            self.net = cv2.dnn.readNetFromTFLite(str(self.path))
            names = list(self.net.getUnconnectedOutLayersNames())
            outs = self._forward(np.zeros((MESH_INPUT, MESH_INPUT, 3), np.uint8), names)
        except cv2.error:
            raise MeshError(f"face mesh model cannot be read: {self.path}") from None
        sizes = [o.size for o in outs]
        if sorted(sizes) != [1, MESH_POINTS * 3]:
            raise MeshError(f"face mesh model has unexpected outputs {sizes}: {self.path}")
        self._names = names
        self._points_at = sizes.index(MESH_POINTS * 3)

    def _forward(self, crop_bgr: np.ndarray, names: list[str]) -> list[np.ndarray]:
        blob = cv2.dnn.blobFromImage(crop_bgr, 1.0 / 255.0, swapRB=True)
        self.net.setInput(blob)
        return self.net.forward(names)

    def run_roi(self, image: np.ndarray, roi: Roi) -> Mesh:
        """One pass of the network on one square of a BGR (or grey) frame."""
        m = roi.matrix()
        src = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        if src.shape[2] == 4:
            src = cv2.cvtColor(src, cv2.COLOR_BGRA2BGR)
        crop = cv2.warpAffine(src, m, (MESH_INPUT, MESH_INPUT), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
        outs = self._forward(crop, self._names)
        pts = outs[self._points_at].reshape(MESH_POINTS, 3).astype(np.float64)
        logit = float(outs[1 - self._points_at].reshape(-1)[0])
        inv = cv2.invertAffineTransform(m)
        xy = pts[:, :2] @ inv[:, :2].T + inv[:, 2]
        z = pts[:, 2] * (roi.side / MESH_INPUT)
        points = np.column_stack([xy, z]).astype(np.float32)
        return Mesh(points, 1.0 / (1.0 + math.exp(-max(min(logit, 50.0), -50.0))), roi)

    def _settled(self, image: np.ndarray, mesh: Mesh) -> Mesh:
        """Further aligned passes while the crop was turned by a roll more than REFINE_DEG off the mesh's own."""
        for _ in range(MAX_REFINE):
            if abs(math.degrees(_eye_angle(mesh.points) - mesh.roi.angle)) <= REFINE_DEG:
                break
            again = self.run_roi(image, landmark_roi(mesh.points))
            if again.presence < PRESENCE_MIN:
                break
            mesh = again
        return mesh

    def run(self, image: np.ndarray, box: tuple[int, int, int, int], prior: Roi | None = None) -> Mesh | None:
        """The mesh of the face in `box`: one pass on `prior` (last frame's square) when the face is still
        there, else two; None for a face under MIN_FACE_PX or one the network does not see as a face."""
        x, y, w, h = box
        if min(w, h) < MIN_FACE_PX:
            return None
        if prior is not None and x <= prior.cx <= x + w and y <= prior.cy <= y + h \
                and 0.5 * max(w, h) <= prior.side <= 4.0 * max(w, h):
            mesh = self.run_roi(image, prior)
            if mesh.presence >= PRESENCE_MIN:
                return mesh
        for angle in FIRST_ANGLES:  # upright first; turned squares only when that finds no face
            first = self.run_roi(image, box_roi(box, angle))
            mesh = self.run_roi(image, landmark_roi(first.points))
            if mesh.presence >= PRESENCE_MIN:
                return self._settled(image, mesh)
        return None
