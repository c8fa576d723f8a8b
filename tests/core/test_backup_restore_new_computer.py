"""Restoring on a new computer, where set-up shows what a restore gives: a restore opened
with the recovery key keeps the new key for a window to show once the records are in
place, and a restore stopped part way leaves nothing, neither a vault nor a hidden copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion import backup, backup_files, backup_restore, errors, leftovers
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

NEW = "a new and long passphrase 7"


@pytest.fixture
def made(vault_path: Path, tmp_path: Path) -> tuple[Path, RecoveryKey, dict]:  # type: ignore[type-arg]
    """A backup of a vault with one person: its file, its recovery key, what it holds."""
    vault, recovery = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    vault.confirm_recovery_key(recovery)
    vault.save(make_person())
    held = snapshot(vault)
    (tmp_path / "stick").mkdir()
    path = backup.back_up(vault, tmp_path / "stick" / "b.companion-backup").path
    vault.close()
    return path, recovery, held


def test_with_the_recovery_key_the_new_key_waits_to_be_shown_once_the_records_are_in_place(
    made: tuple[Path, RecoveryKey, dict],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    backup_file, old_key, held = made
    place = tmp_path / "new laptop" / "vault.companion"
    prepared = backup_restore.prepare(
        backup_file, place, recovery_key=old_key, new_passphrase=NEW, policy=FAST_KDF
    )
    fresh = prepared.new_key
    assert fresh is not None and fresh != old_key
    restored = prepared.complete()
    assert restored.kept_as is None
    vault = reopen(place, passphrase=NEW)
    assert snapshot(vault) == held and vault.warnings == []
    assert not vault.recovery_key_shown  # not yet shown: the next unlock would offer one
    vault.confirm_recovery_key(fresh)  # shown in the window, and kept
    assert vault.recovery_key_shown
    vault.close()
    reopen(place, passphrase=None, recovery_key=fresh).close()
    with pytest.raises(errors.WrongRecoveryKey):  # spent in the restored records
        reopen(place, passphrase=None, recovery_key=old_key)


def test_with_the_passphrase_there_is_no_new_key(
    made: tuple[Path, RecoveryKey, dict],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    backup_file, _key, _held = made
    place = tmp_path / "new laptop" / "vault.companion"
    prepared = backup_restore.prepare(backup_file, place, passphrase=PASSPHRASE, policy=FAST_KDF)
    assert prepared.new_key is None
    prepared.abandon()
    assert os.listdir(place.parent) == []


def test_a_restore_stopped_part_way_leaves_nothing_at_the_new_place(
    made: tuple[Path, RecoveryKey, dict],  # type: ignore[type-arg]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup_files, "PAGES_PER_STEP", 1)
    backup_file, _key, _held = made
    before = backup_file.read_bytes()
    place = tmp_path / "new laptop" / "vault.companion"
    steps: list[tuple[int, int]] = []

    def stop_on_the_second_step(done: int, total: int) -> None:
        steps.append((done, total))
        if len(steps) == 2:
            raise errors.Cancelled()

    with pytest.raises(errors.Cancelled):
        backup_restore.prepare(
            backup_file,
            place,
            passphrase=PASSPHRASE,
            policy=FAST_KDF,
            progress=stop_on_the_second_step,
        )
    assert len(steps) == 2 and steps[-1][0] < steps[-1][1]  # stopped part way through
    assert os.listdir(place.parent) == []  # no vault, no hidden copy
    assert not [n for n in os.listdir(place.parent) if leftovers.is_leftover_name(n)]
    assert backup_file.read_bytes() == before
