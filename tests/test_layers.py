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
