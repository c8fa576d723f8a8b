"""A crash in the middle of a large import leaves a vault with all of it or none of it."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.vault import Vault
from tests.builders import make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

ROWS = 4000

CHILD = """
import sys
from pathlib import Path
from companion.crypto import KdfPolicy
from companion.importer import import_file
from companion.vault import Vault

fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
vault = Vault.open(Path(sys.argv[1]), passphrase=sys.argv[2], policy=fast)
print("open", flush=True)

def progress(done, total):
    if done % 100 == 0:
        print(done, flush=True)

import_file(vault, Path(sys.argv[3]), progress=progress)
print("committed", flush=True)
vault.close()
"""


def big_diary(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "kind", "layout", "account"])
        for n in range(ROWS):
            writer.writerow(
                [
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/2025",
                    "Work search review",
                    "Open plan",
                    f"Entry number {n}. " * 20,
                ]
            )
    return path


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [100, ROWS // 2, ROWS - 100, ROWS])
def test_sigkill_during_a_large_import_leaves_all_or_none(
    vault_path: Path, tmp_path: Path, kill_after: int
) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    vault.save(make_person())
    vault.close()
    diary = big_diary(tmp_path / "diary.csv")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_path), PASSPHRASE, str(diary)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() in (str(kill_after), "committed"):
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)

    after = reopen(vault_path)
    assert after.problems == []
    assert len(after.appointments()) in (0, ROWS)
    assert len(after.people()) == 1
    assert after.verify() == []
    after.close()
