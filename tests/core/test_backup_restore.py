"""Restoring a backup: checked completely before anything is replaced; a damaged, cut short
or foreign file, or a wrong passphrase, refused in one sentence with the vault untouched
byte for byte; the replaced vault kept beside it; and the warning an older copy raises not
raised for a restore the person chose, but still raised for one put in place otherwise."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import backup, backup_restore, errors, heads
from companion.heads import WarningKind
from companion.messages import describe
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, create_vault, reopen

NOW = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)


def state_of(folder: Path) -> dict[str, str]:
    """Every file in the folder, byte for byte."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def restore(backup_file: Path, vault_path: Path, **kwargs: object) -> backup_restore.Restored:
    kwargs.setdefault("passphrase", PASSPHRASE)
    prepared = backup_restore.prepare(backup_file, vault_path, policy=FAST_KDF, **kwargs)  # type: ignore[arg-type]
    return prepared.complete(NOW)


@pytest.fixture
def backed_up(new_vault: Vault, tmp_path: Path) -> tuple[Path, dict, object]:  # type: ignore[type-arg]
    """A vault with an entry of each kind and a correction, backed up, then changed again
    and closed: returns the backup, what it holds, and its fingerprint."""
    person = new_vault.save(make_person()).record
    appointment = new_vault.save(make_appointment(person.id)).record
    new_vault.save(make_event(person.id))
    new_vault.save(appointment.__class__(**{**appointment.__dict__, "account": "Corrected"}))
    folder = tmp_path / "stick"
    folder.mkdir()
    made = backup.back_up(new_vault, folder / "records.companion-backup")
    held = snapshot(new_vault)
    new_vault.save(make_person(display_name="Added after the backup"))
    new_vault.close()
    return made.path, held, made.fingerprint


def test_a_backup_restored_in_a_new_place_holds_exactly_the_same(
    backed_up: tuple[Path, dict, object],
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, held, fingerprint = backed_up
    fresh = tmp_path / "new laptop" / "vault.companion"  # no vault there yet, nor its folder
    restored = restore(backup_file, fresh)
    assert restored.kept_as is None and restored.fingerprint == fingerprint
    assert sorted(os.listdir(fresh.parent)) == ["vault.companion"]  # nothing else left there
    vault = reopen(fresh)
    assert snapshot(vault) == held and vault.fingerprint() == fingerprint
    assert vault.verify() == [] and vault.warnings == []
    vault.close()


def test_restoring_over_the_vault_keeps_the_old_one_beside_it(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, held, fingerprint = backed_up
    old = reopen(vault_path)
    before = snapshot(old)
    old.close()
    restored = restore(backup_file, vault_path)
    assert restored.kept_as == vault_path.with_name(
        f"records.companion.before-restore-{NOW.astimezone():%Y-%m-%d-%H%M%S}"
    )
    vault = reopen(vault_path)
    assert snapshot(vault) == held and vault.warnings == []
    vault.close()
    kept = reopen(restored.kept_as)
    assert snapshot(kept) == before and kept.warnings == []
    kept.close()


def test_restoring_the_chosen_older_backup_raises_no_rollback_warning(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, _held, _fp = backed_up
    restore(backup_file, vault_path)
    vault = reopen(vault_path)
    assert vault.warnings == [] and vault.problems == [] and not vault.read_only
    vault.save(make_person(display_name="Written after the restore"))
    vault.close()
    again = reopen(vault_path)
    assert again.warnings == []
    again.close()


def test_an_older_file_copied_into_place_still_raises_the_rollback_warning(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, _held, _fp = backed_up
    reopen(vault_path).close()  # seen here with every change
    shutil.copyfile(backup_file, vault_path)  # put in place by something other than a restore
    vault = reopen(vault_path)
    assert [w.kind for w in vault.warnings] == [WarningKind.ROLLED_BACK]
    vault.close()


def test_after_a_restore_a_copy_of_a_still_older_state_is_warned_of(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="One"))
    oldest = backup.back_up(new_vault, tmp_path / "oldest.companion-backup").path
    new_vault.save(make_person(display_name="Two"))
    newer = backup.back_up(new_vault, tmp_path / "newer.companion-backup").path
    new_vault.save(make_person(display_name="Three"))
    new_vault.close()
    restore(newer, vault_path)
    reopen(vault_path).close()
    shutil.copyfile(oldest, vault_path)
    vault = reopen(vault_path)
    assert [w.kind for w in vault.warnings] == [WarningKind.ROLLED_BACK]
    vault.close()


def test_a_restore_expected_but_not_put_in_place_leaves_the_old_vault_unwarned(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    """Killed between noting the restore and moving the copy in: the vault there opens as it
    was, and a later older copy is still warned of."""
    backup_file, _held, _fp = backed_up
    prepared = backup_restore.prepare(
        backup_file, vault_path, passphrase=PASSPHRASE, policy=FAST_KDF
    )
    heads.expect_restore(vault_path, prepared.seen)
    prepared.abandon()
    vault = reopen(vault_path)
    assert vault.warnings == []
    vault.close()
    shutil.copyfile(backup_file, vault_path)
    again = reopen(vault_path)
    assert [w.kind for w in again.warnings] == [WarningKind.ROLLED_BACK]
    again.close()


def test_a_warning_not_yet_read_goes_with_the_vault_it_is_about(
    backed_up: tuple[Path, dict, object],  # type: ignore[type-arg]
    vault_path: Path,
    tmp_path: Path,
) -> None:
    """The vault in place was an older copy put back, and its warning not yet read: after a
    restore the restored vault shows none, and the kept-aside vault still shows it."""
    backup_file, _held, _fp = backed_up
    reopen(vault_path).close()
    shutil.copyfile(backup_file, vault_path)  # put back behind the app's back
    warned = reopen(vault_path)
    assert [w.kind for w in warned.warnings] == [WarningKind.ROLLED_BACK]
    warned.close()
    restored = restore(backup_file, vault_path)
    vault = reopen(vault_path)
    assert vault.warnings == []
    vault.close()
    assert restored.kept_as is not None
    kept = reopen(restored.kept_as)
    assert [w.kind for w in kept.warnings] == [WarningKind.ROLLED_BACK]
    kept.close()


def test_a_restore_cut_off_before_the_move_does_not_excuse_another_older_file(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    """A restore of B was noted as expected, then cut off; an older file A (not B) copied
    into place is still warned of."""
    new_vault.save(make_person(display_name="One"))
    older = backup.back_up(new_vault, tmp_path / "older.companion-backup").path
    new_vault.save(make_person(display_name="Two"))
    chosen = backup.back_up(new_vault, tmp_path / "chosen.companion-backup").path
    new_vault.save(make_person(display_name="Three"))
    new_vault.close()
    prepared = backup_restore.prepare(chosen, vault_path, passphrase=PASSPHRASE, policy=FAST_KDF)
    heads.expect_restore(vault_path, prepared.seen)
    prepared.abandon()
    shutil.copyfile(older, vault_path)
    vault = reopen(vault_path)
    assert [w.kind for w in vault.warnings] == [WarningKind.ROLLED_BACK]
    vault.close()


def test_attached_files_are_backed_up_and_restored_whole(new_vault: Vault, tmp_path: Path) -> None:
    person = new_vault.save(make_person()).record
    entry = new_vault.save(make_appointment(person.id)).record
    recording = tmp_path / "interview.mp3"
    content = os.urandom(150 * 1024)  # three chunks
    recording.write_bytes(content)
    attached = new_vault.attach(entry.id, recording, description="The interview").record
    made = backup.back_up(new_vault, tmp_path / "b.companion-backup")
    new_vault.close()
    fresh = tmp_path / "laptop" / "vault.companion"
    restore(made.path, fresh)
    vault = reopen(fresh)
    assert [a.record for a in vault.attachments_of(entry.id)] == [attached]
    assert b"".join(vault.attachment_chunks(attached.id)) == content
    assert vault.verify() == []
    vault.close()


# -- what is refused --------------------------------------------------------------------------


def test_a_wrong_passphrase_is_said_of_the_backup_and_changes_nothing(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, _held, _fp = backed_up
    before = state_of(vault_path.parent), backup_file.read_bytes()
    with pytest.raises(errors.BackupWrongPassphrase) as refused:
        restore(backup_file, vault_path, passphrase="not the passphrase at all")
    assert (state_of(vault_path.parent), backup_file.read_bytes()) == before
    said = describe(refused.value)
    assert said.startswith("That passphrase did not open this backup")
    # A passphrase changed since the backup was made is the likeliest reason: said, with a way.
    assert "the passphrase you had when it was made" in said and "recovery key" in said


def test_this_computers_remembered_key_does_not_stand_in_for_the_passphrase(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    new_vault.remember_on_this_computer()
    made = backup.back_up(new_vault, tmp_path / "b.companion-backup")
    new_vault.close()
    before = state_of(vault_path.parent)
    with pytest.raises(errors.BackupWrongPassphrase):
        restore(made.path, vault_path, passphrase="not the passphrase at all")
    assert state_of(vault_path.parent) == before


def test_the_vault_itself_a_folder_and_a_missing_file_are_refused(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    before = state_of(vault_path.parent)
    for given in (vault_path, tmp_path, tmp_path / "missing.companion-backup"):
        with pytest.raises(errors.InvalidInput):
            restore(given, vault_path)
    assert state_of(vault_path.parent) == before


def test_a_restore_over_a_vault_open_elsewhere_is_refused_and_leaves_nothing(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, _held, _fp = backed_up
    open_now = reopen(vault_path)
    before = snapshot(open_now)
    prepared = backup_restore.prepare(
        backup_file, vault_path, passphrase=PASSPHRASE, policy=FAST_KDF
    )
    with pytest.raises(errors.VaultInUse):
        prepared.complete(NOW)
    assert snapshot(open_now) == before
    open_now.close()
    assert sorted(os.listdir(vault_path.parent)) == ["home", "records.companion", "stick"]


def test_a_damaged_vault_can_be_replaced_by_its_backup(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:
    backup_file, held, _fp = backed_up
    damaged = bytearray(vault_path.read_bytes())
    damaged[:16] = b"not a database!!"
    vault_path.write_bytes(bytes(damaged))
    restored = restore(backup_file, vault_path)
    assert restored.kept_as is not None and restored.kept_as.read_bytes() == bytes(damaged)
    vault = reopen(vault_path)
    assert snapshot(vault) == held and vault.warnings == []
    vault.close()


# -- the recovery key -------------------------------------------------------------------------


def test_a_backup_restored_with_its_recovery_key_gets_a_new_passphrase_and_key(
    vault_path: Path, tmp_path: Path
) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    vault.confirm_recovery_key(recovery)
    vault.save(make_person())
    held = snapshot(vault)
    made = backup.back_up(vault, tmp_path / "b.companion-backup")
    vault.close()
    shown: list[RecoveryKey] = []
    fresh_place = tmp_path / "laptop" / "vault.companion"
    prepared = backup_restore.prepare(
        made.path,
        fresh_place,
        recovery_key=recovery,
        new_passphrase="a new and long passphrase 7",
        show_new_key=shown.append,
        policy=FAST_KDF,
    )
    prepared.complete(NOW)
    [fresh] = shown
    restored = reopen(fresh_place, passphrase="a new and long passphrase 7")
    assert snapshot(restored) == held and restored.recovery_key_shown
    restored.close()
    with pytest.raises(errors.WrongRecoveryKey):  # spent, as in any recovery
        reopen(fresh_place, passphrase=None, recovery_key=recovery)
    reopen(fresh_place, passphrase=None, recovery_key=fresh).close()
    with pytest.raises(errors.BackupWrongRecoveryKey):
        backup_restore.prepare(
            made.path,
            tmp_path / "other" / "vault.companion",
            recovery_key=RecoveryKey.generate(),
            new_passphrase="a new and long passphrase 7",
            policy=FAST_KDF,
        )


# -- the command line -------------------------------------------------------------------------


def test_the_restore_command_says_where_the_old_vault_is_kept(
    cli,
    backed_up: tuple[Path, dict, object],
    vault_path: Path,  # type: ignore[type-arg]
) -> None:  # type: ignore[no-untyped-def]
    backup_file, held, fingerprint = backed_up
    result = cli("restore", str(backup_file))
    assert result.code == 0 and result.err == ""
    assert fingerprint.short() in result.out  # type: ignore[attr-defined]
    assert f"to {vault_path}:" in result.out  # where the records now are, on a new laptop too
    [kept] = [p for p in vault_path.parent.iterdir() if ".before-restore-" in p.name]
    assert str(kept) in result.out and "delete it yourself" in result.out
    assert snapshot(reopen(vault_path)) == held
    assert cli("person", "list").err == ""  # no warning of an older copy


@pytest.mark.parametrize(
    ("make", "code"),
    [("text", 5), ("truncated", 5), ("wrong passphrase", 3), ("missing", 4)],
)
def test_the_restore_command_refuses_in_one_sentence_with_its_exit_code(
    cli,
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    tmp_path: Path,
    make: str,
    code: int,  # type: ignore[type-arg]
) -> None:  # type: ignore[no-untyped-def]
    backup_file, _held, _fp = backed_up
    passphrase_file = None
    if make == "text":
        backup_file.write_text("not a backup\n")
    elif make == "truncated":
        backup_file.write_bytes(backup_file.read_bytes()[:-4096])
    elif make == "missing":
        backup_file = tmp_path / "nothing here.companion-backup"
    else:
        passphrase_file = tmp_path / "wrong.txt"
        passphrase_file.write_text("not the passphrase\n")
    before = state_of(vault_path.parent)
    kwargs = {} if passphrase_file is None else {"passphrase_file": passphrase_file}
    result = cli("restore", str(backup_file), **kwargs)
    assert result.code == code and result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert state_of(vault_path.parent) == before


def test_the_restore_command_with_the_recovery_key_shows_a_new_one(
    cli, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    vault, recovery = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    vault.confirm_recovery_key(recovery)
    made = backup.back_up(vault, tmp_path / "b.companion-backup")
    vault.close()
    key = tmp_path / "key.txt"
    key.write_text(recovery.display() + "\n")
    new = tmp_path / "new.txt"
    new.write_text("a new and long passphrase 7\n")
    result = cli(
        "restore",
        str(made.path),
        "--recovery-key-file",
        str(key),
        "--new-passphrase-file",
        str(new),
    )
    assert result.code == 0 and "new recovery key" in result.out
    assert "the backup itself is unchanged" in result.out  # only the restored records changed
    lines = [line.strip() for line in result.out.splitlines() if line.startswith("    ")]
    fresh = RecoveryKey.parse(" ".join(lines[:2]))
    reopen(vault_path, passphrase=None, recovery_key=fresh).close()
    with pytest.raises(errors.WrongRecoveryKey):
        reopen(vault_path, passphrase=None, recovery_key=recovery)


def test_old_recovery_keys_stop_working_after_recover_and_new_recovery_key(
    cli, tmp_path: Path, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """From the command line: each new key replaces the last, which then opens nothing."""
    create_vault(vault_path).close()
    made = cli("new-recovery-key")
    first = key_in(made.out)
    key_file = tmp_path / "key.txt"
    key_file.write_text(first.display() + "\n")
    new = tmp_path / "new.txt"
    new.write_text("a new and long passphrase 7\n")
    recovered = cli(
        "recover", "--recovery-key-file", str(key_file), "--new-passphrase-file", str(new)
    )
    assert recovered.code == 0
    second = key_in(recovered.out)
    with pytest.raises(errors.WrongRecoveryKey):
        reopen(vault_path, passphrase=None, recovery_key=first)
    third = key_in(cli("new-recovery-key", passphrase_file=new).out)
    with pytest.raises(errors.WrongRecoveryKey):
        reopen(vault_path, passphrase=None, recovery_key=second)
    reopen(vault_path, passphrase=None, recovery_key=third).close()


def key_in(out: str) -> RecoveryKey:
    lines = [line.strip() for line in out.splitlines() if line.startswith("    ")]
    return RecoveryKey.parse(" ".join(lines[:2]))
