"""Making backups: one whole file that opens with the same passphrase, made through SQLite's
backup API, written whole or not at all, never over the vault, into a folder or a link; the
last ten automatic ones kept; and a full disk that changes nothing but says so."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion import backup, backup_log, errors, paths
from companion.cli import exit_code
from companion.messages import describe
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_person
from tests.conftest import PASSPHRASE, Clock, reopen

NOW = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def filled(new_vault: Vault) -> Vault:
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id, account="Asked about my medication"))
    return new_vault


def test_a_backup_of_the_open_vault_opens_with_its_passphrase_and_holds_it_all(
    filled: Vault, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "mine.companion-backup"
    target.parent.mkdir()
    made = backup.back_up(filled, target)
    assert made.path == target and made.fingerprint == filled.fingerprint()
    assert files_in(target.parent) == ["mine.companion-backup"]  # nothing beside it
    assert target.read_bytes()[18:20] == b"\x01\x01"  # one file: no write-ahead log needed
    expected = snapshot(filled)
    copy = reopen(target)
    assert snapshot(copy) == expected and copy.verify() == []
    assert copy.fingerprint() == made.fingerprint
    copy.close()


def test_a_backup_of_a_closed_vault_needs_no_key_and_matches_its_fingerprint(
    filled: Vault, vault_path: Path, tmp_path: Path
) -> None:
    fingerprint = filled.fingerprint()
    filled.close()
    before = digest(vault_path)
    made = backup.back_up_closed(vault_path, tmp_path / "b.companion-backup", now=NOW)
    assert made.fingerprint == fingerprint
    assert digest(vault_path) == before  # the vault itself is only read
    last = backup_log.last_backup(vault_path)
    assert last is not None and (last.made_at, last.fingerprint) == (NOW, fingerprint)


def test_a_backup_is_told_from_the_vault_open_elsewhere(filled: Vault, vault_path: Path) -> None:
    with pytest.raises(errors.VaultInUse):
        backup.back_up_closed(vault_path, vault_path.with_name("b.companion-backup"))


@pytest.mark.parametrize("where", ["vault", "wal", "folder", "link", "nothing"])
def test_a_backup_is_never_written_over_the_vault_into_a_folder_or_onto_a_link(
    filled: Vault, vault_path: Path, tmp_path: Path, where: str
) -> None:
    elsewhere = tmp_path / "elsewhere.companion-backup"
    elsewhere.write_bytes(b"kept as it is")
    link = tmp_path / "link.companion-backup"
    link.symlink_to(elsewhere)
    target = {
        "vault": vault_path,
        "wal": Path(f"{vault_path}-wal"),
        "folder": tmp_path,
        "link": link,
        "nothing": Path(""),
    }[where]
    before = digest(vault_path), elsewhere.read_bytes(), files_in(tmp_path)
    with pytest.raises(errors.InvalidInput) as refused:
        backup.back_up(filled, target)
    sentence = describe(refused.value)
    assert sentence.endswith("Nothing was changed.") and "\n" not in sentence
    said = {
        "vault": "other than the vault itself",
        "wal": "other than the vault itself",
        "folder": "not a folder",
        "link": "not a link",
        "nothing": "the name of a file",
    }[where]
    assert said in sentence
    assert (digest(vault_path), elsewhere.read_bytes(), files_in(tmp_path)) == before


def test_a_backup_replaces_an_ordinary_file_only_once_it_is_whole(
    filled: Vault, tmp_path: Path
) -> None:
    target = tmp_path / "b.companion-backup"
    target.write_bytes(b"an older file")
    backup.back_up(filled, target)
    reopen(target).close()


@pytest.mark.parametrize("how", ["Back up now", "backup --out"])
def test_a_backup_folder_that_is_not_there_is_said_as_such(
    filled: Vault, tmp_path: Path, how: str
) -> None:
    """A USB stick taken out reads as one, not as a name typed wrong, and nothing is made."""
    stick = tmp_path / "media" / "STICK"
    before = digest(filled.path), files_in(tmp_path)
    with pytest.raises(errors.BackupFolderMissing) as refused:
        if how == "Back up now":
            backup.into_folder(filled, stick)
        else:
            backup.back_up(filled, stick / "records.companion-backup")
    assert describe(refused.value) == (
        f"The backup folder {stick} is not there (was a USB stick taken out?), so no backup "
        "was made. Your records themselves are safe."
    )
    assert exit_code(refused.value) == 1
    assert (digest(filled.path), files_in(tmp_path)) == before


def full_disk_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync

    def fsync(descriptor: int) -> None:
        if os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")).endswith(".creating"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)


def full_disk_in_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own writes fail part way through the copy, as on a full stick."""
    real = sqlite3.connect

    def connect(where: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real(where, *args, **kwargs)
        if ".creating" in str(where):
            conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.mark.parametrize("full", [full_disk_on_fsync, full_disk_in_sqlite])
def test_a_full_disk_leaves_the_vault_and_earlier_backups_as_they_were_and_says_so(
    filled: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    full,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    earlier = backup.into_folder(filled, folder, now=NOW)
    kept = {p.name: digest(p) for p in folder.iterdir()}
    state = snapshot(filled)
    full(monkeypatch)
    with pytest.raises(errors.StorageFull) as failed:
        backup.into_folder(filled, folder, now=NOW + timedelta(days=1), automatic=True)
    assert {p.name: digest(p) for p in folder.iterdir()} == kept  # no partial file either
    assert describe(failed.value).count(".") == 2  # "The disk is full, ... try again."
    assert snapshot(filled) == state
    filled.close()
    assert reopen(vault_path).verify() == []
    noted = backup_log.failure(vault_path)
    assert noted is not None and noted.kind is backup_log.FailureKind.FULL
    text = backup_log.failure_text(noted)
    assert text.count(". ") == 0 and text.endswith("safe.")  # one sentence
    last = backup_log.last_backup(vault_path)
    assert last is not None and last.file == earlier.path


def test_a_cancelled_backup_leaves_nothing(filled: Vault, tmp_path: Path) -> None:
    def stop(done: int, total: int) -> None:
        raise errors.Cancelled()

    with pytest.raises(errors.Cancelled):
        backup.back_up(filled, tmp_path / "b.companion-backup", progress=stop)
    assert not any(p.name.endswith((".companion-backup", ".creating")) for p in tmp_path.iterdir())


def test_progress_is_reported_up_to_the_whole(filled: Vault, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    backup.back_up(
        filled, tmp_path / "b.companion-backup", progress=lambda d, t: seen.append((d, t))
    )
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_what_a_killed_backup_left_is_removed_by_the_next_one(
    filled: Vault, tmp_path: Path
) -> None:
    left = tmp_path / ".b.companion-backup.0123abcd.creating"
    left.write_bytes(b"half a backup")
    Path(f"{left}-journal").write_bytes(b"its journal")
    backup.back_up(filled, tmp_path / "b.companion-backup")
    assert not left.exists() and not Path(f"{left}-journal").exists()


# -- automatic backups ----------------------------------------------------------------------


def test_automatic_backups_are_named_by_date_and_time_and_the_newest_ten_are_kept(
    filled: Vault, vault_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    other = folder / "elsewhere-2026-01-01-0900.companion-backup"  # another vault's: kept
    other.write_bytes(b"x")
    mine = folder / "notes.txt"
    mine.write_text("the person's own file")
    made = []
    for n in range(12):
        made.append(backup.into_folder(filled, folder, now=NOW + timedelta(hours=n)).path)
    assert made[0].name == "records-2026-12-02-1405.companion-backup"
    assert backup.kept(folder, vault_path) == made[2:]
    assert other.exists() and mine.exists()


def test_a_second_backup_within_the_minute_keeps_the_first(filled: Vault, tmp_path: Path) -> None:
    first = backup.into_folder(filled, tmp_path, now=NOW)
    second = backup.into_folder(filled, tmp_path, now=NOW + timedelta(seconds=20))
    assert first.path.exists() and second.path.name == "records-2026-12-02-140520.companion-backup"
    assert backup.kept(tmp_path, filled.path) == [first.path, second.path]


def test_the_default_folder_is_the_apps_own_and_owner_only(filled: Vault) -> None:
    folder = paths.default_backup_dir()
    made = backup.into_folder(filled, folder, now=NOW)
    assert made.path.parent == folder and folder.stat().st_mode & 0o777 == 0o700
    assert made.path.stat().st_mode & 0o777 == 0o600


def test_a_missing_folder_is_noted_for_an_automatic_backup_and_said_once(
    filled: Vault, vault_path: Path, tmp_path: Path
) -> None:
    with pytest.raises(errors.BackupFolderMissing):
        backup.into_folder(filled, tmp_path / "stick gone", now=NOW, automatic=True, on_close=True)
    noted = backup_log.failure(vault_path)
    assert noted is not None and noted.kind is backup_log.FailureKind.FOLDER and noted.on_close
    assert "USB stick" in backup_log.failure_text(noted)
    backup_log.clear_failure(vault_path)
    assert backup_log.failure(vault_path) is None
    backup.into_folder(filled, tmp_path, now=NOW, automatic=True)
    assert backup_log.failure(vault_path) is None


def test_a_daily_backup_is_due_after_a_day_or_with_none_yet(filled: Vault, tmp_path: Path) -> None:
    assert backup_log.due(filled.path, NOW)
    backup.into_folder(filled, tmp_path, now=NOW)
    assert not backup_log.due(filled.path, NOW + timedelta(hours=23))
    assert backup_log.due(filled.path, NOW + timedelta(hours=24))
    assert backup_log.due(filled.path, NOW - timedelta(hours=1))  # made "in the future"


def test_the_last_backup_is_said_in_words(filled: Vault, tmp_path: Path, clock: Clock) -> None:
    assert backup_log.last_backup_text(filled.path, NOW) == "No backup has been made yet."
    made = backup.into_folder(filled, tmp_path, now=NOW)
    text = backup_log.last_backup_text(filled.path, NOW + timedelta(minutes=5))
    assert text.startswith("Last backup: today at 14:05, to ")
    assert made.fingerprint.short() in text
    later = backup_log.last_backup_text(filled.path, NOW + timedelta(days=1))
    assert later.startswith("Last backup: yesterday at 14:05")
    assert "3 days ago (Wednesday 2 December 2026)" in backup_log.last_backup_text(
        filled.path, NOW + timedelta(days=3)
    )


def test_the_backup_log_holds_no_content_and_is_owner_only(filled: Vault, tmp_path: Path) -> None:
    backup.into_folder(filled, tmp_path, now=NOW)
    log = paths.backup_log_file()
    assert log.stat().st_mode & 0o777 == 0o600
    text = log.read_text()
    for private in ("Alex Example", "medication", PASSPHRASE):
        assert private not in text


def test_a_damaged_backup_log_is_read_as_no_backup(filled: Vault) -> None:
    log = paths.backup_log_file()
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text('{"version": 1, "places": {"x": 1}, "version": 2}')
    assert backup_log.last_backup(filled.path) is None and backup_log.due(filled.path, NOW)


# -- the command line -----------------------------------------------------------------------


def test_the_backup_command_says_where_and_the_fingerprint(
    cli, filled: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fingerprint = filled.fingerprint()
    filled.close()
    out = tmp_path / "usb" / "records.companion-backup"
    out.parent.mkdir()
    result = cli("backup", "--out", str(out), passphrase_file=None)
    assert result.code == 0 and result.err == ""
    assert str(out) in result.out and fingerprint.short() in result.out
    assert "2 saved changes" in result.out


@pytest.mark.parametrize("where", ["vault", "folder"])
def test_the_backup_command_refuses_the_vault_and_a_folder_with_exit_4(
    cli, filled: Vault, vault_path: Path, tmp_path: Path, where: str
) -> None:  # type: ignore[no-untyped-def]
    filled.close()
    before = digest(vault_path)
    target = vault_path if where == "vault" else tmp_path
    result = cli("backup", "--out", str(target))
    assert result.code == 4 and result.err.count("\n") == 1 and "Traceback" not in result.err
    assert digest(vault_path) == before


def test_the_backup_command_with_no_vault_says_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("backup", "--out", str(tmp_path / "b.companion-backup"))
    assert result.code == 1 and result.err.strip() == "There is no vault at that place yet."
