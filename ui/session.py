"""The open vault's life: unlocking in the background, recovery, restoring a backup,
locking and the idle lock.

The window lays out what this says: it shows the unlock screen or the records,
puts half-written forms away before a lock (`aboutToLock`), and shows the notice
before the idle lock (`lockSoon`, `lockPostponed`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from companion.backup_restore import Prepared
from companion.crypto import KdfPolicy
from companion.errors import NoPassphrase
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from ui.backup_runner import Backups
from ui.idle import IdleWatcher
from ui.settings import AppSettings
from ui.vault_turns import turns_of
from ui.workers import Task, failure_text, run_in_background


class Session(QObject):
    busy = Signal(bool)  # an unlock is being worked out in the background
    failed = Signal(str)  # why it did not open, in one plain sentence
    opened = Signal(object)  # the Vault
    newRecoveryKey = Signal(object)  # a recovery made a new key, to be shown once
    aboutToLock = Signal(bool)  # True for the idle lock; the vault is still open
    locked = Signal(bool)  # True for the idle lock
    lockSoon = Signal(int)  # seconds left before the idle lock
    lockPostponed = Signal()  # used again after the notice
    restored = Signal(object)  # a backup was put in place (companion.backup_restore.Restored)

    def __init__(self, path: Path, policy: KdfPolicy, settings: AppSettings) -> None:
        super().__init__()
        self.path = path
        self.policy = policy
        self.settings = settings
        self.vault: Vault | None = None
        self._task: Task | None = None
        self.idle = IdleWatcher(
            self.idle_lock,
            settings.lock_minutes * 60_000,
            on_warning=self._warn,
            on_active=self.lockPostponed.emit,
        )
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.backups = Backups(self)

    # -- opening ---------------------------------------------------------------------------

    def try_remembered(self) -> None:
        """Open without a passphrase if this computer remembers the vault; else ask."""
        self._start(lambda: Vault.open(self.path, policy=self.policy), quiet=True)

    def unlock(self, passphrase: str) -> None:
        self._start(lambda: Vault.open(self.path, passphrase=passphrase, policy=self.policy))

    def recover(self, key: RecoveryKey, new_passphrase: str) -> None:
        def done(result: tuple[Vault, Any]) -> None:
            vault, fresh = result
            self.adopt(vault)
            self.newRecoveryKey.emit(fresh)

        self._run(lambda: Vault.recover(self.path, key, new_passphrase, policy=self.policy), done)

    def restore(self, prepared: Prepared, passphrase: str) -> None:
        """Put a backup, already checked (companion/backup_restore.py), in place of the vault,
        then open it with the passphrase it was checked with. The vault is locked first (a
        form left open is kept as a draft in it); if the restore fails, it is still there,
        and the unlock screen says why."""
        self.lock()

        def done(result: Any) -> None:
            self.restored.emit(result)
            self.unlock(passphrase)

        self._run(prepared.complete, done)

    def adopt(self, vault: Vault) -> None:
        """An open vault (unlocked here, or handed over by set-up) is now the session's."""
        self.vault = vault
        self.idle.set_interval(self.settings.lock_minutes * 60_000)
        self.opened.emit(vault)

    def _start(self, work: Callable[[], Vault], quiet: bool = False) -> None:
        self._run(work, self.adopt, quiet=quiet)

    def _run(
        self, work: Callable[[], Any], done: Callable[[Any], None], quiet: bool = False
    ) -> None:
        self.busy.emit(True)

        def failed(exc: BaseException) -> None:
            self._task = None
            self.busy.emit(False)
            if quiet and isinstance(exc, NoPassphrase):
                return
            self.failed.emit(failure_text(exc))

        def finished(result: Any) -> None:
            self._task = None
            self.busy.emit(False)
            done(result)

        self._task = run_in_background(work, finished, failed)

    # -- locking ---------------------------------------------------------------------------

    def set_lock_minutes(self, minutes: int) -> None:
        self.idle.set_interval(minutes * 60_000)

    def lock(self, idle: bool = False) -> None:
        """Close the vault: its key and every decrypted record are dropped."""
        if self.vault is None:
            return
        self.aboutToLock.emit(idle)
        self.backups.wait()  # a backup reads through the vault's connection: stop it first
        vault, self.vault = self.vault, None
        vault.close()
        turns_of(vault).close()  # nothing waiting for its turn on it will run
        self.locked.emit(idle)

    def idle_lock(self) -> None:
        self.lock(idle=True)

    def _warn(self, seconds: int) -> None:
        if self.vault is not None:
            self.lockSoon.emit(seconds)

    def stay_unlocked(self) -> None:
        self.idle.restart()

    def close(self) -> None:
        """The app is closing: lock for good and stop watching for use."""
        self.lock()
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.idle)  # type: ignore[union-attr]
