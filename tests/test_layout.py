"""The architecture, kept by reading every module's imports with `ast` (nothing is imported here)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "shiboken6", "pyqtgraph", "qasync"}
RUNTIME = ("core", "models", "cli", "gui")


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


@pytest.mark.parametrize("package", ["core", "models"])
def test_no_qt_in_core_or_models(package: str) -> None:
    assert _offenders((package,), QT) == []


def test_core_imports_no_gui_cli_or_training() -> None:
    assert _offenders(("core",), {"gui", "cli", "training", "benchmarks", "main"}) == []


def test_models_hold_definitions_only() -> None:
    assert _offenders(("models",), {"gui", "cli", "training", "benchmarks", "main"}) == []


def test_runtime_never_imports_training_code() -> None:
    assert _offenders(RUNTIME, {"training", "benchmarks", "tests"}) == []


def test_nothing_imports_main() -> None:
    everything = [p for p in ROOT.rglob("*.py") if not {".venv", ".venv-cpu", "build", "dist"} & set(p.parts)]
    assert [str(p.relative_to(ROOT)) for p in everything if any(_top(n) == "main" for n in imported(p))] == []


def test_every_subpackage_says_what_lives_there() -> None:
    for pkg in ("core", "models", "cli", "gui", "training"):
        for init in (ROOT / pkg).rglob("__init__.py"):
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc, f"{init.relative_to(ROOT)} has no one-line docstring"
