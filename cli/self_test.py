"""`--self-test`: the whole pipeline on a generated clip, checked end to end, in a temp folder.

Builds a short 640x480 clip (a real face drifting, then an empty scene), runs `analyze` on it
with a one-message chat log, and checks the timeline and chat CSVs; scores the message again in
the window's text helper process (spawned, as the window starts it) and checks it agrees; then
reads a participant's name off a generated Hangul tile label (NanumGothic) with the shipped OCR
data, and has the shipped syllable network read its syllables alike. Prints one line.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from contextlib import redirect_stderr
from decimal import Decimal
from pathlib import Path

import cv2
import numpy as np

from cli.errors import RunError, UserError
from cli.parser import build_parser
from core.classes import EMOTIONS
from core.recording.timeline import TIMELINE_COLUMNS
from core.resources import asset_path
from core.sources.face_clip import iter_drifting_face, write_video

FACE_FRAMES, EMPTY_FRAMES, FPS = 30, 15, 15.0
CHAT_TEXT = "오늘 수업 정말 재미있어요!"


class SelfTestFailure(Exception):
    """A check that did not hold; the message says which."""


def _make_clip(path: Path) -> None:
    face = cv2.imread(str(asset_path("selftest_face.jpg")))
    if face is None:
        raise SelfTestFailure(f"missing test image {asset_path('selftest_face.jpg')}")
    frames = iter_drifting_face(face, FACE_FRAMES, EMPTY_FRAMES, path=lambda i: (150 + 4 * i, 120))
    try:
        write_video(path, (f for f, _ in frames), FPS)
    except OSError as e:
        raise SelfTestFailure(str(e)) from None


def _check(tmp: Path, out: Path) -> str:
    with open(out, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != TIMELINE_COLUMNS:
            raise SelfTestFailure("timeline CSV has the wrong columns")
        rows = list(reader)
    frames = {int(r["frame"]) for r in rows}
    if frames != set(range(FACE_FRAMES + EMPTY_FRAMES)):
        raise SelfTestFailure(f"timeline has {len(frames)} frames, expected {FACE_FRAMES + EMPTY_FRAMES}")
    found = {int(r["frame"]) for r in rows if r["face_id"] and int(r["frame"]) < FACE_FRAMES}
    false = {int(r["frame"]) for r in rows if r["face_id"] and int(r["frame"]) >= FACE_FRAMES}
    if len(found) < 0.9 * FACE_FRAMES:
        raise SelfTestFailure(f"face found in only {len(found)} of {FACE_FRAMES} frames")
    if false:
        raise SelfTestFailure(f"a face was reported in {len(false)} empty frames")
    face_rows = [r for r in rows if r["face_id"]]
    for r in face_rows:
        if sum(Decimal(r[e]) for e in EMOTIONS) != 1:
            raise SelfTestFailure(f"probabilities of frame {r['frame']} do not sum to 1")
    mean = np.mean([[float(r[e]) for e in EMOTIONS] for r in face_rows], axis=0)
    if not any(r["congruence"] for r in face_rows):
        raise SelfTestFailure("no congruence was computed after the chat message")
    with open(out.with_name(out.stem + ".chat.csv"), newline="", encoding="utf-8") as f:
        chat = list(csv.DictReader(f))
    if len(chat) != 1 or not chat[0]["similarity"]:
        raise SelfTestFailure("the chat message was not scored against the face")
    attention = [r for r in face_rows if r["yaw"]]
    if len(attention) < 0.9 * len(face_rows):  # the face mesh is bundled and reads the face
        raise SelfTestFailure(f"attention signals on only {len(attention)} of {len(face_rows)} face rows")
    top = EMOTIONS[int(mean.argmax())]
    return (f"face found in {len(found)}/{FACE_FRAMES} frames, none in {EMPTY_FRAMES} empty ones; "
            f"face reads {top} ({mean.max():.2f}); message reads {chat[0]['text_dominant']}; "
            f"similarity {float(chat[0]['similarity']):.2f}; attention on {len(attention)}/{len(face_rows)}")


def _check_text_helper(out: Path) -> str:
    """The window scores chat in a helper process (numpy, no torch): it must agree with what `analyze` wrote."""
    from core.text import model as text_model
    from core.text.helper_process import TextModelProcess

    with open(out.with_name(out.stem + ".chat.csv"), newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    written = np.array([float(row[f"text_{e}"]) for e in EMOTIONS])
    helper = TextModelProcess(text_model.default_text_model_dir())
    try:
        probs = np.asarray(helper.predict([CHAT_TEXT])[0], dtype=float)
    except ValueError as e:
        raise SelfTestFailure(f"the window's text helper failed: {e}") from None
    finally:
        helper.close()
    gap = float(np.abs(probs - written).max())
    if gap > 0.01:
        raise SelfTestFailure(f"the window's text helper scores the message differently (by {gap:.3f})")
    return f"text helper agrees (within {gap:.4f})"


SELFTEST_NAME = "20231457 김민준"


def _check_label() -> str:
    """A tile label drawn as Zoom draws it (white NanumGothic on a dark plate), cut and read back."""
    from PIL import Image, ImageDraw, ImageFont

    from core.names.labels import face_label
    from core.names.names import clean_reading
    from core.names.ocr import LabelReader, OcrUnavailable
    from core.names.syllables import shipped_checker, vouches
    from core.resources import korean_font_path

    tile = Image.new("L", (378, 210), 120)
    font = ImageFont.truetype(str(korean_font_path()), 18)
    draw = ImageDraw.Draw(tile)
    x0, y0, x1, y1 = font.getbbox(SELFTEST_NAME)
    draw.rectangle((4, 210 - 34, 4 + x1 - x0 + 10, 206), fill=40)
    draw.text((9 - x0, 210 - 29 - y0), SELFTEST_NAME, font=font, fill=255)
    gray = np.asarray(tile)
    cut = face_label(gray, (130, 40, 120, 120), (0, 0, 378, 210))
    if cut is None:
        raise SelfTestFailure("the generated name label was not found")
    try:
        reader = LabelReader()
    except OcrUnavailable as e:
        raise SelfTestFailure(str(e)) from None
    try:
        line = reader.read(cut.line)
    finally:
        reader.close()
    got = clean_reading(line.text)
    if got != SELFTEST_NAME:
        raise SelfTestFailure(f"the name label {SELFTEST_NAME!r} was read as {got!r}")
    checker = shipped_checker()
    if checker is None:
        raise SelfTestFailure("the syllable network's weights are missing: names would be Tesseract's alone")
    opinion = checker.opinion(line.text.strip(), line.symbols, cut.line, cut.grey if cut.grey is not None else cut.line)
    if not vouches(got, opinion):
        seen = "".join(r.syllable for r in opinion or [])
        raise SelfTestFailure(f"the syllable network read the Hangul of {SELFTEST_NAME!r} as {seen!r}")
    return f"label read {got}, its syllables alike by the syllable network"


def _analyze(argv: list[str]) -> int:
    """`analyze` as the command line runs it; a user-facing failure becomes its line on stderr."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (UserError, RunError) as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code


def run(device: str = "auto") -> int:
    """Run the self-test; print one line; return 0 on success, 1 otherwise."""
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="emosync-selftest-") as d:
            tmp = Path(d)
            clip, out, chat = tmp / "clip.avi", tmp / "timeline.csv", tmp / "chat.csv"
            _make_clip(clip)
            chat.write_text(f"time_s,text\n0.5,{CHAT_TEXT}\n", encoding="utf-8")
            log = io.StringIO()
            with redirect_stderr(log):
                rc = _analyze(["analyze", str(clip), "--csv", str(out), "--chat", str(chat), "--device", device,
                               "--quiet", "--attention"])
            if rc != 0:
                raise SelfTestFailure(log.getvalue().strip().splitlines()[-1] if log.getvalue().strip() else
                                      f"analyze exited {rc}")
            summary = _check(tmp, out) + "; " + _check_text_helper(out) + "; " + _check_label()
    except SelfTestFailure as e:
        print(f"self-test failed: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # anything unexpected is a failure with its reason, not a traceback
        print(f"self-test failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(f"self-test passed in {time.perf_counter() - t0:.1f} s: {summary}")
    return 0
