"""Set-up stopped after the records were made but before the recovery key was kept (left on
purpose, or the app killed): the next start opens at the passphrase box, and unlocking offers
a new recovery key, since the first was never confirmed as kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from companion.errors import WrongRecoveryKey
from companion.recovery_key import RecoveryKey
from tests.conftest import FAST_KDF, create_vault, reopen
from tests.ui.conftest import when_modal
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from tests.ui.test_first_run import GOOD, answer_leave_question, make_wizard, to_recovery_page
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.recovery_panel import RecoveryPanel


def shown_key(panel: RecoveryPanel) -> RecoveryKey:
    return RecoveryKey.parse(panel.key_label.accessibleName().split(": ")[1])


def start_at_the_passphrase_box(qtbot, vault_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """As the app starts when the records exist: the window at its unlock screen, after
    trying this computer's remembered key (there is none)."""
    window = MainWindow(vault_path, policy=FAST_KDF)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.try_remembered()
    qtbot.waitUntil(lambda: window._task is None, timeout=10_000)
    assert window.vault is None
    return window


def test_a_normal_start_puts_the_typing_in_the_passphrase_box(
    qtbot, vault_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    create_vault(vault_path, clock).close()
    window = start_at_the_passphrase_box(qtbot, vault_path)
    assert QApplication.focusWidget() is window.unlock_page.passphrase
    window.close()


@pytest.mark.parametrize("how", ["left", "killed"])
def test_set_up_stopped_before_the_key_was_kept_offers_a_new_key_on_the_next_unlock(
    qtbot, vault_path: Path, how: str
) -> None:  # type: ignore[no-untyped-def]
    # (a killed one is gone before the test ends: nothing for the test to close)
    wizard = (
        make_wizard(qtbot, vault_path) if how == "left" else FirstRunWizard(vault_path, FAST_KDF)
    )
    to_recovery_page(qtbot, wizard)
    first_key = shown_key(wizard.recovery_page.panel)
    if how == "left":  # the close button, and "Leave set-up" chosen
        asked: list[QMessageBox] = []
        answer_leave_question("Leave set-up", asked)
        wizard.close()
        qtbot.waitUntil(lambda: bool(asked))
        assert not wizard.isVisible() and wizard.vault is None
    else:  # the process dies: nothing is closed or confirmed, the window just goes
        made = wizard.vault
        wizard.vault = None
        wizard.hide()
        wizard.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not made.recovery_key_shown
        made.close()  # as the system does for a killed app: the file is let go, nothing written
    check = reopen(vault_path, passphrase=GOOD)
    assert not check.recovery_key_shown
    check.close()

    window = start_at_the_passphrase_box(qtbot, vault_path)
    box = window.unlock_page.passphrase
    assert QApplication.focusWidget() is box
    offered: list[str] = []
    kept: list[RecoveryKey] = []

    def keep_the_new_key(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        panel = dialog.findChild(RecoveryPanel)
        kept.append(shown_key(panel))
        dialog.findChild(QCheckBox).setChecked(True)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Done").click()

    def give_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(GOOD)
        when_modal(keep_the_new_key)
        dialog.accept()

    def say_yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        offered.append(dialog.text())
        when_modal(give_passphrase)
        dialog.button(QMessageBox.StandardButton.Yes).click()

    when_modal(say_yes)
    qtbot.keyClicks(box, GOOD)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert offered and "was shown" in offered[0]
    assert window.vault is not None and window.vault.recovery_key_shown
    window.close()

    (new_key,) = kept
    reopen(vault_path, passphrase=None, recovery_key=new_key).close()
    with pytest.raises(WrongRecoveryKey):  # the key that was never kept no longer opens them
        reopen(vault_path, passphrase=None, recovery_key=first_key)
    again = reopen(vault_path, passphrase=GOOD)
    assert again.recovery_key_shown  # and the next unlock does not ask again
    again.close()
