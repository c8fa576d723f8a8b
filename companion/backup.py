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
import hashlib
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from companion import APP_NAME, backup_files, backup_log, leftovers, merkle, paths
from companion.backup_files import discard, sqlite_uri
from companion.backup_log import Failure, FailureKind, LastBackup
from companion.durable import storage_error
from companion.durable import sync_folder as fsync_dir
from companion.errors import (
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
from companion.safe_read import loads_or_none
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


def _refuse(path: Path, expected: str) -> NoReturn:
    raise InvalidInput("", "file", str(path), expected)


def check_target(target: Path, vault_path: Path) -> None:
    """Refuse, in one sentence, a place a backup must not be written: nothing named, the
    vault itself (or its log), a folder, a link (never followed), a device or a pipe, or a
    name in a folder that does not exist. A new name, or an ordinary file to replace once
    the backup is whole, is accepted."""
    info = _check_place(target)
    own = vault_path.resolve()
    beside = {own, *(Path(f"{own}{end}") for end in ("-wal", "-shm", "-journal"))}
    same = False
    if info is not None and vault_path.exists():
        with contextlib.suppress(OSError):
            same = os.path.samefile(target, vault_path)
    if same or target.resolve() in beside:
        _refuse(target, "a file other than the vault itself")


def _check_place(target: Path) -> os.stat_result | None:
    """What is at `target` now, if it is a place a file may be written; else one refusal."""
    if str(target) in ("", "."):
        raise InvalidInput("", "file", "", "the name of a file to write the backup to")
    try:
        info: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        _refuse(target, "a file in a folder that exists")
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            _refuse(target, "a new file or an ordinary one, not a link (links are not followed)")
        if stat.S_ISDIR(info.st_mode):
            _refuse(target, "the name of a file, not a folder")
        if not stat.S_ISREG(info.st_mode):
            _refuse(target, "a new file or an ordinary one, not a device or a pipe")
    if not target.parent.is_dir():
        _refuse(target, "a file in a folder that exists")
    return info


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
    made = _write(_connection_of(vault), target, when, progress, expected=None)
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
    # Opening it as the app does says whether it is there, open elsewhere or damaged, and
    # moves in (or keeps aside, if damaged) what a crash left in its log.
    Store.open(vault_path).close()
    source = _open_closed(vault_path)
    try:
        expected = _fingerprint(source)
        made = _write(source, target, now or utc_now(), progress, expected=expected)
    finally:
        source.close()
    _note(vault_path, made)
    return made


def _connection_of(vault: Vault) -> sqlite3.Connection:
    """The open vault's connection: its store holds the file's only lock while it is open,
    so its pages can be read through nothing else."""
    return vault._store._conn  # noqa: SLF001


def _open_closed(path: Path) -> sqlite3.Connection:
    """The vault file, locked as the app locks it while the pages are read."""
    with sqlite_errors():
        conn = sqlite3.connect(
            sqlite_uri(path, "rw"),
            uri=True,
            timeout=0,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
    return conn


def _fingerprint(conn: sqlite3.Connection) -> Fingerprint:
    """The tree head from a vault's header and stored leaves (no key needed)."""
    with sqlite_errors():
        try:
            row = conn.execute("SELECT data, checksum FROM header WHERE id = 1").fetchone()
            leaves = [
                bytes(leaf) for (leaf,) in conn.execute("SELECT leaf FROM revisions ORDER BY seq")
            ]
        except sqlite3.OperationalError:
            raise VaultDamaged("the file is not a vault") from None
    if row is None or hashlib.sha256(bytes(row[0])).digest() != bytes(row[1]):
        raise VaultDamaged("the vault's header is damaged")
    header = loads_or_none(bytes(row[0]))
    if not isinstance(header, dict) or header.get("app") != APP_NAME:
        raise VaultDamaged("the file is not a vault")
    return Fingerprint(str(header.get("vault_id", "")), len(leaves), merkle.root(leaves))


def _write(
    source: sqlite3.Connection,
    target: Path,
    now: datetime,
    progress: Progress | None,
    expected: Fingerprint | None,
) -> Made:
    """Copy every page of `source` into a hidden file beside `target`, check it, flush it
    to the disk and move it into place; on any failure, or a cancel, remove it."""
    folder = target.parent
    leftovers.remove_leftovers(folder)  # what a backup killed halfway left in this folder
    try:
        temp, lock = leftovers.open_locked(target, "creating")
    except OSError as exc:
        raise storage_error(exc) from exc
    try:
        fingerprint = _copy(source, temp, lock, expected, progress)
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
    source: sqlite3.Connection,
    temp: Path,
    lock: int,
    expected: Fingerprint | None,
    progress: Progress | None,
) -> Fingerprint:
    """Every page into `temp`, made a file that stands on its own, then read back."""
    with sqlite_errors():
        dest = backup_files.new_copy(temp)
        try:
            source.backup(
                dest,
                pages=backup_files.PAGES_PER_STEP,
                progress=backup_files.sqlite_progress(progress),
            )
        finally:
            dest.close()
        backup_files.standalone(lock)
        check = sqlite3.connect(sqlite_uri(temp, "ro"), uri=True)
        try:
            sound = check.execute("PRAGMA quick_check").fetchone() == ("ok",)
            got = _fingerprint(check) if sound else None
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
