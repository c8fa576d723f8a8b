"""The app never connects to anything: no module of it imports a network library, loading all
of it brings none in (but for one unused helper of the password-store library, below), and a
whole session runs with every way to open a connection made to fail.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.attack import REPO, session_env

# Whole packages, or single modules, that open connections.
NETWORK = (
    "socket",
    "_socket",
    "ssl",
    "_ssl",
    "http",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "websocket",
    "websockets",
    "asyncio",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)
# urllib.parse is allowed: companion/store.py uses its quote() to write the vault's path as
# the file: URI SQLite opens; it only rearranges text and opens nothing.
ALLOWED = ("urllib.parse",)
# Loading keyring (the operating system's password store, for "remember on this computer")
# loads jaraco.context, which imports urllib.request (and with it http.client, socket and
# ssl) for a download helper that keyring never calls. Loading holidays (the bank holidays
# of each nation, bundled) reads its own version with importlib.metadata, whose email
# parsing imports socket for a helper that is never called. Nothing else may bring them in;
# and the session below shows that no connection is ever attempted.
BROUGHT_IN_BY = ("jaraco", "keyring", "holidays")


def is_network(name: str) -> bool:
    return name not in ALLOWED and any(name == n or name.startswith(n + ".") for n in NETWORK)


def imported_names(tree: ast.AST) -> list[str]:
    """Every module an import statement (or importlib.import_module / __import__ with a
    constant name) in the tree loads, with `from A import B` counted as both A and A.B."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names.append(str(first.value))
    return names


def sources() -> list[Path]:
    return sorted([*(REPO / "companion").rglob("*.py"), *(REPO / "ui").rglob("*.py")])


def test_no_module_of_the_app_imports_a_network_library() -> None:
    found = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in imported_names(tree):
            if is_network(name):
                found.append(f"{path.relative_to(REPO)} imports {name}")
    assert found == []
    assert len(sources()) > 50  # the whole app was read, not an empty folder


def test_the_check_sees_every_way_of_importing() -> None:
    tree = ast.parse(
        "import socket\nfrom http import client\nfrom PySide6 import QtNetwork\n"
        "import urllib.parse\nimportlib.import_module('ssl')\n__import__('requests')\n"
    )
    assert [n for n in imported_names(tree) if is_network(n)] == [
        "socket",
        "http",
        "http.client",
        "PySide6.QtNetwork",
        "ssl",
        "requests",
    ]


# Load every module of the app (but the two that run it when loaded), and write down every
# import statement that names a network module, with the innermost file that is not part of
# Python itself: so a module of Python's own that imports one is charged to whoever loaded it,
# even when the network module was already loaded by then.
LOAD_ALL = r"""
import builtins, importlib, json, pkgutil, sys, sysconfig

network = json.loads(sys.argv[1])
stdlib = sysconfig.get_paths()["stdlib"]
seen = set()
original = builtins.__import__


def by_python(filename):
    return filename.startswith("<") or (
        filename.startswith(stdlib) and "-packages" not in filename
    )


def is_network(name):
    return any(name == n or name.startswith(n + ".") for n in network)


def watched(name, globals=None, locals=None, fromlist=(), level=0):
    if not level:
        names = [name, *(f"{name}.{item}" for item in fromlist or () if item != "*")]
        for target in filter(is_network, names):
            frame = sys._getframe(1)
            while frame is not None and by_python(frame.f_code.co_filename):
                frame = frame.f_back
            seen.add((target, frame.f_code.co_filename if frame else "?"))
    return original(name, globals, locals, fromlist, level)


builtins.__import__ = watched
loaded = []
for package in ("companion", "ui"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
            loaded.append(info.name)
present = sorted(filter(is_network, sys.modules))
print(json.dumps({"loaded": loaded, "imports": sorted(seen), "present": present}))
"""


@pytest.mark.slow
def test_loading_the_whole_app_brings_in_no_network_library(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_ALL, json.dumps(NETWORK)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=session_env(tmp_path),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"ui.main_window", "ui.app", "companion.cli", "companion.export.pdf"} <= set(
        report["loaded"]
    )
    assert not [m for m in report["present"] if "PySide6" in m]
    assert report["imports"]  # the watch works: keyring's helper is seen
    for module, importer in report["imports"]:
        parts = Path(importer).parts
        installed = [n for n, part in enumerate(parts) if part.endswith("-packages")]
        assert installed, f"{module} is imported by the app's own {importer}"
        package = parts[installed[-1] + 1]
        assert package in BROUGHT_IN_BY, f"{module} is imported by {package} ({importer})"


# The session of tests/attack.py with every way to connect made to fail from the start, and
# each attempt written down.
OFFLINE = r"""
import json, socket, sys
from pathlib import Path

attempts = []


def refuse(what):
    def fail(*args, **kwargs):
        attempts.append(what)
        raise OSError(f"{what} is refused: this test runs offline")
    return fail


class Refused(socket.socket):
    def __init__(self, *args, **kwargs):
        refuse("socket.socket")()


socket.socket = Refused
socket.create_connection = refuse("socket.create_connection")
socket.getaddrinfo = refuse("socket.getaddrinfo")

from tests.attack import scripted_session

written = scripted_session(Path(sys.argv[1]))
print(json.dumps({"written": written, "attempts": attempts}))
"""


@pytest.mark.slow
def test_a_whole_session_runs_with_the_network_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=session_env(tmp_path),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["attempts"] == []
    assert len(report["written"]) == 6  # two files brought in, four exports
