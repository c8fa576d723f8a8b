"""A crash never writes the app's memory (decrypted records, keys, NI numbers) to a core file:
the command line and the desktop app turn core dumps off as they start.

On Linux (where the tests run), each check runs in a fresh process, started as any program
is (able to dump, with whatever core-file limit it inherits), and reports what the system
says about it afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Before the code under test runs: raise the core-file limit as far as this process may
# (as a person's shell often does), watch every request to change it, and report at exit
# what the system says about the process.
PRELUDE = """
import atexit, ctypes, json, resource, sys
report_to = sys.argv.pop(1)
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
try:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)
except (ValueError, OSError):
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
libc = ctypes.CDLL(None)
asked = []
real_setrlimit = resource.setrlimit
def watched(which, limits):
    if which == resource.RLIMIT_CORE:
        asked.append(list(limits))
    return real_setrlimit(which, limits)
resource.setrlimit = watched
before = {"core": list(resource.getrlimit(resource.RLIMIT_CORE)),
          "dumpable": libc.prctl(3, 0, 0, 0, 0)}
def report():
    with open(report_to, "w") as handle:
        json.dump({"before": before, "asked": asked,
                   "core": list(resource.getrlimit(resource.RLIMIT_CORE)),
                   "dumpable": libc.prctl(3, 0, 0, 0, 0)}, handle)
atexit.register(report)
"""

ENTRY_POINTS = {
    # `python -m companion --help`, exactly as Python runs it
    "python -m companion": "import runpy; sys.argv = ['companion', '--help']; "
    "runpy.run_module('companion', run_name='__main__', alter_sys=True)",
    # the installed `companion` command (and `python -m ui`)
    "companion": "from ui.launch import main; raise SystemExit(main(['--help']))",
    # the desktop app, started on a computer with no screen: it stops before its window
    "desktop app": "from ui.app import run_app; raise SystemExit(run_app())",
    # the start-up step on its own
    "start-up step": "from companion import hardening; hardening.no_core_dumps()",
}


def run(code: str, tmp_path: Path) -> dict:
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the desktop app finds no screen and says so
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + "\n" + code, str(report)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(report.read_text())


@pytest.mark.slow
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_each_way_in_turns_core_dumps_off(entry: str, tmp_path: Path) -> None:
    seen = run(ENTRY_POINTS[entry], tmp_path)
    assert seen["before"]["dumpable"] == 1  # a new program may be dumped until it says not
    assert [0, 0] in seen["asked"]  # asked for no core file, and no raising it again
    assert seen["core"] == [0, 0]
    assert seen["dumpable"] == 0
