"""Opening Settings from the main window, and doing what was chosen there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from companion import backup_restore
from companion.backup_restore import Prepared
from companion.i18n import translate
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from ui import theme
from ui.backup_section import BackupActions, restored_text
from ui.settings_dialog import SettingsDialog
from ui.vault_notices import new_key_window
from ui.workers import failure_text, run_in_background

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def open_settings(window: MainWindow) -> None:
    """Settings: the lock, the look (tried out live, put back on Cancel), the keeper, the
    passphrase, and remembering on this computer (asked of the password store in the
    background, since it can take seconds)."""
    if window.vault is None:
        return
    vault = window.vault
    s = window.settings
    before = (s.theme, s.text_percent)
    dialog = SettingsDialog(
        lock_minutes=s.lock_minutes,
        theme=s.theme,
        text_percent=s.text_percent,
        remembered=vault.remembered,
        vault_path=window.path,
        change_passphrase=vault.change_passphrase,
        keeper=kept.record if (kept := vault.keeper()) else None,
        save_keeper=vault.save,
        backups=backup_actions(window, vault),
        new_recovery_key=vault.new_recovery_key,
        show_recovery_key=lambda parent, key: show_key(parent, vault, key),
        parent=window,
    )
    dialog.keeperSaved.connect(window._keeper_saved)
    app = QApplication.instance()

    def look(name: str, size: int) -> None:
        theme.apply(app, name, size)  # type: ignore[arg-type]
        window.refresh_look()

    dialog.lookChanged.connect(look)
    result = dialog.exec()
    if result == SettingsDialog.RESTORE and dialog.restore_chosen is not None:
        look(*before)
        restore(window, *dialog.restore_chosen)
        return
    if result != QDialog.DialogCode.Accepted:
        look(*before)
        return
    s.lock_minutes = dialog.lock_minutes.value()
    s.theme = dialog.chosen_theme()
    s.text_percent = dialog.text_percent.value()
    s.sync()
    window.session.set_lock_minutes(s.lock_minutes)
    if dialog.remember.isChecked() and not vault.remembered:
        work = vault.remember_on_this_computer
    elif not dialog.remember.isChecked() and vault.remembered:
        work = vault.forget_this_computer
    else:
        return

    def done(_result: object) -> None:
        window._keys_task = None
        window.statusBar().showMessage(translate("MainWindow", "Done."))

    def failed(exc: BaseException) -> None:
        window._keys_task = None
        window.statusBar().clearMessage()
        QMessageBox.warning(window, translate("MainWindow", "Not remembered"), failure_text(exc))

    # The password store can take seconds to answer: never with the window frozen.
    window.statusBar().showMessage(
        translate("MainWindow", "Asking this computer's password store…")
    )
    window._keys_task = run_in_background(work, done, failed)


def backup_actions(window: MainWindow, vault: Vault) -> BackupActions:
    """Settings' Backups section, wired to this window's vault, session and settings."""
    settings, backups = window.settings, window.session.backups

    def set_folder(folder: Path) -> None:
        settings.backup_folder = folder
        settings.sync()

    def prepare(backup: Path, passphrase: str, copied: Callable[[int, int], None]) -> Prepared:
        return backup_restore.prepare(
            backup,
            window.path,
            passphrase=passphrase,
            policy=window.policy,
            clock=vault.now,
            progress=copied,
        )

    return BackupActions(
        vault_path=window.path,
        now=vault.now,
        folder=backups.folder,
        set_folder=set_folder,
        back_up_now=backups.back_up_now,
        prepare_restore=prepare,
        watch_progress=backups.progress.connect,
    )


def restore(window: MainWindow, prepared: Prepared, passphrase: str) -> None:
    """Put the checked backup in place: the records close, the backup takes their place, and
    it opens with its passphrase; the status line then says where the old records are kept."""
    said: dict[str, str] = {}

    def note(restored: Any) -> None:
        said["text"] = restored_text(restored)
        window.session.restored.disconnect(note)

    def show() -> None:  # the first unlock after: the restored vault, or (if it failed) the old
        window.vaultUnlocked.disconnect(show)
        if "text" in said:
            window.statusBar().showMessage(said.pop("text"))

    window.session.restored.connect(note)
    window.vaultUnlocked.connect(show)
    window.session.restore(prepared, passphrase)


def show_key(parent: QWidget, vault: Vault, key: RecoveryKey) -> bool:
    """The new recovery key, once, in the window set-up uses; relied on only once the
    person says it is kept. True if they did."""
    shown = new_key_window(parent, vault, key)
    if shown.exec() != QDialog.DialogCode.Accepted:
        return False
    vault.confirm_recovery_key(key)
    return True
