"""The first-run wizard: a passphrase, the recovery key shown once, the first person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from companion.recovery_key import RecoveryKey
from tests.conftest import FAST_KDF, MemoryKeyring, reopen
from ui.first_run import FirstRunWizard

GOOD = "violet harbour teapot lantern"


def next_page(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(
        QWizard.WizardButton.CommitButton
        if wizard.currentPage().isCommitPage()
        else QWizard.WizardButton.NextButton
    )
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Tick a box from the keyboard, as a person can."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()


def test_the_wizard_makes_a_vault_with_a_recovery_key_and_a_first_person(
    qtbot, vault_path: Path, memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(vault_path, FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)  # past the welcome

    fields = wizard.passphrase_page.fields
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(fields.first, "password1")
    qtbot.keyClicks(fields.second, "password1")
    assert not commit.isEnabled() and "most common passwords" in fields.strength.text()
    fields.first.clear()
    fields.second.clear()
    qtbot.keyClicks(fields.first, GOOD)
    qtbot.keyClicks(fields.second, GOOD)
    assert commit.isEnabled()
    next_page(qtbot, wizard)

    page = wizard.currentPage()
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    shown = page.panel.key_label.accessibleName().split(": ")[1]
    assert RecoveryKey.parse(shown)  # what is shown can be typed back
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    tick(qtbot, page.panel.kept_box)
    next_page(qtbot, wizard)

    remember = wizard.currentPage()
    assert not remember.remember.isChecked()  # off unless chosen
    next_page(qtbot, wizard)

    person = wizard.currentPage()
    qtbot.keyClicks(person.name, "Alex Example")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert [p.record.display_name for p in wizard.vault.people()] == ["Alex Example"]
    assert memory_keyring.items == {}
    wizard.vault.close()

    again = reopen(vault_path, passphrase=GOOD)
    again.close()
    reopen(vault_path, passphrase=None, recovery_key=RecoveryKey.parse(shown)).close()


def test_a_suggested_passphrase_is_accepted_and_shown(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(vault_path, FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    fields = wizard.passphrase_page.fields
    qtbot.mouseClick(fields.suggest_button, Qt.MouseButton.LeftButton)
    assert len(fields.first.text().split()) == 5 and fields.acceptable()
    assert fields.show_box.isChecked()  # a suggestion is shown so it can be written down
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_remembering_on_this_computer_can_be_chosen(
    qtbot, vault_path: Path, memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(vault_path, FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase_page.fields.first, GOOD)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, GOOD)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    tick(qtbot, wizard.currentPage().panel.kept_box)
    next_page(qtbot, wizard)
    tick(qtbot, wizard.currentPage().remember)
    next_page(qtbot, wizard)
    assert wizard.vault.remembered and len(memory_keyring.items) == 1
    wizard.reject()
