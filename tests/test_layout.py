"""What the import contracts (.importlinter, run by `make test`) cannot say, kept by reading imports with `ast`.

The floors and rooms (core below gui and cli, core without Qt, the app without training code)
are contracts; here: no module imports `main`, no two modules import each other round a circle,
every sub-package says what lives there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "shiboken6", "pyqtgraph", "qasync"}
PACKAGES = ("core", "cli", "gui", "training", "benchmarks")


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module name a file imports, at any depth (function-level imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _offenders(packages: tuple[str, ...], forbidden: set[str]) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {n}" for pkg in packages for p in _modules(pkg)
            for n in sorted(imported(p)) if _top(n) in forbidden]


def test_imported_reads_nested_and_from_imports(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("import os\nfrom core import classes\ndef g():\n    from gui.app import run\n")
    assert {"os", "core", "core.classes", "gui.app", "gui.app.run"} <= imported(f)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_circles_between_modules() -> None:
    """Strongly connected modules (function-level imports too) would be one room pretending to be two."""
    graph = {_module_name(p): set() for pkg in PACKAGES for p in _modules(pkg)}
    for pkg in PACKAGES:
        for p in _modules(pkg):
            graph[_module_name(p)] = {n for n in imported(p) if n in graph and n != _module_name(p)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert circles == []


def test_nothing_imports_main() -> None:
    everything = [p for p in ROOT.rglob("*.py") if not {".venv", ".venv-cpu", "build", "dist"} & set(p.parts)]
    assert [str(p.relative_to(ROOT)) for p in everything if any(_top(n) == "main" for n in imported(p))] == []


def test_every_subpackage_says_what_lives_there() -> None:
    for pkg in ("core", "cli", "gui", "training"):
        for init in (ROOT / pkg).rglob("__init__.py"):
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc, f"{init.relative_to(ROOT)} has no one-line docstring"
