"""The long-session report benchmark: a 3-hour, 45-student class (about 4.6 million rows), reported from the command line.

    python -m benchmarks.bench_report [--folder DIR] [--runs 3]

Generates the session once (benchmarks/synthetic_session.py), then times `main.py report` end to
end (process start, imports, reading, statistics, plots, page) and prints the table row of the README.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic_session import write_session

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Generate if needed, time the runs, print the figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--folder", type=Path, default=Path("runs/long_session"))
    p.add_argument("--students", type=int, default=45)
    p.add_argument("--minutes", type=float, default=180.0)
    p.add_argument("--fps", type=float, default=10.0)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    csv_path = a.folder / "long_session.csv"
    if not csv_path.is_file():
        start = time.perf_counter()
        s = write_session(a.folder, a.students, a.minutes, a.fps, messages=400, seed=0, stem="long_session")
        print(f"generated {s.rows:,} rows in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    out = a.folder / "long_session.html"
    times = []
    for _ in range(a.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "report", str(csv_path), "--out", str(out)],
                       check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    rows = sum(1 for _ in open(csv_path, "rb")) - 1
    print(f"| {a.students} students, {a.minutes / 60:g} h at {a.fps:g} frames/s | {rows:,} rows, "
          f"{csv_path.stat().st_size / 1e6:.0f} MB CSV | {statistics.median(times):.1f} s (median of {a.runs}; "
          f"{min(times):.1f}–{max(times):.1f}) | {out.stat().st_size / 1e6:.2f} MB | {platform.processor() or platform.machine()} |")


if __name__ == "__main__":
    main()
