"""Re-extract the window's strings into the Korean .ts source and compile it: `python -m gui.translations update`.

Run it after adding or changing any self.tr(...) / translate(...) string in gui/, translate what it
reports as unfinished (in Qt Linguist, `pyside6-linguist assets/i18n/emosync_ko.ts`, or by editing
the XML), then run it again to compile the .qm the window loads. `check` lists what is untranslated
and exits 1 if anything is.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from core.resources import translation_path

TRANSLATED = ("ko",)  # English is the source text
GUI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    """A Qt tool shipped with PySide6, beside this Python first (a venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        raise SystemExit(f"error: {name} not found (it comes with PySide6: pip install -r requirements.txt)")
    return found


def sources() -> list[Path]:
    """The Python files whose strings the window shows."""
    return sorted(GUI_DIR.glob("*.py"))


def extract(ts: Path, files: list[Path] | None = None) -> None:
    """Bring `ts` up to date with the strings of `files` (default: gui/*.py); translations kept, gone strings dropped."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([_tool("pyside6-lupdate"), *map(str, files or sources()), "-no-obsolete", "-locations", "none",
                    "-ts", str(ts)], check=True, capture_output=True)


def compile_ts(ts: Path, qm: Path) -> None:
    """Compile a .ts source into the .qm a QTranslator loads."""
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source text) of every message in `ts` without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            # a plural message (%n) holds its text in <numerusform> children
            text = "".join(f.text or "" for f in tr.iter("numerusform")) if tr is not None and \
                message.get("numerus") == "yes" else (tr.text if tr is not None else "")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (text or "").strip():
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gui.translations", description=__doc__.splitlines()[0])
    p.add_argument("command", choices=("update", "check"))
    args = p.parse_args(argv)
    status = 0
    for language in TRANSLATED:
        ts, qm = translation_path(language, ".ts"), translation_path(language)
        if args.command == "update":
            extract(ts)
            compile_ts(ts, qm)
        missing = untranslated(ts)
        for context, text in missing:
            print(f"{ts.name}: untranslated in {context}: {text!r}")
        print(f"{ts.name}: {len(missing)} untranslated" + (f"; compiled {qm.name}" if args.command == "update" else ""))
        status |= bool(missing)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
