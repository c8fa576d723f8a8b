"""Saved notes are never lost without a word: a damaged write-ahead log, an older copy put
back, a different vault swapped in. Each warning names dates and sizes, stays until the
person acknowledges it, and never turns a command that saved something into an error."""

from __future__ import annotations

import os
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import heads, paths
from companion.heads import WarningKind
from companion.vault import Vault
from companion.warning_messages import warning_text
from tests.attack import attack_cases
from tests.builders import make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

WAL_FLIPS = 120
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def kinds(vault: Vault) -> list[WarningKind]:
    return [w.kind for w in vault.warnings]


def names(vault: Vault) -> set[str]:
    return {p.record.display_name for p in vault.people()}


def crashed_copy(vault: Vault, into: Path) -> Path:
    """The vault and its write-ahead log as a crash would leave them (the app still holds
    the file open, so the log has not been moved into the vault)."""
    into.mkdir(parents=True, exist_ok=True)
    target = into / "crashed.companion"
    shutil.copy(vault.path, target)
    shutil.copy(f"{vault.path}-wal", f"{target}-wal")
    return target


@pytest.fixture
def with_log(new_vault: Vault, tmp_path: Path) -> tuple[Path, set[str]]:
    """A vault whose last three saves are only in its leftover write-ahead log."""
    new_vault.save(make_person(display_name="Before the crash"))
    new_vault._store.checkpoint_wal()
    for n in range(3):
        new_vault.save(make_person(display_name=f"Saved just before {n}"))
    path = crashed_copy(new_vault, tmp_path / "crash")
    return path, names(new_vault)


def test_a_sound_leftover_log_is_replayed_with_no_warning(with_log) -> None:
    path, expected = with_log
    vault = reopen(path)
    assert names(vault) == expected
    assert vault.warnings == [] and vault.problems == []
    vault.close()


def test_one_flipped_byte_in_the_log_is_said_and_the_log_kept_aside(with_log, cli) -> None:
    path, expected = with_log
    log = Path(f"{path}-wal")
    data = bytearray(log.read_bytes())
    data[32 + 24 + 200] ^= 0x10  # inside the first frame's page
    log.write_bytes(data)
    original = bytes(data)

    vault = reopen(path)
    assert kinds(vault) == [WarningKind.LOG_DAMAGED]
    assert names(vault) < expected  # the loss is real, and it is said
    warning = vault.warnings[0]
    assert warning.lost_changes >= 1
    kept = path.with_name(warning.kept_as or "")
    assert kept.read_bytes() == original  # kept exactly as found, never written over
    assert os.stat(kept).st_mode & 0o077 == 0
    text = warning_text(warning)
    assert warning.kept_as in text and "may be missing" in text

    # A later write does not hide it.
    vault.save(make_person(display_name="Written afterwards"))
    vault.close()
    again = reopen(path)
    assert kinds(again) == [WarningKind.LOG_DAMAGED]
    assert not again.read_only
    again.close()

    listed = cli("person", "list", vault=path)
    assert listed.code == 0 and "kept beside the vault" in listed.err
    added = cli("person", "add", "Someone new", vault=path)
    assert added.code == 0  # a change was written: never an error exit
    assert cli("acknowledge", vault=path).code == 0
    assert "kept beside" not in cli("person", "list", vault=path).err


def test_every_flip_in_a_leftover_log_is_replayed_or_reported(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="Before the crash"))
    new_vault._store.checkpoint_wal()
    for n in range(4):
        new_vault.save(make_person(display_name=f"Saved just before {n}"))
    expected = names(new_vault)
    source = crashed_copy(new_vault, tmp_path / "source")
    log = Path(f"{source}-wal").read_bytes()
    rng = random.Random(16)
    # Every part of the log: its header, each frame's header and each frame's page.
    spots = list(range(32)) + [rng.randrange(len(log)) for _ in range(WAL_FLIPS - 32)]
    outcomes = {"replayed": 0, "reported": 0}
    for n, spot in enumerate(spots):
        place = tmp_path / f"flip{n}"
        path = crashed_copy(new_vault, place)
        damaged = bytearray(log)
        damaged[spot] ^= 1 << rng.randrange(8)
        Path(f"{path}-wal").write_bytes(damaged)
        vault = Vault.open(path, passphrase=PASSPHRASE, policy=FAST_KDF)
        try:
            if names(vault) == expected:
                outcomes["replayed"] += 1
            else:
                assert WarningKind.LOG_DAMAGED in kinds(vault), f"flip at byte {spot}"
                outcomes["reported"] += 1
        finally:
            vault.close()
        shutil.rmtree(place)
        heads.forget(path)  # a place never used again: no note of it kept for the next case
        attack_cases(1)
    assert source.exists()
    assert outcomes["reported"] > 0 and sum(outcomes.values()) == WAL_FLIPS


def test_an_older_copy_put_back_is_said_until_acknowledged(
    new_vault: Vault, vault_path: Path, tmp_path: Path, cli
) -> None:
    new_vault.save(make_person(display_name="First"))
    new_vault.close()
    older = tmp_path / "older.companion"
    shutil.copy(vault_path, older)
    vault = reopen(vault_path)
    vault.save(make_person(display_name="Second"))
    vault.save(make_person(display_name="Third"))
    vault.close()

    shutil.copy(older, vault_path)
    rolled = reopen(vault_path)
    assert kinds(rolled) == [WarningKind.ROLLED_BACK]
    text = warning_text(rolled.warnings[0])
    assert "3 saved changes" in text and "1 saved change," in text and "KB" in text
    rolled.save(make_person(display_name="Written after the rollback"))
    rolled.close()

    # One more write (which moves the vault past the size last seen) does not hide it.
    result = cli("person", "add", "And another")
    assert result.code == 0 and "older than the one this computer last saw" in result.err
    named = cli("keeper", "--name", "A Fictional Keeper")  # writes, then reports
    assert named.code == 0 and "A Fictional Keeper" in named.out
    assert cli("verify").code == 5  # verify says the vault is not what was seen here
    assert "1 warning marked as read" in cli("acknowledge").out
    quiet = cli("person", "list")
    assert quiet.code == 0 and quiet.err == ""
    assert cli("verify").code == 0


def test_a_copy_changed_elsewhere_never_troubles_the_original(
    new_vault: Vault, vault_path: Path, tmp_path: Path, cli
) -> None:
    new_vault.save(make_person(display_name="First"))
    new_vault.close()
    copy = tmp_path / "usb" / "copy.companion"
    copy.parent.mkdir()
    shutil.copy(vault_path, copy)
    elsewhere = reopen(copy)
    for n in range(3):
        elsewhere.save(make_person(display_name=f"Only in the copy {n}"))
    elsewhere.close()

    original = reopen(vault_path)
    assert original.warnings == [] and original.problems == []
    original.close()
    result = cli("person", "add", "Only in the original")
    assert result.code == 0 and result.err == ""


def test_a_different_vault_swapped_in_is_noticed(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="Mine"))
    new_vault.close()
    other_path = tmp_path / "other.companion"
    other, _key = Vault.create(other_path, PASSPHRASE, policy=FAST_KDF)
    other.save(make_person(display_name="Someone else's"))
    other.close()

    os.replace(other_path, vault_path)
    swapped = reopen(vault_path)
    assert kinds(swapped) == [WarningKind.SWAPPED]
    assert "A different vault is now at this place" in warning_text(swapped.warnings[0])
    assert not swapped.read_only
    swapped.close()


def test_a_new_vault_made_where_another_was_raises_no_warning(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.save(make_person())
    new_vault.close()
    vault_path.unlink()
    fresh, _key = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    assert fresh.warnings == []
    fresh.close()


def test_what_is_remembered_is_owner_only_and_holds_no_content(new_vault: Vault) -> None:
    new_vault.save(make_person(display_name="Marker Name Zebra"))
    seen = paths.seen_heads_file()
    assert seen.stat().st_mode & 0o077 == 0
    assert seen.parent.stat().st_mode & 0o077 == 0
    assert b"Zebra" not in seen.read_bytes()
    assert heads.recall(new_vault.path) is not None


def test_a_copy_with_another_history_put_back_is_noticed(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="First"))
    new_vault.close()
    fork = tmp_path / "fork.companion"
    shutil.copy(vault_path, fork)
    mine = reopen(vault_path)
    mine.save(make_person(display_name="Written here"))
    mine.close()
    theirs = reopen(fork)
    theirs.save(make_person(display_name="Written on the copy"))
    theirs.save(make_person(display_name="And again"))
    theirs.close()

    shutil.copy(fork, vault_path)
    forked = reopen(vault_path)
    assert kinds(forked) == [WarningKind.DIVERGED]
    assert "not the one this computer last saw" in warning_text(forked.warnings[0])
    forked.close()


def test_a_purge_cut_off_before_its_checkpoint_is_finished_as_soon_as_the_vault_opens(
    new_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = new_vault.save(make_person(display_name="To be erased")).record
    new_vault._store.checkpoint_wal()
    sealed = [r.sealed for r in new_vault._store.read_revisions() if r.sealed]
    with monkeypatch.context() as patch:
        patch.setattr(new_vault._store, "checkpoint_wal", lambda: None)  # killed just before
        new_vault.purge_person(person.id)
    path = crashed_copy(new_vault, tmp_path / "crash")
    assert any(s in path.read_bytes() for s in sealed)  # still in the file, for now

    vault = reopen(path)
    try:
        data = path.read_bytes() + Path(f"{path}-wal").read_bytes()
        assert not any(s in data for s in sealed)  # gone while the vault is still open
    finally:
        vault.close()


def test_a_damaged_log_is_said_even_if_first_opened_without_unlocking(
    with_log, new_vault: Vault, cli
) -> None:
    path, expected = with_log
    # This computer last saw the vault here whole, with every save.
    seen = heads.Seen(new_vault.vault_id, new_vault.fingerprint().size, b"r" * 32, NOW, 1)
    heads.remember(path, seen)
    log = Path(f"{path}-wal")
    data = bytearray(log.read_bytes())
    data[32 + 24 + 200] ^= 0x10
    log.write_bytes(data)
    assert cli("fingerprint", vault=path).code == 0  # no key: the log is read and emptied
    wrong = cli("person", "list", vault=path, passphrase_file=None)  # nobody to ask
    assert wrong.code == 3
    listed = cli("person", "list", vault=path)
    assert listed.code == 0 and "kept beside the vault" in listed.err
    assert "older than" not in listed.err  # the damage explains it: not a copy put back


def test_a_damaged_salt_in_the_last_save_is_noticed(with_log) -> None:
    path, expected = with_log
    log = Path(f"{path}-wal")
    data = bytearray(log.read_bytes())
    frames = (len(data) - 32) // (24 + 4096)
    data[32 + (frames - 1) * (24 + 4096) + 8] ^= 0x01  # the last frame's first salt
    log.write_bytes(data)
    vault = reopen(path)
    assert names(vault) < expected and kinds(vault) == [WarningKind.LOG_DAMAGED]
    vault.close()


def test_a_warning_never_makes_an_export_fail_and_verify_says_the_vault_checks_out(
    new_vault: Vault, vault_path: Path, tmp_path: Path, cli
) -> None:
    new_vault.save(make_person(display_name="First"))
    new_vault.close()
    older = tmp_path / "older.companion"
    shutil.copy(vault_path, older)
    vault = reopen(vault_path)
    vault.save(make_person(display_name="Second"))
    vault.close()
    shutil.copy(older, vault_path)
    exported = cli("export", "--format", "json", "--out", str(tmp_path / "log.json"))
    assert exported.code == 0 and "older than" in exported.err
    checked = cli("verify")
    assert checked.code == 5 and "The vault is intact" in checked.out
    assert "companion acknowledge" in checked.err
