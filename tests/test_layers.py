"""The layers DESIGN.md sets, held by reading every module's imports: the core never imports
the app's windows or QtWidgets, only companion/export/ draws with QtGui, and the windows
hold no SQL and no crypto."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    assert found, folder
    return found


def _offending(folder: str, banned: tuple[str, ...], allowed_under: str | None = None) -> list:  # type: ignore[type-arg]
    wrong = []
    for path in _modules(folder):
        relative = path.relative_to(ROOT).as_posix()
        if allowed_under and relative.startswith(allowed_under):
            continue
        for name in _imports(path):
            if any(name == b or name.startswith(b + ".") for b in banned):
                wrong.append((relative, name))
    return wrong


def test_the_core_never_imports_the_windows_or_qtwidgets() -> None:
    assert _offending("companion", ("ui", "PySide6.QtWidgets", "PySide6.QtPrintSupport")) == []


def test_only_the_exports_draw_with_qtgui() -> None:
    assert _offending("companion", ("PySide6.QtGui",), allowed_under="companion/export/") == []


def test_the_windows_hold_no_sql_and_no_crypto() -> None:
    """The windows may name a key-stretching policy (companion.crypto.KdfPolicy) to pass on,
    but never open a database or use a cipher themselves."""
    assert _offending("ui", ("sqlite3", "cryptography", "companion.store")) == []


IMPORT_EACH = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("companion", "ui")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\\n".join(failed))
"""


def test_every_module_can_be_the_first_one_imported() -> None:
    """A module loaded first must not meet one it imports half made (a loop between the
    export package and the words of an entry once stopped the app's window from loading)."""
    import os
    import subprocess
    import sys

    names = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for folder in ("companion", "ui")
        for path in _modules(folder)
        if path.name != "__main__.py" and path.name != "screenshots.py"
    ]
    halves = [names[0::2], names[1::2]]  # two processes side by side: half the wait
    running = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORT_EACH, *half],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        for half in halves
    ]
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert out.strip() == "", out
