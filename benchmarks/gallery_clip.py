"""A generated video-conference gallery: a COLSxROWS grid of webcam tiles, one student per tile.

Each tile has its own blurred background and a name label at its bottom left, as conference
tools draw them. A student's face (a grey 48x48 image scaled to 80-150 px) bobs a little inside
the tile and changes expression (a different image) every few seconds, out of step with the
others. Some tiles have the camera off and show only the student's name; a student may also
turn the camera off for a while in the middle of the clip. Students stay in their tiles.

`motion="drift"` models real cameras instead of the bob (benchmarks/camera.py): each face sways
slowly about its place, a fraction of a pixel a frame (resampled at sub-pixel offsets), and every
tile adds its own sensor noise, fresh each frame.

`label_style="plate"` draws the labels as Zoom and Meet do instead (for name reading): the
display name in white NanumGothic on a dark semi-transparent plate at the tile's bottom left,
`label_px` high, and large in the middle of a tile whose camera is off; `KOREAN_NAMES` are
display names of that kind (Hangul, romanised, with a student number, with a role).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from benchmarks.camera import SensorNoise, drift, paste_subpixel

WIDTH, HEIGHT = 1920, 1080
GAP = 6  # dark pixels between tiles
NAMES = ("Minjun", "Seoyeon", "Dohyun", "Jiwoo", "Haeun", "Jiho", "Subin", "Yejun", "Chaewon", "Siwoo",
         "Yuna", "Juwon", "Sohee", "Hyunwoo", "Dayeon", "Eunho", "Jimin", "Taeyang", "Nari", "Sungmin")

# Display names as students set them: Hangul, romanised, a student number first, a role after.
KOREAN_NAMES = ("김민준", "Park Jiwoo", "20231457 강서준", "서유진 (조교)", "이서연", "최하은", "정도윤", "Kim Hyunwoo",
                "강지호", "조수빈", "윤예준", "장채원", "20231502 임시우", "한유나", "오주원", "서소희", "신다연",
                "Lee Eunho", "권지민", "황태양", "안나리", "송성민", "류하준", "전서윤", "20231388 홍지안", "고은서",
                "문도현", "양시은", "손우진", "배수아", "백승현", "허지유", "Choi Yujin", "남궁민", "노하린",
                "하준서", "곽민서", "성예린", "차은우", "주하율", "우지환", "구서진", "민채은", "진태윤", "Jung Ara",
                "나윤호", "엄지원", "채도하", "원하람")


@dataclass(frozen=True)
class Student:
    """One tile of the gallery and what it shows over time."""

    index: int
    name: str
    tile: tuple[int, int, int, int]  # x, y, w, h in frame pixels
    face_px: int  # 0 when the camera is off for the whole clip
    schedule: list[tuple[int, int]] = field(default_factory=list)  # (first frame, image index), in order
    off: tuple[int, int] | None = None  # frames [start, end) with the camera turned off


@dataclass(frozen=True)
class TrueFace:
    """Where a student's face is in one frame, and the class of the image shown."""

    student: int
    box: tuple[int, int, int, int]
    label: int


def tile_boxes(cols: int, rows: int, width: int = WIDTH, height: int = HEIGHT) -> list[tuple[int, int, int, int]]:
    """The grid's tiles, row by row, with GAP pixels between them and a 16:9 look inside each."""
    tw, th = width // cols, height // rows
    return [(c * tw + GAP // 2, r * th + GAP // 2, tw - GAP, th - GAP) for r in range(rows) for c in range(cols)]


def plan_gallery(
    n_images: int,
    cols: int,
    rows: int,
    n_faces: int,
    n_frames: int,
    face_px: tuple[int, int] = (80, 150),
    fps: float = 30.0,
    change_s: tuple[float, float] = (2.0, 5.0),
    away: int = 1,
    seed: int = 0,
    width: int = WIDTH,
    height: int = HEIGHT,
    names: tuple[str, ...] | None = None,
) -> list[Student]:
    """Who sits where, how big their face is, when each changes expression, who steps away when.

    `n_faces` tiles show a face; the rest of the grid has the camera off all along. `away`
    students turn their camera off for a third of the clip, starting at a third. `names`
    (one per tile) replaces the default "Minjun 1"-style names.
    """
    rng = np.random.default_rng(seed)
    tiles = tile_boxes(cols, rows, width, height)
    if n_faces > len(tiles):
        raise ValueError(f"{n_faces} faces do not fit a {cols}x{rows} grid")
    with_face = set(rng.choice(len(tiles), n_faces, replace=False).tolist())
    away_ids = set(rng.choice(sorted(with_face), min(away, n_faces), replace=False).tolist())
    students = []
    for i, tile in enumerate(tiles):
        name = names[i] if names is not None else f"{NAMES[i % len(NAMES)]} {i + 1}"
        if i not in with_face:
            students.append(Student(i, name, tile, 0))
            continue
        limit = min(tile[2], tile[3]) - 12
        px = int(min(rng.integers(face_px[0], face_px[1] + 1), limit))
        schedule, t = [], int(rng.integers(0, int(change_s[1] * fps)))  # out of step from the start
        schedule.append((0, int(rng.integers(n_images))))
        while t < n_frames:
            schedule.append((t, int(rng.integers(n_images))))
            t += int(rng.uniform(*change_s) * fps)
        off = (n_frames // 3, 2 * n_frames // 3) if i in away_ids else None
        students.append(Student(i, name, tile, px, schedule, off))
    return students


def _image_at(student: Student, frame: int) -> int:
    current = student.schedule[0][1]
    for start, img in student.schedule:
        if start > frame:
            break
        current = img
    return current


def _tile_background(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    bg = rng.integers(40, 200, (9, 16, 3), dtype=np.uint8)
    return cv2.GaussianBlur(cv2.resize(bg, (w, h), interpolation=cv2.INTER_CUBIC), (0, 0), 5)


def _label(img: np.ndarray, text: str, x: int, y: int, scale: float) -> None:
    cv2.putText(img, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), 2, cv2.LINE_AA)


class PlateLabels:
    """Names drawn as conference tools draw them: white NanumGothic on a dark translucent plate."""

    def __init__(self, label_px: int = 14) -> None:
        from PIL import ImageFont

        from core.resources import korean_font_path

        self.label_px = label_px
        # NanumGothic's Hangul is about 0.8 em high: the label's letters are `label_px` high
        self.small = ImageFont.truetype(str(korean_font_path()), max(6, round(label_px / 0.8)))
        self.large = ImageFont.truetype(str(korean_font_path()), max(8, round(2 * label_px / 0.8)))
        self._cache: dict[tuple[str, bool], tuple[np.ndarray, np.ndarray]] = {}

    def _patch(self, text: str, large: bool) -> tuple[np.ndarray, np.ndarray]:
        """(plate alpha, text alpha) of one label, both float32 in 0..1."""
        key = (text, large)
        if key not in self._cache:
            from PIL import Image, ImageDraw

            font = self.large if large else self.small
            x0, y0, x1, y1 = font.getbbox(text)
            pad = max(3, self.label_px // 3)
            w, h = x1 - x0 + 2 * pad, (y1 - y0) + 2 * pad
            img = Image.new("L", (w, h), 0)
            ImageDraw.Draw(img).text((pad - x0, pad - y0), text, font=font, fill=255)
            ink = np.asarray(img, np.float32) / 255.0
            plate = np.full_like(ink, 0.0 if large else 0.62)  # the big camera-off name has no plate
            self._cache[key] = (plate, ink)
        return self._cache[key]

    def draw(self, img: np.ndarray, text: str, tile: tuple[int, int, int, int], large: bool = False) -> None:
        """Draw `text` at the tile's bottom left (large: centred in the tile), clipped to the tile."""
        plate, ink = self._patch(text, large)
        x, y, w, h = tile
        ph, pw = plate.shape
        if large:
            px, py = x + (w - pw) // 2, y + (h - ph) // 2
        else:
            px, py = x + 4, y + h - ph - 4
        px, py = max(px, x), max(py, y)
        pw, ph = min(pw, x + w - px), min(ph, y + h - py)
        region = img[py : py + ph, px : px + pw].astype(np.float32)
        a, t = plate[:ph, :pw, None], ink[:ph, :pw, None]
        region = region * (1 - a)
        region = region * (1 - t) + 255.0 * t
        img[py : py + ph, px : px + pw] = np.clip(region, 0, 255).astype(np.uint8)


def render_gallery(
    students: list[Student], images: np.ndarray, labels: np.ndarray, n_frames: int, seed: int = 0,
    width: int = WIDTH, height: int = HEIGHT, label_style: str = "hershey", label_px: int = 14,
    renames: dict[int, tuple[int, str]] | None = None, labeller=None, drift_px: int = 0,
    motion: str = "bob",
) -> Iterator[tuple[np.ndarray, list[TrueFace]]]:
    """Frames of the gallery (BGR) with the true faces of each.

    `label_style` "plate" draws names as conference tools do (see PlateLabels); `labeller`
    (anything with PlateLabels' `draw`, e.g. `training.label_styles.TileLabels`) draws them
    in another style or font. `renames` maps a student's index to (frame, new name): their
    label changes from that frame on. `drift_px`: faces also wander slowly that far from
    their seat (a student leaning in, sitting back). `motion` "bob": whole-pixel bobbing of a few
    pixels, no noise; "drift": a slow sub-pixel sway (at most ~0.3 px a frame) and per-tile sensor
    noise (benchmarks/camera.py).
    """
    plates = labeller if labeller is not None else PlateLabels(label_px) if label_style == "plate" else None
    renames = renames or {}

    def name_of(s: Student, t: int) -> str:
        change = renames.get(s.index)
        return change[1] if change is not None and t >= change[0] else s.name

    def centre_label(img: np.ndarray, s: Student, t: int) -> None:
        x, y, w, h = s.tile
        if plates is not None:
            plates.draw(img, name_of(s, t), s.tile, large=True)
        else:
            _label(img, s.name, x + w // 2 - 9 * len(s.name), y + h // 2, 0.9)

    rng = np.random.default_rng(seed + 1)
    base = np.full((height, width, 3), 24, np.uint8)
    for s in students:
        x, y, w, h = s.tile
        if s.face_px:
            base[y : y + h, x : x + w] = _tile_background(rng, w, h)
        else:
            base[y : y + h, x : x + w] = 48
            if not renames.get(s.index):
                centre_label(base, s, 0)
    if motion not in ("bob", "drift"):
        raise ValueError(f"unknown motion {motion!r}")
    phase = rng.uniform(0, 2 * np.pi, len(students))
    sway_phase = rng.uniform(0, 2 * np.pi, (len(students), 2))
    sway_period = rng.uniform(240, 420, (len(students), 2))  # frames: 8-14 s a sway
    noise = SensorNoise(height, width, [s.tile for s in students], seed=seed) if motion == "drift" else None
    scaled: dict[tuple[int, int], np.ndarray] = {}
    for t in range(n_frames):
        frame = base.copy()
        truth = []
        for s in students:
            x, y, w, h = s.tile
            if not s.face_px:
                if renames.get(s.index):
                    frame[y : y + h, x : x + w] = 48
                    centre_label(frame, s, t)
                continue
            if s.off and s.off[0] <= t < s.off[1]:
                frame[y : y + h, x : x + w] = 48
                centre_label(frame, s, t)
                continue
            img = _image_at(s, t)
            key = (img, s.face_px)
            if key not in scaled:
                scaled[key] = cv2.resize(images[img], (s.face_px, s.face_px), interpolation=cv2.INTER_CUBIC)
            if motion == "drift":
                amp = (min(12.0, (w - s.face_px) / 2 - 2), min(8.0, (h - s.face_px) / 2 - 2))
                dx, dy = drift(t, amp, tuple(sway_period[s.index]), tuple(sway_phase[s.index]))
                box = paste_subpixel(frame, scaled[key], x + (w - s.face_px) / 2 + dx, y + (h - s.face_px) / 2 + dy)
                truth.append(TrueFace(s.index, box, int(labels[img])))
                continue
            # a small bob, as a student sitting at a desk moves
            fx = x + (w - s.face_px) // 2 + int(round(4 * np.sin(t / 11 + phase[s.index])))
            fy = y + (h - s.face_px) // 2 + int(round(3 * np.cos(t / 13 + phase[s.index])))
            if drift_px:
                fx += int(round(drift_px * np.sin(t / 97 + 2 * phase[s.index])))
                fy += int(round(0.6 * drift_px * np.sin(t / 71 + phase[s.index])))
            fx = min(max(fx, x), x + w - s.face_px)
            fy = min(max(fy, y), y + h - s.face_px)
            frame[fy : fy + s.face_px, fx : fx + s.face_px] = scaled[key][..., None]
            truth.append(TrueFace(s.index, (fx, fy, s.face_px, s.face_px), int(labels[img])))
        for s in students:  # conference tools label every tile
            x, y, w, h = s.tile
            if plates is not None:
                plates.draw(frame, name_of(s, t), s.tile)
            else:
                _label(frame, s.name, x + 6, y + h - 8, 0.5)
        yield (noise.apply(frame) if noise is not None else frame), truth


def write_gallery(
    path: str | Path, students: list[Student], images: np.ndarray, labels: np.ndarray, n_frames: int,
    fps: float = 30.0, seed: int = 0, width: int = WIDTH, height: int = HEIGHT, label_style: str = "hershey",
    label_px: int = 14, renames: dict[int, tuple[int, str]] | None = None, labeller=None, drift_px: int = 0,
    jpeg_quality: int = 0, motion: str = "bob",
) -> list[list[TrueFace]]:
    """Write the gallery clip (MPEG-4) and return each frame's true faces (labels as in render_gallery).

    `jpeg_quality` (1-100) passes each frame through JPEG at that quality before the MPEG-4
    encoder: the blockier look of a screen recording of a streamed conference.
    """
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write video {path}")
    truth = []
    try:
        for frame, faces in render_gallery(students, images, labels, n_frames, seed, width, height,
                                           label_style, label_px, renames, labeller, drift_px, motion):
            if jpeg_quality:
                _, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
                frame = cv2.imdecode(buf, cv2.IMREAD_COLOR)
            writer.write(frame)
            truth.append(faces)
    finally:
        writer.release()
    return truth


def astronaut_faces(n: int = 8, side: int = 120, seed: int = 0) -> np.ndarray:
    """`n` grey variants (mirrored, tilted, lit differently) of scikit-image's astronaut face.

    For galleries that need no data set (tests, screenshots, the window benchmark); they are
    all one person, so only the finder and the tracker are exercised, not the classifier.
    """
    from skimage import data

    rng = np.random.default_rng(seed)
    face = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2GRAY)[44:184, 168:284]  # res10's box with context
    face = cv2.resize(face, (side, side), interpolation=cv2.INTER_AREA)
    out = []
    for i in range(n):
        img = face[:, ::-1] if i % 2 else face
        turn = cv2.getRotationMatrix2D((side / 2, side / 2), float(rng.uniform(-8, 8)), 1.0)
        img = cv2.warpAffine(np.ascontiguousarray(img), turn, (side, side), borderMode=cv2.BORDER_REPLICATE)
        img = np.clip(img.astype(np.float32) * rng.uniform(0.8, 1.2) + rng.uniform(-20, 20), 0, 255)
        out.append(img.astype(np.uint8))
    return np.stack(out)
