"""Restoring a backup: checked completely before anything is replaced, and the vault it
replaces kept aside until the person removes it.

In two steps, so the app can check a backup while the records are still open and close
them only once it is known to be good:

1. `prepare` copies the backup into a hidden, locked file beside the vault
   (`.NAME.8HEX.creating`), opens it with the passphrase or the recovery key, and checks
   every saved change (every record opens, every leaf and the tree head match, and
   whatever else `Vault.verify` checks). A backup that is cut short, altered, not a vault
   at all, or that the passphrase does not open is refused in one sentence, the hidden
   copy removed and the vault untouched.
2. `Prepared.complete` (with the vault closed) gives the vault a second name beside it
   (`NAME.before-restore-2026-12-02-1405`), then moves the checked copy over the vault
   in one step. At every moment there is a whole vault at its place, the old one or the
   new one; a kill part way leaves the old one, and the hidden copy is removed as a
   leftover. What this computer remembers of the place (companion/heads.py) is moved on to
   the restored vault, so the chosen restore does not raise the warning an older copy put
   back raises.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from companion import backup_files, heads, leftovers
from companion.backup_files import discard, sqlite_uri
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.durable import storage_error
from companion.durable import sync_folder as fsync_dir
from companion.errors import (
    BackupDamaged,
    BackupNoPassphrase,
    BackupWrongPassphrase,
    BackupWrongRecoveryKey,
    InvalidInput,
    NoPassphrase,
    StorageFailed,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from companion.fingerprint import Fingerprint
from companion.recovery_key import RecoveryKey
from companion.store import Store, file_bytes, sqlite_errors
from companion.vault import Vault

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Restored:
    """The backup is in place at `path`; the vault it replaced is at `kept_as` (None when
    there was none, as on a new computer)."""

    path: Path
    backup: Path
    fingerprint: Fingerprint
    kept_as: Path | None


@dataclass
class Prepared:
    """A backup copied beside the vault and checked completely; nothing replaced yet."""

    vault_path: Path
    backup: Path
    copy: Path
    fingerprint: Fingerprint
    seen: heads.Seen
    _lock: int = field(repr=False)
    _done: bool = False
    # Opened with the recovery key and no `show_new_key`: the restored vault's new recovery
    # key, not yet confirmed as shown. Show it once the vault is in place, then confirm it
    # in the opened vault (until then, its next unlock offers a new one).
    new_key: RecoveryKey | None = field(default=None, repr=False)

    def complete(self, now: datetime | None = None) -> Restored:
        """Put the checked copy in place; the vault there now (which must be closed) is kept
        aside under a second name. On any failure the copy is removed, the vault unchanged."""
        if self._done:
            raise StorageFailed("restore already finished")
        try:
            kept_as = _keep_aside(self.vault_path, now or utc_now())
            heads.expect_restore(self.vault_path, self.seen)
            try:
                os.replace(self.copy, self.vault_path)
            except BaseException:
                if kept_as is not None:  # the vault is still in place: the second name goes
                    with contextlib.suppress(OSError):
                        kept_as.unlink()
                raise
            fsync_dir(self.vault_path.parent)
        except BaseException as exc:
            self.abandon()
            if isinstance(exc, OSError):
                raise storage_error(exc) from exc
            raise
        heads.restored(self.vault_path, self.seen, kept_as)
        self._finish()
        return Restored(self.vault_path, self.backup, self.fingerprint, kept_as)

    def abandon(self) -> None:
        """Remove the checked copy: nothing is restored."""
        if not self._done:
            discard(self.copy, self._lock)
            heads.forget(self.copy)
            self._done = True

    def _finish(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._lock)
        leftovers.finished(self.copy)
        self._done = True


def check_backup_file(backup: Path, vault_path: Path) -> None:
    """Refuse, in one sentence, a file that cannot be a backup to restore: not there, a
    folder, a device or a pipe, or the vault itself."""
    try:
        info = os.stat(backup)
    except FileNotFoundError:
        raise InvalidInput("", "file", str(backup), "a backup file that exists") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput("", "file", str(backup), "a backup file, not a folder")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput("", "file", str(backup), "a backup file, not a device or a pipe")
    if info.st_size == 0:
        raise BackupDamaged("the file is empty")
    if vault_path.exists():
        with contextlib.suppress(OSError):
            if os.path.samefile(backup, vault_path):
                raise InvalidInput(
                    "", "file", str(backup), "a backup, not the vault it would replace"
                )


def prepare(
    backup: Path,
    vault_path: Path,
    *,
    passphrase: str | None = None,
    recovery_key: RecoveryKey | None = None,
    new_passphrase: str | None = None,
    show_new_key: Callable[[RecoveryKey], None] | None = None,
    policy: KdfPolicy = PRODUCTION_KDF,
    clock: Clock = utc_now,
    progress: backup_files.Progress | None = None,
) -> Prepared:
    """Copy `backup` beside `vault_path` and check it completely, opened with `passphrase`,
    or with `recovery_key` (which, as in a recovery, sets `new_passphrase` in the restored
    vault and gives it a new recovery key, passed to `show_new_key` before it is relied on;
    without `show_new_key`, it is kept as `Prepared.new_key`, to be shown and confirmed once
    the vault is in place). `progress` is told how much of the backup has been copied in, and
    may stop it by raising `Cancelled`: the hidden copy is then removed."""
    check_backup_file(backup, vault_path)
    folder = vault_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc) from exc
    leftovers.remove_leftovers(folder)  # what a restore killed halfway left
    try:
        copy, lock = leftovers.open_locked(vault_path, "creating")
    except OSError as exc:
        raise storage_error(exc) from exc
    try:
        _copy_in(backup, copy, progress)
        vault, new_key = _open(
            copy, passphrase, recovery_key, new_passphrase, show_new_key, policy, clock
        )
        try:
            if vault.read_only or vault.verify():
                raise BackupDamaged("the backup does not verify")
            fingerprint = vault.fingerprint()
        finally:
            vault.close()
        heads.forget(copy)  # a hidden copy is not a place a vault is kept
        os.fsync(lock)
    except BaseException as exc:
        discard(copy, lock)
        heads.forget(copy)
        if isinstance(exc, VaultDamaged) and not isinstance(exc, BackupDamaged):
            raise BackupDamaged(exc.detail) from exc
        if isinstance(exc, OSError):
            raise storage_error(exc) from exc
        raise
    seen = heads.Seen(
        fingerprint.vault_id, fingerprint.size, fingerprint.root, clock(), file_bytes(copy)
    )
    return Prepared(vault_path, backup, copy, fingerprint, seen, lock, new_key=new_key)


def _copy_in(backup: Path, copy: Path, progress: backup_files.Progress | None) -> None:
    """The backup's pages into the hidden copy, read as they are (nothing is written beside
    the backup, which may be on a stick that is read-only or about to be taken out)."""
    try:
        with sqlite_errors():
            source = sqlite3.connect(sqlite_uri(backup, "ro") + "&immutable=1", uri=True)
            try:
                dest = backup_files.new_copy(copy)
                try:
                    backup_files.copy_pages(source, dest, progress)
                finally:
                    dest.close()
            finally:
                source.close()
    except VaultDamaged as exc:
        raise BackupDamaged(exc.detail) from exc
    except sqlite3.Error as exc:  # not a database at all, in words SQLite did not sort
        raise BackupDamaged(type(exc).__name__) from exc


def _open(
    copy: Path,
    passphrase: str | None,
    recovery_key: RecoveryKey | None,
    new_passphrase: str | None,
    show_new_key: Callable[[RecoveryKey], None] | None,
    policy: KdfPolicy,
    clock: Clock,
) -> tuple[Vault, RecoveryKey | None]:
    """Open the copy with what the person gave; a wrong one is said of the backup. With the
    recovery key, also the new key, if it is still to be shown (no `show_new_key`)."""
    try:
        if recovery_key is None:
            # The passphrase itself: this computer's remembered key must not stand in for it.
            opened = Vault.open(
                copy, passphrase=passphrase, use_device=False, policy=policy, clock=clock
            )
            return opened, None
        vault, fresh = Vault.recover(
            copy, recovery_key, new_passphrase or "", policy=policy, clock=clock
        )
    except WrongPassphrase as exc:
        raise BackupWrongPassphrase() from exc
    except WrongRecoveryKey as exc:
        raise BackupWrongRecoveryKey() from exc
    except NoPassphrase as exc:
        if recovery_key is not None:
            raise  # the new passphrase is what is missing, and says so
        raise BackupNoPassphrase() from exc  # said of the backup, not of a vault left unopened
    if show_new_key is None:
        return vault, fresh  # shown, then confirmed, once the restored vault is in place
    try:
        show_new_key(fresh)
        vault.confirm_recovery_key(fresh)  # only once it has been shown
    except BaseException:
        vault.close()
        raise
    return vault, None


def aside_name(vault_path: Path, now: datetime) -> Path:
    """Where the replaced vault is kept: beside it, named for the restore's local time."""
    stamp = f"{now.astimezone():%Y-%m-%d-%H%M%S}"
    base = vault_path.with_name(f"{vault_path.name}.before-restore-{stamp}")
    candidate, n = base, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _keep_aside(vault_path: Path, now: datetime) -> Path | None:
    """Give the vault now in place a second name beside it (it stays in place meanwhile),
    with a log a damaged vault may have left moved with it. None if there is no vault."""
    if not os.path.lexists(vault_path):
        return None
    # Closed everywhere? (Refused if open elsewhere.) Its log, if any, is moved in. A damaged
    # vault is no reason to stop: replacing one is what a restore is for; it is kept as it is.
    with contextlib.suppress(VaultDamaged):
        Store.open(vault_path).close()
    kept_as = aside_name(vault_path, now)
    try:
        os.link(vault_path, kept_as)
    except OSError:  # a file system without hard links: a copy of the closed file
        _copy_closed(vault_path, kept_as)
    for end in ("-wal", "-journal"):  # left by a damaged vault: its own, so it goes with it
        beside = Path(f"{vault_path}{end}")
        if beside.exists():
            os.replace(beside, Path(f"{kept_as}{end}"))
    fsync_dir(vault_path.parent)
    return kept_as


def _copy_closed(source: Path, target: Path) -> None:
    """A byte copy of the closed vault (nothing is writing it), made whole beside `target`."""
    temp, lock = leftovers.open_locked(target, "creating")
    try:
        with open(source, "rb") as reading, open(lock, "wb", closefd=False) as writing:
            shutil.copyfileobj(reading, writing)
            writing.flush()
            os.fsync(lock)
        os.replace(temp, target)
    except BaseException:
        discard(temp, lock)
        raise
    os.close(lock)
    leftovers.finished(temp)
