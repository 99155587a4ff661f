"""A generated class session (timeline CSV, chat CSV, JSON sidecar) for report tests and the long-session benchmark.

    python -m benchmarks.synthetic_session OUT_FOLDER [--students 45] [--minutes 180] [--fps 10]

Each student drifts between emotions (a Markov chain with a personal bias, some prone to
long negative stretches), sometimes leaves the camera for a while, and some write Korean
chat messages. Rows follow the one timeline schema (core/recording/timeline.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from datetime import datetime, timedelta, timezone
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.classes import EMOTIONS
from core.recording.chat_log import CHAT_COLUMNS
from core.recording.timeline import ATTENTION_COLUMNS, FACE_COLUMNS, TEXT_COLUMNS, TIMELINE_COLUMNS, format_probs
from core.report.students import student_label
from core.text.congruence import similarity
from core.text.guard import guard_cell

KOREAN_NAMES = ("김민준", "이서연", "박지호", "최하은", "정도윤", "강수아", "조예준", "윤지우", "장서준", "임하린",
                "한지민", "오승우", "서유나", "신동현", "권나은", "황시우", "안채원", "송민서", "류건우", "홍다인")
MESSAGES = ("이해가 잘 돼요!", "잘 모르겠어요...", "너무 어려워요 ㅠㅠ", "와 신기하다", "질문 있어요",
            "좋아요 감사합니다", "조금 무서운데요", "=SUM(A1) 이건 수식이 아니에요", "화가 나요", "그냥 그래요")
NEGATIVE = tuple(EMOTIONS.index(e) for e in ("angry", "disgust", "fear", "sad"))
PALETTE_SIZE = 32  # pre-formatted probability vectors per dominant class: formatting each row would dominate


@dataclass(frozen=True)
class SyntheticSession:
    """Paths of what `write_session` produced, and the names and messages it put in them."""

    csv: Path
    chat: Path
    sidecar: Path
    students: tuple[str, ...]  # the report's label per student: name, or "face <id>" when unnamed
    messages: tuple[str, ...]
    rows: int


def _palettes(rng: np.random.Generator) -> tuple[list[list[list[str]]], np.ndarray]:
    """Per dominant class, PALETTE_SIZE probability vectors (formatted cells and values)."""
    cells, values = [], np.zeros((len(EMOTIONS), PALETTE_SIZE, len(EMOTIONS)))
    for k in range(len(EMOTIONS)):
        row = []
        for j in range(PALETTE_SIZE):
            p = rng.dirichlet(np.full(len(EMOTIONS), 0.6))
            p[k] += p.max() + 0.3
            p /= p.sum()
            row.append(format_probs(p))
            values[k, j] = p
        cells.append(row)
    return cells, values


def _emotion_track(rng: np.random.Generator, n: int, gloomy: bool, noise: float = 0.0) -> np.ndarray:
    """Dominant class per frame: stays a while (seconds to minutes), then jumps.

    `noise` is added to each negative class's weight for everyone: a model that calls calm faces sad."""
    bias = np.full(len(EMOTIONS), 0.3)
    bias[list(NEGATIVE)] += noise
    bias[EMOTIONS.index("neutral")] = 6.0
    bias[EMOTIONS.index("happy")] = 2.5
    bias[EMOTIONS.index("surprise")] = 0.8
    if gloomy:
        bias[list(NEGATIVE)] += 2.0
    bias /= bias.sum()
    out = np.empty(n, dtype=np.int64)
    i = 0
    while i < n:
        k = int(rng.choice(len(EMOTIONS), p=bias))
        length = int(rng.exponential(900 if (gloomy and k in NEGATIVE) else 150)) + 5
        out[i:i + length] = k
        i += length
    return out


def _presence(rng: np.random.Generator, n: int, fps: float, restless: bool) -> np.ndarray:
    """Whether the student is on camera, per frame: a few absences of seconds to minutes."""
    present = np.ones(n, dtype=bool)
    for _ in range(int(rng.integers(4, 9) if restless else rng.integers(0, 3)) * max(1, n // int(fps * 3600))):
        start = int(rng.integers(0, n))
        present[start:start + int(rng.exponential(300 if restless else 30) * fps) + int(fps)] = False
    return present


def write_session(folder: str | Path, students: int = 5, minutes: float = 2.0, fps: float = 10.0,
                  messages: int = 12, seed: int = 0, stem: str = "emosync_20250301_090000",
                  named: float = 0.8, planted: tuple[int, ...] | None = None, noise: float = 0.0) -> SyntheticSession:
    """Write `<stem>.csv`, `<stem>.chat.csv` and `<stem>.json` into `folder`; `named` is the share of named students.

    `planted`: indices of the students negative far more often (default: every seventh, from the third);
    `noise`: extra weight of each negative class for every student (see `_emotion_track`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    n = max(1, int(round(minutes * 60 * fps)))
    cells, values = _palettes(rng)
    names = [KOREAN_NAMES[i % len(KOREAN_NAMES)] + (str(i // len(KOREAN_NAMES) + 1) if i >= len(KOREAN_NAMES) else "")
             if rng.random() < named or students == 1 else "" for i in range(students)]
    if students > 1 and names[-1]:
        names[-1] = ""  # always one unnamed student when there are several
    face_ids = [i + 1 for i in range(students)]
    gloomy = set(planted) if planted is not None else {i for i in range(students) if i % 7 == 2}
    tracks = [_emotion_track(rng, n, gloomy=i in gloomy, noise=noise) for i in range(students)]
    present = [_presence(rng, n, fps, restless=i % 9 == 4) for i in range(students)]
    pick = rng.integers(0, PALETTE_SIZE, size=n)
    boxes = [f"{40 + 90 * (i % 9)},{30 + 90 * (i // 9)},80,80" for i in range(students)]
    empty_face = "," * (len(FACE_COLUMNS) - 1)
    empty_text = "," * (len(TEXT_COLUMNS) - 1)
    no_attention = "," * len(ATTENTION_COLUMNS)  # recorded without attention signals
    csv_path = folder / f"{stem}.csv"
    rows = 0
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(TIMELINE_COLUMNS) + "\n")
        lines: list[str] = []
        for t in range(n):
            head = f"{t},{t / fps:.3f},"
            seen = False
            for s in range(students):
                if present[s][t]:
                    k = int(tracks[s][t])
                    probs = ",".join(cells[k][(int(pick[t]) + s) % PALETTE_SIZE])
                    lines.append(f"{head}{face_ids[s]},{guard_cell(names[s])},{boxes[s]},0.987,{probs},{EMOTIONS[k]},"
                                 f"{empty_text},{no_attention}\n")
                    seen = True
            if not seen:
                lines.append(f"{head}{empty_face},{empty_text},{no_attention}\n")
            if len(lines) > 50_000:
                rows += len(lines)
                f.write("".join(lines))
                lines.clear()
        rows += len(lines)
        f.write("".join(lines))
    chat_path = folder / f"{stem}.chat.csv"
    sent: list[str] = []
    with open(chat_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(CHAT_COLUMNS)
        for m in range(messages):
            s = int(rng.integers(0, students))
            t = int(rng.integers(0, n))
            text = f"{MESSAGES[m % len(MESSAGES)]} ({m + 1})"
            sent.append(text)
            text_p = rng.dirichlet(np.full(len(EMOTIONS), 0.5))
            face_p = values[int(tracks[s][t]), (int(pick[t]) + s) % PALETTE_SIZE]
            w.writerow([f"{t / fps:.3f}", f"2025-03-01T09:{(t // int(fps * 60)) % 60:02d}:00+09:00", face_ids[s],
                        guard_cell(names[s]), guard_cell(text), *format_probs(text_p),
                        EMOTIONS[int(np.argmax(text_p))], *format_probs(face_p), f"{similarity(face_p, text_p):.4f}",
                        "chat"])
    sidecar = folder / f"{stem}.json"
    sidecar.write_text(json.dumps({
        "started_at": "2025-03-01T09:00:00+09:00", "source": "camera 0", "device": "cpu", "model": "emonet_s",
        "status": "complete", "csv": csv_path.name, "chat": chat_path.name,
        "ended_at": (datetime(2025, 3, 1, 9, tzinfo=timezone(timedelta(hours=9))) + timedelta(seconds=n / fps)).isoformat(),
        "frames": n,
        "names": {str(i): nm for i, nm in zip(face_ids, names) if nm},
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    labels = tuple(student_label(i, dict(zip(face_ids, names))) for i in face_ids)
    return SyntheticSession(csv_path, chat_path, sidecar, labels, tuple(sent), rows)


def main() -> None:
    """Write a session and say how big it is and how long it took."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--students", type=int, default=45)
    p.add_argument("--minutes", type=float, default=180.0)
    p.add_argument("--fps", type=float, default=10.0)
    p.add_argument("--messages", type=int, default=400)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    start = time.perf_counter()
    s = write_session(a.out, a.students, a.minutes, a.fps, a.messages, a.seed, stem="long_session")
    print(f"{s.csv}: {s.rows} rows, {s.csv.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
