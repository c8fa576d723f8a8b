"""Killing an action before each of its writes, and at random moments (tests/reliability).

One helper process forks a child for each run, so each run is quick. The child counts the
calls that can write: SQLite's execute, executemany, executescript, commit and close, a blob's
write, os.fsync, os.replace, os.write (and os.unlink where a test asks), and any file's write.
It kills itself (SIGKILL, which nothing can catch) just before the call numbered `kill_at`; a
run with `kill_after` is killed by the helper after that many seconds instead, which can land
inside SQLite's own writing. A run with `learn` writes, in its folder, how many calls it
counted (count.json) and where each was made (labels.json).

Each test gives its action as Python source defining `act(folder)`, which runs with `spec`
(what the test passed) and `FAST` (the quickest key stretching) in scope.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

_HEAD = r"""
import dataclasses, io, json, os, signal, sqlite3, sys, time, traceback
from pathlib import Path

from companion.crypto import KdfPolicy

spec = json.load(sys.stdin)
FAST = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
"""

_LOOP = r"""
SQL_WRITES = {"execute", "executemany", "executescript", "commit", "close"}
OS_WRITES = (os.fsync, os.replace, os.write) + ((os.unlink,) if spec.get("unlink") else ())


def writes(fn):
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, sqlite3.Connection):
        return fn.__name__ in SQL_WRITES
    if isinstance(owner, sqlite3.Blob):
        return fn.__name__ == "write"
    if any(fn is w for w in OS_WRITES):
        return True
    return getattr(fn, "__name__", "") == "write" and isinstance(owner, io.IOBase)


def run(folder, kill_at, labels):
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    count = 0

    def hook(frame, event, fn):
        nonlocal count
        if event != "c_call" or not writes(fn):
            return
        count += 1
        if labels is not None:
            where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"
            labels.append(f"{getattr(fn, '__qualname__', fn.__name__)} {where}")
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(hook)
    try:
        act(folder)
    finally:
        sys.setprofile(None)
    return count


results = []
for case in spec["cases"]:
    folder = Path(case["folder"])
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        labels = [] if case.get("learn") else None
        try:
            counted = run(folder, case.get("kill_at"), labels)
            if labels is not None:
                (folder / "count.json").write_text(json.dumps(counted))
                (folder / "labels.json").write_text(json.dumps(labels))
            code = 0
        except BaseException:
            (folder / "failure.txt").write_text(traceback.format_exc())
            code = 3
        os._exit(code)
    if case.get("kill_after") is not None:
        time.sleep(case["kill_after"])
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    results.append({
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "seconds": time.monotonic() - started,
    })
json.dump(results, sys.stdout)
"""

LEARNED = ("count.json", "labels.json")  # what a learning run leaves in its folder


def run_kills(action: str, spec: dict[str, Any], cases: list[dict[str, Any]]) -> list[dict]:
    """Run `action` (source defining `act(folder)`) once for each case, in the helper; each
    result says the signal that ended the run (9 if killed) or its exit code, and how long it
    took."""
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_PASSPHRASE"}
    done = subprocess.run(
        [sys.executable, "-c", _HEAD + textwrap.dedent(action) + _LOOP],
        input=json.dumps({**spec, "cases": cases}),
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def learned(folder: Path) -> tuple[int, list[str]]:
    """How many writing calls a learning run counted, and where each was made."""
    return (
        json.loads((folder / "count.json").read_text()),
        json.loads((folder / "labels.json").read_text()),
    )
