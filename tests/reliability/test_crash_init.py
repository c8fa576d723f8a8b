"""A set-up killed while the vault is being built leaves nothing behind once the app next
writes to that folder: the hidden file it was building (and SQLite's log beside it) goes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.leftovers import open_locked, remove_leftovers
from companion.vault import Vault
from tests.attack import attack_cases
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).parents[2]

CHILD = """
import os, signal, sys
from pathlib import Path
from companion.crypto import KdfPolicy
from companion import store

real = store.Store.create.__func__

def killed_while_writing(cls, path, header, write):
    def write_then_die(s):
        write(s)
        os.kill(os.getpid(), signal.SIGKILL)
    return real(cls, path, header, write_then_die)

store.Store.create = classmethod(killed_while_writing)
from companion.vault import Vault
fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
Vault.create(Path(sys.argv[1]), "correct horse battery staple", policy=fast)
"""


@pytest.mark.slow
def test_a_set_up_killed_halfway_leaves_nothing_once_a_vault_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "vaults"
    folder.mkdir()
    target = folder / "records.companion"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9
    left = sorted(p.name for p in folder.iterdir())
    assert left and all(".creating" in name for name in left) and not target.exists()
    attack_cases(1)

    vault, _key = Vault.create(target, PASSPHRASE, policy=FAST_KDF)
    vault.close()
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_a_vault_being_built_by_a_live_process_is_left_alone(tmp_path: Path) -> None:
    temp, lock = open_locked(tmp_path / "records.companion", "creating")
    try:
        assert remove_leftovers(tmp_path) == 0 and temp.exists()
    finally:
        os.close(lock)
    assert remove_leftovers(tmp_path) == 1 and not temp.exists()
