"""Opening Settings from the main window, and doing what was chosen there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from companion.i18n import translate
from ui import theme
from ui.settings_dialog import SettingsDialog
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
        parent=window,
    )
    dialog.keeperSaved.connect(window._keeper_saved)
    app = QApplication.instance()

    def look(name: str, size: int) -> None:
        theme.apply(app, name, size)  # type: ignore[arg-type]
        window.refresh_look()

    dialog.lookChanged.connect(look)
    if dialog.exec() != QDialog.DialogCode.Accepted:
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
