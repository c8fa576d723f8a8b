"""A passphrase (or recovery key) nobody gave is said of what it was wanted for: the vault not
opened, no new vault made, the backup neither checked nor restored, nothing handed over.
Each with the key exit code (3), in one sentence, and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import backup, errors, handover
from companion.messages import describe
from companion.vault import Vault
from tests.builders import make_person

NO_VAULT = "No passphrase was given, so the vault was not opened."
NO_BACKUP = (
    "No passphrase or recovery key was given for the backup, so it was neither checked nor "
    "restored, and nothing was changed."
)
NO_NEW = "No new passphrase was given, so nothing was made or changed."


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "home")


@pytest.fixture
def backup_file(new_vault: Vault, tmp_path: Path) -> Path:
    new_vault.save(make_person())
    made = backup.back_up(new_vault, tmp_path / "records.companion-backup")
    new_vault.close()
    return made.path


def test_opening_the_vault_says_the_vault_was_not_opened(cli, new_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    new_vault.forget_this_computer()
    new_vault.close()
    result = cli("person", "list", passphrase_file=None)
    assert result.code == 3 and result.err.strip() == NO_VAULT


@pytest.mark.parametrize("how", [(), ("--recovery-key",)])
def test_a_restore_says_the_backup_was_neither_checked_nor_restored(  # type: ignore[no-untyped-def]
    cli, backup_file: Path, vault_path: Path, tmp_path: Path, how: tuple[str, ...]
) -> None:
    before = files_in(tmp_path), vault_path.read_bytes()
    result = cli("restore", str(backup_file), *how, passphrase_file=None)
    assert result.code == 3 and result.out == ""
    assert result.err.strip() == NO_BACKUP
    assert (files_in(tmp_path), vault_path.read_bytes()) == before


def test_an_empty_passphrase_for_a_backup_is_said_of_the_backup(  # type: ignore[no-untyped-def]
    cli, backup_file: Path, vault_path: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty line.txt"
    empty.write_text("\n")
    before = vault_path.read_bytes()
    result = cli("restore", str(backup_file), passphrase_file=empty)
    assert result.code == 3 and result.err.strip() == NO_BACKUP
    assert vault_path.read_bytes() == before


def test_a_new_vault_says_none_was_made(cli, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", passphrase_file=None)
    assert result.code == 3 and result.err.strip() == NO_NEW
    assert not vault_path.exists()


def test_recovering_without_the_key_says_nothing_was_changed(cli, new_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    new_vault.close()
    result = cli("recover", passphrase_file=None)
    assert result.code == 3
    assert result.err.strip() == "No recovery key was given, so nothing was changed."


def test_a_hand_over_with_no_new_passphrase_makes_nothing(new_vault: Vault, tmp_path: Path) -> None:
    person = new_vault.save(make_person()).record
    out = tmp_path / "theirs.companion"
    with pytest.raises(errors.HandoverNoPassphrase) as raised:
        handover.hand_over(new_vault, person.id, out, "")
    assert describe(raised.value) == (
        "No passphrase was given for the new vault, so nothing was handed over and no file "
        "was made."
    )
    assert [p.name for p in tmp_path.iterdir() if "theirs" in p.name] == []


def test_the_core_says_an_empty_passphrase_of_the_backup_as_a_window_would_show_it(
    backup_file: Path, vault_path: Path
) -> None:
    from companion.backup_restore import prepare
    from tests.conftest import FAST_KDF

    before = vault_path.read_bytes()
    with pytest.raises(errors.BackupNoPassphrase) as raised:
        prepare(backup_file, vault_path, passphrase="", policy=FAST_KDF)
    assert describe(raised.value) == NO_BACKUP
    assert vault_path.read_bytes() == before
