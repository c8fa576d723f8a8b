"""A write killed (SIGKILL) in the instant after its hidden file was made, before it was even
locked, still leaves nothing past the next start: the file's name was noted before the file
was made, so the next start finds it on whatever stick or folder it was written to."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import paths
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.reliability.test_crash_export import kill, start_and_pause

# The command line, paused the moment its hidden file exists (nothing written to it, not
# yet locked): it says "paused" and waits to be killed.
CHILD = """
import os, sys
from companion.cli import main
from companion.crypto import KdfPolicy
from companion.leftovers import is_leftover_name

fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
real_open = os.open

def paused(path, flags, *args):
    descriptor = real_open(path, flags, *args)
    if flags & os.O_CREAT and is_leftover_name(os.path.basename(path)):
        print("paused", flush=True)
        sys.stdin.readline()  # never answered: killed here
    return descriptor

os.open = paused
raise SystemExit(main(sys.argv[1:], kdf=fast))
"""


@pytest.mark.slow
def test_a_hidden_file_killed_as_it_was_made_is_removed_at_the_next_start(
    cli, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    vault, _ = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    person = vault.save(make_person()).record
    vault.save(make_appointment(person.id))
    vault.close()
    stick = tmp_path / "usb stick"
    stick.mkdir()
    kill(start_and_pause(vault_path, tmp_path, "md", stick / "for the tribunal.md", CHILD))
    [left] = list(stick.iterdir())  # the hidden file, made and never locked
    assert left.name.endswith(".part")
    assert left.name in (paths.config_dir() / "writing.json").read_text()

    assert cli("fingerprint").code == 0  # any command, with no export to that folder
    assert list(stick.iterdir()) == []
    assert not (paths.config_dir() / "writing.json").exists()
