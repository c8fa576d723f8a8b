"""After a week's use, what was written can be read only in the exports the person chose.

A child process runs a scripted session (tests/attack.py: a vault, the keeper, a person,
appointments, an event, corrections, an export in every format, a JSON log and a spreadsheet
brought in, a new passphrase) with a distinctive word in every free-text field, its own
settings, data, cache, state, runtime and temporary folders (TMPDIR). Afterwards none of those
words, nor the passphrases, is in any file in those folders or beside the vault, in UTF-8 or
UTF-16; the chosen folder holds only what the person chose, even after an export was killed
halfway.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.vault import Vault
from tests.attack import (
    FIRST_PASSPHRASE,
    REPO,
    SECOND_PASSPHRASE,
    every_file,
    folders_of,
    needles,
    session_env,
    session_markers,
    snapshot,
)
from tests.conftest import FAST_KDF

PRIVATE = ("vaults", "home", "tmp", "runtime")  # every folder but the one chosen for exports


def step(root: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from tests.attack import session_main; session_main(sys.argv[1:])",
            str(root),
            name,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=session_env(root),
        timeout=300,
        check=False,
    )


def readable_traces(root: Path) -> list[tuple[str, str]]:
    """Each file outside the chosen folder that holds a marker or a passphrase, with it."""
    folders = folders_of(root)
    found = []
    for path in every_file(*(folders[name] for name in PRIVATE)):
        data = path.read_bytes()
        for marker, needle in needles(session_markers()):
            if needle in data:
                found.append((str(path.relative_to(root)), marker))
    return found


def session(root: Path) -> list[str]:
    done = step(root, "session")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_a_session_leaves_nothing_readable_outside_the_exports_chosen(tmp_path: Path) -> None:
    written = session(tmp_path)
    folders = folders_of(tmp_path)
    assert sorted(p.name for p in folders["chosen"].iterdir()) == sorted(written)
    # The words are there to be found: every one but the passphrases is in the vault.
    vault = Vault.open(
        folders["vaults"] / "records.companion", passphrase=SECOND_PASSPHRASE, policy=FAST_KDF
    )
    held = repr(snapshot(vault)) + repr(vault.drafts())
    vault.close()
    for marker in session_markers():
        if marker not in (FIRST_PASSPHRASE, SECOND_PASSPHRASE, "QQ 98 76 54 B"):
            assert marker in held, f"{marker!r} was never saved, so its absence proves nothing"
    assert every_file(folders["vaults"], folders["home"])  # the session wrote something there
    assert readable_traces(tmp_path) == []


def test_the_search_finds_each_encoding(tmp_path: Path) -> None:
    """A marker written as UTF-16 in any folder would be found, not only as UTF-8."""
    folders = folders_of(tmp_path)
    for n, encoding in enumerate(("utf-8", "utf-16-le", "utf-16-be")):
        folder = folders[PRIVATE[n]]
        folder.mkdir(parents=True)
        (folder / f"leak-{n}.bin").write_bytes(b"\0" + session_markers()[n].encode(encoding))
    assert {path for path, _marker in readable_traces(tmp_path)} == {
        "vaults/leak-0.bin",
        "home/leak-1.bin",
        "tmp/leak-2.bin",
    }


@pytest.mark.slow
def test_an_export_killed_before_it_is_in_place_leaves_nothing_readable(tmp_path: Path) -> None:
    """Killed (SIGKILL) once the export's temporary file is whole, just before it is moved
    into place; then the app runs again and makes the same export. Nothing readable is left
    anywhere but in the exports chosen: no temporary copy beside them either."""
    written = session(tmp_path)
    killed = step(tmp_path, "killed-export")
    assert killed.returncode == -9, "the export was not killed where it should have been"
    assert readable_traces(tmp_path) == []
    again = step(tmp_path, "export-again")
    assert again.returncode == 0, again.stderr
    chosen = folders_of(tmp_path)["chosen"]
    assert sorted(p.name for p in chosen.iterdir()) == sorted([*written, "again.json"])
    assert readable_traces(tmp_path) == []
