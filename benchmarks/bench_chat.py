"""Chat benchmark: a generated class (a named gallery clip) with its chat in every format read, attributed by name.

`python -m benchmarks.bench_chat [--frames 150] [--every 3] [--true-names] [--misread 0.1,0.3] [--follow 30]`

The class is a 5x4 gallery (benchmarks/gallery_clip.py, astronaut faces: no data set needed)
whose tiles carry their student's name; 16 students are on camera, 4 have the camera off and
one turns it off for the middle third. The chat has messages from students on camera, from
students with the camera off and from the teacher (who has no tile), some authors written as
conference tools do (`20231457 Minjun 1`, another case), and is written in each format:
EmoSync CSV, Zoom cloud chat.txt, Zoom local saved chat (one-line and two-line forms, clock
times with --chat-start), Zoom and Teams WebVTT. Each is read by `read_chat_file` and replayed
along the analysed frames by `ChatAttribution`, the code `analyze --chat` runs.

Names on the faces come from the tile-name reading `analyze` runs (`core/names/name_track.py`),
without and with the participants list; `--true-names` instead gives each face the name of the tile it is in (a
benchmark-only hook standing for a reading that is right, i.e. with a participants list),
and `--misread P,Q` then misreads one letter in a share P (then Q) of the tiles' names (an OCR without a
participants list). Text emotion is not measured here: messages get a fixed pseudo-random
vector instead of the text model's.

Prints, per format: messages written and read, on-camera students' messages on the right
face (the face whose box lies in the author's tile), off-camera and teacher messages kept
without a face; then the latency of *Follow chat file* (write to message out of the
follower, plus scoring one message with the shipped text model when it loads).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.gallery_clip import KOREAN_NAMES, astronaut_faces, plan_gallery, write_gallery
from core.chat.attribution import ChatAttribution
from core.chat.chat_follow import ChatFollower
from core.chat.chat_input import read_chat_file, score_messages
from core.recording.chat_log import read_chat_csv
from core.records import FrameResult

TEACHER = "Prof. Lee"
START = 9 * 3600  # the recording started at 09:00:00
TEXTS = ("오늘 수업 재미있어요", "잘 모르겠어요", "질문 있습니다", "감사합니다!", "조금 어려워요", "네 알겠습니다")


def _hms(t: float) -> str:
    t = int(t)
    return f"{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"


def plan_chat(students, duration_s: float, n: int, seed: int = 0) -> list[tuple[float, str, str, int | None]]:
    """(time_s, author as written, text, student index or None for the teacher), in time order."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        t = float(rng.uniform(0.5, duration_s - 0.5))
        who = int(rng.integers(-2, len(students)))  # -2, -1: the teacher (a tenth or so)
        text = f"{TEXTS[k % len(TEXTS)]} ({k + 1})"
        if who < 0:
            out.append((t, TEACHER, text, None))
            continue
        name = students[who].name
        form = k % 5
        author = f"2023{1400 + who} {name}" if form == 1 else name.upper() if form == 2 else name
        out.append((t, author, text, who))
    return sorted(out)


def write_formats(folder: Path, chat) -> dict[str, Path]:
    """The chat in every format read (times whole seconds where the format has no fractions)."""
    files = {}
    p = folder / "chat.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["time_s", "author_name", "text"])
        for t, a, text, _ in chat:
            w.writerow([f"{t:.3f}", a, text])
    files["EmoSync CSV"] = p
    p = folder / "chat.txt"
    p.write_text("".join(f"{_hms(t)}\t{a}:\t{text}\n" for t, a, text, _ in chat), encoding="utf-8")
    files["Zoom cloud chat.txt"] = p
    p = folder / "meeting_saved_chat.txt"
    p.write_text("".join(f"{_hms(START + t)}\t From  {a} : {text}\n" for t, a, text, _ in chat), encoding="utf-8")
    files["Zoom local (one-line)"] = p
    p = folder / "meeting_saved_new_chat.txt"
    p.write_text("".join(f"{_hms(START + t)} From {a} to Everyone:\n\t{text}\n" for t, a, text, _ in chat),
                 encoding="utf-8")
    files["Zoom local (two-line)"] = p
    cue = lambda t: f"{_hms(t)}.{int(round((t % 1) * 1000)) % 1000:03d} --> {_hms(t + 1)}.000"  # noqa: E731
    p = folder / "zoom.vtt"
    p.write_text("WEBVTT\n\n" + "".join(f"{i + 1}\n{cue(t)}\n{a}: {text}\n\n" for i, (t, a, text, _) in enumerate(chat)),
                 encoding="utf-8")
    files["Zoom WebVTT"] = p
    p = folder / "teams.vtt"
    p.write_text("WEBVTT\n\n" + "".join(f"id-{i}\n{cue(t)}\n<v {a}>{text}</v>\n\n" for i, (t, a, text, _) in enumerate(chat)),
                 encoding="utf-8")
    files["Teams WebVTT"] = p
    return files


def _misread(name: str, rng: np.random.Generator) -> str:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    i = int(rng.choice(letters))
    wrong = "o" if name[i].lower() != "o" else "a"
    return name[:i] + wrong + name[i + 1:]


def _tile_of(box, students) -> int | None:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    for s in students:
        x, y, w, h = s.tile
        if x <= cx < x + w and y <= cy < y + h:
            return s.index
    return None


def analyse(video: Path, device: str, every: int, participants: list[str] | None = None) -> list[FrameResult]:
    """The clip through analyze's analyzer and its tile-name reading (with a participants list when given),
    as `analyze` runs them; None for `participants`: no name reading (names left empty)."""
    from core.names.name_track import NameTrack
    from core.names.ocr import create_reader
    from core.sources.frame_source import VideoFileSource
    from core.workflow.stages import Call, Workflow
    from core.vision.analyzer import FrameAnalyzer

    track = None
    if participants is not None:
        reader, why = create_reader()
        if reader is None:
            raise SystemExit(f"error: {why}")
        track = NameTrack(reader, participants)
    results: list[FrameResult] = []
    stages = [*([track] if track is not None else []), Call(results.append)]
    with VideoFileSource(str(video)) as source:
        Workflow(FrameAnalyzer.create(device), stages, keep_image=track is not None).run(source, every=every)
    return results


def attribute(results, files, chat, students, names_by_tile, predict):
    """Per format: written, read, on-camera right, on-camera on a wrong face, on-camera total, no-face right, total."""
    tile_faces: dict[int, Counter] = defaultdict(Counter)
    named = []
    for r in results:
        faces = []
        for f in r.faces:
            tile = _tile_of(f.box, students)
            if tile is not None:
                tile_faces[f.face_id][tile] += 1
            if names_by_tile is not None:
                f = replace(f, name=names_by_tile.get(tile, "") if tile is not None else "")
            faces.append(f)
        named.append(replace(r, faces=faces))
    tile_of_face = {fid: c.most_common(1)[0][0] for fid, c in tile_faces.items()}
    on_camera = {s.index for s in students if s.face_px}
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for label, path in files.items():
            start = START if "local" in label else None
            track = ChatAttribution(score_messages(read_chat_file(path, start), predict), Path(d) / "x.chat.csv", 30.0)
            for r in named:
                track.apply(r)
            track.close()
            log = read_chat_csv(Path(d) / "x.chat.csv")
            by_text = {m["text"]: m for m in log}
            right = wrong = total = none_right = none_total = 0
            for _, _, text, who in chat:
                m = by_text.get(text)
                got = int(m["author_id"]) if m and m["author_id"] else None
                if who is not None and who in on_camera:
                    total += 1
                    right += got is not None and tile_of_face.get(got) == who
                    wrong += got is not None and tile_of_face.get(got) != who
                else:
                    none_total += 1
                    none_right += got is None
            rows.append((label, len(chat), len(log), right, wrong, total, none_right, none_total))
    return rows


def follow_latency(folder: Path, n: int, two_line: bool) -> list[float]:
    """Seconds from a message's write to its coming out of the follower (its own thread, as in the window)."""
    path = folder / ("follow_new.txt" if two_line else "follow_cloud.txt")
    written: dict[str, float] = {}
    got: dict[str, float] = {}
    done = threading.Event()

    def on_message(m):
        got[m.text] = time.monotonic()
        if len(got) == n:
            done.set()

    follower = ChatFollower(path, on_message)
    follower.start()
    rng = np.random.default_rng(1)
    try:
        for k in range(n):
            time.sleep(float(rng.uniform(0.05, 0.4)))
            text = f"메시지 {k}"
            line = (f"09:00:{k % 60:02d} From Minjun 1 to Everyone:\n\t{text}\n" if two_line
                    else f"00:00:{k % 60:02d}\tMinjun 1:\t{text}\n")
            with open(path, "a", encoding="utf-8") as f:
                f.write(line)
            written[text] = time.monotonic()
        done.wait(10.0)
    finally:
        follower.stop()
    return [got[t] - written[t] for t in written if t in got] + [float("inf")] * (n - len(got))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_chat", description=__doc__.splitlines()[0])
    p.add_argument("--frames", type=int, default=150, help="clip length at 30 frames/s")
    p.add_argument("--every", type=int, default=3, help="analyse every N-th frame")
    p.add_argument("--messages", type=int, default=200)
    p.add_argument("--device", default="cpu")
    p.add_argument("--true-names", action="store_true",
                   help="give each face its tile's name (benchmark-only; without it, the analyzer's own names)")
    p.add_argument("--misread", default="0.1,0.3",
                   help="with --true-names, also runs with one letter misread in these shares of the tiles' names")
    p.add_argument("--follow", type=int, default=30, help="messages written while following (0: skip)")
    args = p.parse_args(argv)

    students = plan_gallery(8, 5, 4, 16, args.frames, face_px=(110, 130), seed=3, names=KOREAN_NAMES[:20])
    tmp = Path(tempfile.mkdtemp(prefix="emosync-chat-"))
    video = tmp / "class.mp4"
    images = astronaut_faces(8)
    write_gallery(video, students, images, np.arange(8) % 7, args.frames, label_style="plate")
    duration = args.frames / 30.0
    chat = plan_chat(students, duration, args.messages)
    files = write_formats(tmp, chat)
    rng = np.random.default_rng(7)

    def predict(texts):  # a fixed vector per message: text emotion is not what is measured here
        return np.stack([np.random.default_rng(zlib.crc32(t.encode())).dirichlet(np.ones(7)) for t in texts])

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs ; "
          f"1920x1080 5x4 gallery, {sum(bool(s.face_px) for s in students)} on camera, "
          f"{sum(not s.face_px for s in students)} off; {args.frames} frames at 30 frames/s, every {args.every}; "
          f"{len(chat)} messages ({sum(w is None for *_, w in chat)} by the teacher)")
    t0 = time.process_time()
    results = analyse(video, args.device, args.every, participants=[])
    listed = analyse(video, args.device, args.every, participants=[s.name for s in students])
    print(f"analysed {len(results)} frames twice in {time.process_time() - t0:.1f} s of CPU time")
    runs: list[tuple[str, object]] = [("names read from the tiles, no participants list", None),
                                      ("names read from the tiles, with the participants list", listed)]
    if args.true_names:
        exact = {s.index: s.name for s in students}
        runs.append(("tile names exact (as with a participants list) [--true-names]", exact))
        for share in (float(v) for v in args.misread.split(",") if float(v) > 0):
            noisy = {i: _misread(n, rng) if rng.random() < share else n for i, n in exact.items()}
            wrong = sum(noisy[i] != exact[i] for i in exact)
            runs.append((f"{wrong} of {len(exact)} tile names misread by one letter, no list [--true-names]", noisy))
    print()
    print("| names on the faces | format | messages written | read | on-camera students' messages on the right face "
          "| on a wrong face | off-camera and teacher messages kept without a face |")
    print("|---|---|---|---|---|---|---|")
    for label, names in runs:
        frames, by_tile = (names, None) if isinstance(names, list) else (results, names)
        for fmt, written, read, right, wrong, total, none_right, none_total in attribute(frames, files, chat,
                                                                                         students, by_tile, predict):
            print(f"| {label} | {fmt} | {written} | {read} | {right}/{total} ({right / max(total, 1):.1%}) "
                  f"| {wrong} | {none_right}/{none_total} |")
    if args.follow:
        print()
        print("| Follow chat file | messages | latency mean | p95 | max |")
        print("|---|---|---|---|---|")
        for two_line in (False, True):
            lat = sorted(follow_latency(tmp, args.follow, two_line))
            p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
            print(f"| {'Zoom local two-line (ends on a quiet moment)' if two_line else 'Zoom cloud one-line'} "
                  f"| {len(lat)} | {statistics.mean(lat):.2f} s | {p95:.2f} s | {lat[-1]:.2f} s |")
        try:
            from core.text.model import TextEmotionModel

            model = TextEmotionModel()
            model.predict(["준비"])
            t = time.perf_counter()
            for k in range(10):
                model.predict([f"{TEXTS[k % len(TEXTS)]}"])
            print(f"\nscoring one message with the shipped text model: {(time.perf_counter() - t) / 10 * 1000:.0f} ms "
                  "(the window adds it, and at most one display tick of 100 ms)")
        except Exception as e:  # no shipped text model here: say so
            print(f"\ntext model not loaded ({e}); scoring time not measured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
