"""Backups: the whole vault, as it stands, in one file that opens with the same passphrase
or recovery key, written whole or not at all.

A backup is made with SQLite's online backup API, never by copying the file: a copy of a
file SQLite is writing can catch it half way through a change. The pages go to a hidden,
locked file beside the target (`.NAME.8HEX.creating`, as a new vault is built: see
companion/leftovers.py), which is read back (SQLite's structure check, the header, and the
fingerprint, which must be the vault's) and flushed to the disk before it is moved into
place; a failure or a kill leaves no partial file at the target, and what a kill left
beside it is removed by the next backup to that folder or the next start of the app.

A backup holds only what the vault holds: ciphertext, ids, counts and hashes. No key is
needed to make one, so the command line makes one without the passphrase; restoring one
(companion/backup_restore.py) needs the passphrase or the recovery key.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from companion import backup_files, backup_log, leftovers, paths
from companion.backup_files import discard, sqlite_uri
from companion.backup_log import Failure, FailureKind, LastBackup
from companion.durable import check_not_the_vault, check_place, storage_error
from companion.durable import sync_folder as fsync_dir
from companion.errors import (
    BackupFolderMissing,
    BackupIncomplete,
    Cancelled,
    CompanionError,
    InvalidInput,
    StorageFailed,
    StorageFull,
    VaultDamaged,
    VaultInUse,
)
from companion.fingerprint import Fingerprint
from companion.store import Store, sqlite_errors
from companion.vault import Vault

SUFFIX = ".companion-backup"
KEEP = 10  # automatic backups kept in their folder: the newest ten
Progress = backup_files.Progress


@dataclass(frozen=True)
class Made:
    """A backup that is complete at `path`."""

    path: Path
    fingerprint: Fingerprint
    made_at: datetime
    file_bytes: int


def utc_now() -> datetime:
    return datetime.now(UTC)


# -- where a backup may go ----------------------------------------------------------------


def check_target(target: Path, vault_path: Path) -> None:
    """Refuse, in one sentence, a place a backup must not be written: nothing named, the
    vault itself (or its log), a folder, a link (never followed), a device or a pipe, or a
    name in a folder that does not exist (companion/durable.py's checks, as for every file
    written whole). A new name, or an ordinary file to replace once the backup is whole, is
    accepted."""
    _check_place(target)
    check_not_the_vault(target, vault_path)


def _check_place(target: Path) -> None:
    if str(target) not in ("", ".") and not target.parent.is_dir():
        raise BackupFolderMissing(str(target.parent))  # a stick taken out, said as such
    check_place(target, "the name of a file to write the backup to")


# -- making one -----------------------------------------------------------------------------


def back_up(
    vault: Vault,
    target: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Made:
    """Back up the open vault to `target`, through the vault's own connection (the vault is
    locked to everyone else while it is open). Changes saved meanwhile are in the copy."""
    check_target(target, vault.path)
    when = now or vault.now()
    made = _write(lambda dest: vault.backup_into(dest, progress), target, when, expected=None)
    _note(vault.path, made)
    return made


def back_up_closed(
    vault_path: Path,
    target: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Made:
    """Back up the vault file at `vault_path`, which no copy of the app has open (the
    command line; the app as it closes). No key is needed: only ciphertext is copied."""
    check_target(target, vault_path)
    # Opened as the app opens it: that says whether it is there, open elsewhere or damaged,
    # moves in (or keeps aside, if damaged) what a crash left in its log, and holds the
    # file's lock while its pages are read.
    store = Store.open(vault_path)
    try:
        expected = store.fingerprint()
        made = _write(
            lambda dest: store.copy_into(dest, progress), target, now or utc_now(), expected
        )
    finally:
        store.close()
    _note(vault_path, made)
    return made


def _write(
    copy: Callable[[sqlite3.Connection], None],
    target: Path,
    now: datetime,
    expected: Fingerprint | None,
) -> Made:
    """Copy every page (`copy` puts them into the connection it is given) into a hidden
    file beside `target`, check it, flush it to the disk and move it into place; on any
    failure, or a cancel, remove it."""
    folder = target.parent
    leftovers.remove_leftovers(folder)  # what a backup killed halfway left in this folder
    try:
        temp, lock = leftovers.open_locked(target, "creating")
    except OSError as exc:
        raise storage_error(exc) from exc
    try:
        fingerprint = _copy(copy, temp, lock, expected)
        if hasattr(os, "fchmod"):
            os.fchmod(lock, 0o600)  # whatever the umask, or the file it replaces, allowed
        os.fsync(lock)
        size = os.fstat(lock).st_size
        _check_place(target)  # still a place a backup may go, just before the move
        os.replace(temp, target)  # while still locked: never taken for a leftover
        fsync_dir(folder)
    except BaseException as exc:
        discard(temp, lock)
        if isinstance(exc, OSError):
            raise storage_error(exc) from exc
        raise
    os.close(lock)
    leftovers.finished(temp)
    return Made(target, fingerprint, now, size)


def _copy(
    copy: Callable[[sqlite3.Connection], None],
    temp: Path,
    lock: int,
    expected: Fingerprint | None,
) -> Fingerprint:
    """Every page into `temp`, made a file that stands on its own, then read back."""
    with sqlite_errors():
        dest = backup_files.new_copy(temp)
        try:
            copy(dest)
        finally:
            dest.close()
        backup_files.standalone(lock)
        check = sqlite3.connect(sqlite_uri(temp, "ro"), uri=True)
        try:
            sound = check.execute("PRAGMA quick_check").fetchone() == ("ok",)
            got = Store(check, temp).fingerprint() if sound else None
        except VaultDamaged:
            sound = False
        finally:
            check.close()
    if not sound or got is None or (expected is not None and got != expected):
        raise BackupIncomplete("the copy does not read back as the vault")
    return got


def _note(vault_path: Path, made: Made) -> None:
    backup_log.record_made(vault_path, LastBackup(made.made_at, made.path, made.fingerprint))


# -- automatic backups, into a folder -------------------------------------------------------


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{4}-\d{2}-\d{2}-\d{4})(\d{2})?" + re.escape(SUFFIX))


def name_for(vault_path: Path, now: datetime) -> str:
    """Like "records-2026-12-02-1405.companion-backup": the vault's name, and the local
    date and time, so the newest is last in a listing."""
    return f"{vault_path.stem}-{now.astimezone():%Y-%m-%d-%H%M}{SUFFIX}"


def _free_name(folder: Path, vault_path: Path, now: datetime) -> Path:
    target = folder / name_for(vault_path, now)
    if os.path.lexists(target):  # a second backup within the minute: the seconds too
        target = folder / f"{vault_path.stem}-{now.astimezone():%Y-%m-%d-%H%M%S}{SUFFIX}"
    return target


def kept(folder: Path, vault_path: Path) -> list[Path]:
    """The folder's automatic backups of this vault, oldest first."""
    pattern = _pattern(vault_path.stem)
    found: list[tuple[str, Path]] = []
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            match = pattern.fullmatch(name)
            if match is not None and stat.S_ISREG(os.lstat(folder / name).st_mode):
                found.append((match[1] + (match[2] or "00"), folder / name))
    return [path for _, path in sorted(found)]


def prune(folder: Path, vault_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` automatic backups of this vault in `folder`; only
    called once a new one is complete. Returns what was deleted."""
    gone = []
    for old in kept(folder, vault_path)[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
            gone.append(old)
    return gone


def into_folder(
    source: Vault | Path,
    folder: Path,
    *,
    now: datetime | None = None,
    automatic: bool = False,
    on_close: bool = False,
    keep: int = KEEP,
    progress: Progress | None = None,
) -> Made:
    """A backup of the open vault (or, as the app closes, of its file) into `folder`, named
    with the date and time; then only the newest `keep` are kept there. An automatic
    backup that fails is noted, so it can be said once (companion/backup_log.py)."""
    vault_path = source.path if isinstance(source, Vault) else source
    when = now or (source.now() if isinstance(source, Vault) else utc_now())
    try:
        if folder == paths.default_backup_dir():
            _own_folder(folder)
        target = _free_name(folder, vault_path, when)
        if isinstance(source, Vault):
            made = back_up(source, target, now=when, progress=progress)
        else:
            made = back_up_closed(source, target, now=when, progress=progress)
    except CompanionError as exc:
        if automatic and not isinstance(exc, Cancelled):  # a stop asked for is no failure
            backup_log.record_failure(vault_path, Failure(when, failure_kind(exc), on_close))
        raise
    prune(folder, vault_path, keep)
    return made


def _own_folder(folder: Path) -> None:
    """The default folder is the app's own, kept owner-only; a chosen one is left as it is."""
    try:
        paths.private_dir(folder)
    except OSError as exc:
        raise storage_error(exc) from exc


def failure_kind(exc: CompanionError) -> FailureKind:
    if isinstance(exc, StorageFull):
        return FailureKind.FULL
    if isinstance(exc, InvalidInput | StorageFailed) and not isinstance(exc, BackupIncomplete):
        return FailureKind.FOLDER
    if isinstance(exc, VaultInUse):
        return FailureKind.IN_USE
    if isinstance(exc, VaultDamaged):
        return FailureKind.DAMAGED
    return FailureKind.OTHER
