"""A warning found on opening (an older copy put back) is shown in full in the app and stays
until the person says they have read it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from companion.vault import Vault
from tests.builders import make_person
from tests.conftest import PASSPHRASE, reopen
from tests.ui.conftest import when_modal
from ui.main_window import MainWindow


def unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)


def press(text: str, seen: list[str]):  # type: ignore[no-untyped-def]
    def action(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
        assert button.accessibleName()
        button.click()

    return action


def test_an_older_copy_is_warned_of_until_read(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.lock()
    older = tmp_path / "older.companion"
    shutil.copy(vault_path, older)
    vault = reopen(vault_path)
    vault.save(make_person(display_name="Written later"))
    vault.close()
    shutil.copy(older, vault_path)

    seen: list[str] = []
    when_modal(press("Show it again next time", seen))
    unlock(qtbot, window)
    assert "older than the one this computer last saw" in seen[0]
    assert "not yet read" in window.statusBar().currentMessage()

    window.lock()
    when_modal(press("I have read this", seen))
    unlock(qtbot, window)
    assert len(seen) == 2 and window.vault is not None and window.vault.warnings == []

    window.lock()
    unlock(qtbot, window)  # no dialog this time: it would block the test if one opened
    assert window.vault is not None and window.vault.warnings == []


def test_a_recovery_key_never_shown_is_offered_anew_on_unlock(
    qtbot, vault_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QDialog, QInputDialog

    from tests.conftest import FAST_KDF

    vault, _never_shown = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF, clock=clock)
    asked: list[str] = []

    def keep_the_new_key(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        dialog.findChild(QCheckBox).setChecked(True)
        done = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Done")
        done.click()

    def give_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(PASSPHRASE)
        when_modal(keep_the_new_key)
        dialog.accept()

    def say_yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        when_modal(give_passphrase)
        dialog.button(QMessageBox.StandardButton.Yes).click()

    when_modal(say_yes)
    window = MainWindow(vault_path, policy=FAST_KDF, vault=vault)
    qtbot.addWidget(window)
    assert asked and "was shown" in asked[0]
    assert vault.recovery_key_shown
    window.close()
