"""The registry of every English text the report can show, read from its sources as a translator's tool would.

A text reaches the page through `t("...")`, `t.plural("...", "...")` (Python or Jinja) or, when it is kept
in a constant first, `english("...")`; nothing else is translated, so this is the whole list.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_CALLS = {"t", "english", "self"}  # self: Strings' own helpers call self("...")
_JINJA = re.compile(r"""\bt(?:\.plural)?\(\s*((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(?:\s*,\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))*)""")
_LITERAL = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")


def _from_python(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        base = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
        if name in _CALLS or (name == "plural" and base in ("t", "self")):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def _from_template(path: Path) -> set[str]:
    found = set()
    for m in _JINJA.finditer(path.read_text(encoding="utf-8")):
        found |= {a or b for a, b in _LITERAL.findall(m.group(1))}
    return found


def english_strings() -> set[str]:
    """Every English text of core/report/*.py and assets/report/*.j2 (without the emotion names, see EMOTIONS)."""
    texts = set()
    for path in sorted((ROOT / "core" / "report").glob("*.py")):
        texts |= _from_python(path)
    for path in sorted((ROOT / "assets" / "report").glob("*.j2")):
        texts |= _from_template(path)
    return texts


def fragments(text: str) -> list[str]:
    """The fixed words of a text between its {placeholders}: what a page shows of it whatever the values."""
    return [f.strip(" ,.:;()·") for f in re.split(r"\{[^}]*\}", text) if re.search(r"[A-Za-z]{3}", f)]
