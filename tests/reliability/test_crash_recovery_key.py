"""A recovery key nobody saw is never relied on: set-up or recovery killed before the key is
written out leaves a vault that says so, and a new key can be made with the passphrase."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.attack import attack_cases
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

ROOT = Path(__file__).parents[2]

# The command runs as a person would run it, but is killed at the moment it would have
# written the key out: after the vault (or the new key) was saved, before anyone saw it.
CHILD = """
import os, signal, sys
from companion.crypto import KdfPolicy
from companion.cli import commands, main

def killed(_key):
    os.kill(os.getpid(), signal.SIGKILL)

commands.show_recovery_key = killed
fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
sys.exit(main(sys.argv[1:], kdf=fast))
"""


def run_killed(*argv: str, home: Path) -> int:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "COMPANION_PASSPHRASE": PASSPHRASE,
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv], env=env, capture_output=True, timeout=120
    )
    return done.returncode


def key_from(out: str) -> RecoveryKey:
    lines = [line.strip() for line in out.splitlines() if line.startswith("    ")]
    return RecoveryKey.parse(" ".join(lines[:2]))


@pytest.mark.slow
def test_init_killed_before_the_key_is_shown_says_so_until_a_new_key_is_made(
    tmp_path: Path, isolated_home: Path, cli, vault_path: Path
) -> None:
    code = run_killed("--vault", str(vault_path), "init", home=isolated_home)
    assert code == -9 and vault_path.exists()
    attack_cases(1)

    vault = reopen(vault_path)
    assert not vault.recovery_key_shown
    vault.close()
    listed = cli("person", "list")
    assert listed.code == 0 and "recovery key was never shown" in listed.err

    made = cli("new-recovery-key")
    assert made.code == 0
    fresh = key_from(made.out)
    assert "recovery key was never shown" not in cli("person", "list").err

    new_passphrase = tmp_path / "new.txt"
    new_passphrase.write_text("a different and long passphrase 9\n")
    recovered = cli(
        "recover",
        "--recovery-key-file",
        str(write(tmp_path / "key.txt", fresh.display())),
        "--new-passphrase-file",
        str(new_passphrase),
    )
    assert recovered.code == 0  # the key that was shown is the key that works


@pytest.mark.slow
def test_recover_killed_after_saving_the_new_key_says_so_and_a_new_one_can_be_made(
    tmp_path: Path, isolated_home: Path, new_vault: Vault, vault_path: Path, cli
) -> None:
    new_vault.close()
    vault = reopen(vault_path)  # a key the test knows, shown and confirmed
    known = vault.new_recovery_key(PASSPHRASE)
    vault.confirm_recovery_key(known)
    vault.close()

    new_passphrase = write(tmp_path / "new.txt", "a different and long passphrase 9")
    code = run_killed(
        "--vault",
        str(vault_path),
        "recover",
        "--recovery-key-file",
        str(write(tmp_path / "key.txt", known.display())),
        "--new-passphrase-file",
        str(new_passphrase),
        home=isolated_home,
    )
    assert code == -9
    attack_cases(1)
    after = Vault.open(vault_path, passphrase="a different and long passphrase 9", policy=FAST_KDF)
    assert not after.recovery_key_shown  # the old key is spent; the new one nobody saw
    after.close()
    made = cli("new-recovery-key", passphrase_file=new_passphrase)
    assert made.code == 0 and "never shown" not in made.err
    assert reopen(vault_path, passphrase=None, recovery_key=key_from(made.out)).recovery_key_shown


def test_a_new_recovery_key_needs_the_passphrase_and_the_old_key_stops_working(
    new_vault: Vault, vault_path: Path
) -> None:
    from companion.errors import WrongPassphrase, WrongRecoveryKey

    old = new_vault.new_recovery_key(PASSPHRASE)
    new_vault.confirm_recovery_key(old)
    with pytest.raises(WrongPassphrase):
        new_vault.new_recovery_key("not the passphrase at all")
    fresh = new_vault.new_recovery_key(PASSPHRASE)
    assert not new_vault.recovery_key_shown
    with pytest.raises(WrongRecoveryKey):
        new_vault.confirm_recovery_key(old)
    new_vault.confirm_recovery_key(fresh)
    assert new_vault.recovery_key_shown
    new_vault.close()
    with pytest.raises(WrongRecoveryKey):
        reopen(vault_path, passphrase=None, recovery_key=old)
    reopen(vault_path, passphrase=None, recovery_key=fresh).close()


def write(path: Path, text: str) -> Path:
    path.write_text(text + "\n")
    return path
