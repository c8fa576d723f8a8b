"""The first-run wizard: a passphrase, the recovery key shown once, the keeper, the first person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget, QWizard

from companion.model import Relationship, Role
from companion.presentation.keeper import kept_by
from companion.recovery_key import RecoveryKey
from tests.conftest import FAST_KDF, MemoryKeyring, reopen
from tests.ui.conftest import when_modal
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from ui.first_run import FirstRunWizard

GOOD = "violet harbour teapot lantern"


def make_wizard(qtbot, vault_path: Path) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    """A wizard closed without a question when the test ends, even a failed one (with the
    records made, closing asks first, and nothing would answer)."""
    wizard = FirstRunWizard(vault_path, FAST_KDF)

    def without_asking(wizard: FirstRunWizard) -> None:
        if wizard.vault is not None:
            wizard.vault.close()
            wizard.vault = None

    qtbot.addWidget(wizard, before_close_func=without_asking)
    return wizard


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
    wizard = make_wizard(qtbot, vault_path)
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

    assert wizard.currentPage() is wizard.keeper_page
    qtbot.keyClicks(wizard.keeper_page.fields.name, "Alex Example")
    next_page(qtbot, wizard)

    person = wizard.currentPage()
    person.name.clear()
    qtbot.keyClicks(person.name, "Alex E.")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert [p.record.display_name for p in wizard.vault.people()] == ["Alex E."]
    assert wizard.vault.keeper().record.name == "Alex Example"
    assert wizard.vault.recovery_key_shown  # kept, and past that page: confirmed
    assert memory_keyring.items == {}
    wizard.vault.close()

    again = reopen(vault_path, passphrase=GOOD)
    again.close()
    reopen(vault_path, passphrase=None, recovery_key=RecoveryKey.parse(shown)).close()


def test_a_suggested_passphrase_is_accepted_and_shown(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
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
    wizard = make_wizard(qtbot, vault_path)
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
    leave(qtbot, wizard)


def to_keeper_page(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    """Past the welcome, the passphrase, the recovery key and "remember", by keyboard."""
    wizard.show()
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase_page.fields.first, GOOD)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, GOOD)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    tick(qtbot, wizard.currentPage().panel.kept_box)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.keeper_page


def type_and_tab(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_the_keeper_is_asked_by_keyboard_and_their_name_offered_for_their_own_claim(
    qtbot, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    to_keeper_page(qtbot, wizard)
    fields = wizard.keeper_page.fields
    assert "in what capacity" in " ".join(
        label.text() for label in wizard.keeper_page.findChildren(QLabel)
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the name is needed
    assert fields.name.hasFocus()
    type_and_tab(qtbot, fields.name, "Jo  Keeper")
    assert fields.address.hasFocus()  # Tab moves on, even out of the address box
    type_and_tab(qtbot, fields.address, "1 Sample Street")
    qtbot.keyClick(fields.address, Qt.Key.Key_Return)  # (no effect: focus moved on)
    assert fields.phone.hasFocus()
    qtbot.keyClicks(fields.phone, "01234 567890")
    qtbot.keyClick(fields.phone, Qt.Key.Key_Return)  # Enter goes on to the next page
    person = wizard.currentPage()
    assert person.name.text() == "Jo Keeper"  # not typed twice
    keeper = wizard.vault.keeper().record
    assert (keeper.name, keeper.address, keeper.phone) == (
        "Jo Keeper",
        "1 Sample Street",
        "01234 567890",
    )
    qtbot.keyClick(person.name, Qt.Key.Key_Return)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted
    (me,) = [p.record for p in wizard.vault.people()]
    assert (me.display_name, me.relationship, me.role) == (
        "Jo Keeper",
        Relationship.SELF,
        Role.CLAIMANT,
    )
    wizard.vault.close()


def test_an_appointee_names_the_person_they_look_after_and_can_go_back_to_correct_themselves(
    qtbot, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    to_keeper_page(qtbot, wizard)
    qtbot.keyClicks(wizard.keeper_page.fields.name, "Jo Keepr")
    next_page(qtbot, wizard)
    person = wizard.currentPage()
    assert person.name.text() == "Jo Keepr"
    person.other.setFocus()
    qtbot.keyClick(person.other, Qt.Key.Key_Space)
    assert person.name.text() == ""  # someone else's name, not the keeper's
    wizard.back()
    fields = wizard.keeper_page.fields
    fields.name.selectAll()
    qtbot.keyClicks(fields.name, "Jo Keeper")
    next_page(qtbot, wizard)
    qtbot.keyClicks(person.name, "Sam Example")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.vault.keeper().record.name == "Jo Keeper"  # a correction, not a second keeper
    (sam,) = [p.record for p in wizard.vault.people()]
    assert sam.display_name == "Sam Example" and sam.role is Role.OFFICIAL_APPOINTEE
    assert kept_by(wizard.vault.keeper().record, [sam]) == (
        "Kept by Jo Keeper, official appointee for Sam Example."
    )
    wizard.vault.close()


def to_recovery_page(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    """Past the welcome and the passphrase: the records are made and the key is on screen."""
    wizard.show()
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase_page.fields.first, GOOD)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, GOOD)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    assert wizard.currentPage() is wizard.recovery_page


def answer_leave_question(choice: str, asked: list[QMessageBox]) -> None:
    """Answer the "Leave set-up?" question with the button whose text is `choice`."""

    def answer(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog)
        assert dialog.defaultButton().text() == "Keep setting up"  # Enter stays
        assert dialog.escapeButton().text() == "Keep setting up"  # so does Escape
        next(b for b in dialog.buttons() if b.text() == choice).click()

    when_modal(answer)


def leave(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    asked: list[QMessageBox] = []
    answer_leave_question("Leave set-up", asked)
    wizard.close()
    qtbot.waitUntil(lambda: bool(asked))
    assert not wizard.isVisible() and wizard.vault is None


def test_escape_never_leaves_set_up_once_the_records_are_made(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    to_recovery_page(qtbot, wizard)
    asked: list[bool] = []
    wizard.leaving_confirmed = lambda: asked.append(True) or False  # type: ignore[method-assign]
    page = wizard.recovery_page
    qtbot.keyClick(page.panel.kept_box, Qt.Key.Key_Escape)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.currentPage() is page and wizard.vault is not None
    assert page.panel.key_label.text()  # the key is still there to be kept
    tick(qtbot, page.panel.kept_box)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.keeper_page
    qtbot.keyClick(wizard.keeper_page.fields.name, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.vault is not None
    assert not asked  # not even a question: Escape is simply not a way out
    del wizard.leaving_confirmed
    leave(qtbot, wizard)


def test_before_anything_is_made_escape_still_leaves(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    next_page(qtbot, wizard)
    qtbot.keyClick(wizard.passphrase_page.fields.first, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and not vault_path.exists()


def test_closing_after_the_records_are_made_asks_first_and_staying_is_the_default(
    qtbot, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    to_recovery_page(qtbot, wizard)
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.text() == "Finish later"  # nothing would be undone: it stops, to go on later
    asked: list[QMessageBox] = []
    answer_leave_question("Keep setting up", asked)
    wizard.close()  # the window's close button
    qtbot.waitUntil(lambda: bool(asked))
    assert "new one will be shown" in asked[0].text()  # the key is not kept yet
    assert wizard.isVisible() and wizard.vault is not None
    answer_leave_question("Keep setting up", asked)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert wizard.isVisible() and wizard.currentPage() is wizard.recovery_page
    tick(qtbot, wizard.recovery_page.panel.kept_box)
    next_page(qtbot, wizard)
    answer_leave_question("Leave set-up", asked)
    wizard.close()
    qtbot.waitUntil(lambda: len(asked) == 3)
    assert "nothing is lost" in asked[2].text()
    assert not wizard.isVisible() and wizard.vault is None
    assert wizard.result() == QWizard.DialogCode.Rejected
    reopen(vault_path, passphrase=GOOD).close()  # the records are there, as it said


def test_back_cannot_return_to_before_the_records_were_made_nor_to_the_key(
    qtbot, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    to_recovery_page(qtbot, wizard)
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert not back.isEnabled()  # not back to the passphrase: the records are made
    assert wizard.recovery_page.isCommitPage()
    tick(qtbot, wizard.recovery_page.panel.kept_box)
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Next"
    next_page(qtbot, wizard)
    assert not back.isEnabled()  # the key was shown once, and kept: it is not shown again
    assert wizard.vault.recovery_key_shown
    leave(qtbot, wizard)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_every_page_starts_with_the_focus_where_typing_starts(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert focused() is wizard.button(QWizard.WizardButton.NextButton)  # nothing to type
    next_page(qtbot, wizard)
    fields = wizard.passphrase_page.fields
    assert focused() is fields.first
    qtbot.keyClicks(focused(), GOOD)  # typing goes straight in
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), GOOD)
    assert fields.acceptable()
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    assert focused() is wizard.recovery_page.panel.kept_box
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    next_page(qtbot, wizard)
    assert focused() is wizard.currentPage().remember
    next_page(qtbot, wizard)
    assert focused() is wizard.keeper_page.fields.name
    qtbot.keyClicks(focused(), "Jo Keeper")
    next_page(qtbot, wizard)
    person = wizard.currentPage()
    assert focused() is person.me  # whose appointments comes first; Tab goes on to the name
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is person.name
    wizard.back()
    assert focused() is wizard.keeper_page.fields.name  # and again on coming back
    next_page(qtbot, wizard)
    assert focused() is person.me
    leave(qtbot, wizard)


def test_while_the_records_are_being_made_neither_escape_nor_closing_stops_it(
    qtbot, vault_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from companion.vault import Vault

    release = threading.Event()
    create = Vault.create

    def slow_create(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return create(*args, **kwargs)

    monkeypatch.setattr(Vault, "create", slow_create)
    wizard = make_wizard(qtbot, vault_path)
    asked: list[bool] = []
    wizard.leaving_confirmed = lambda: asked.append(True) or False  # type: ignore[method-assign]
    wizard.show()
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase_page.fields.first, GOOD)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, GOOD)
    next_page(qtbot, wizard)
    assert wizard.recovery_page.creating()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    wizard.close()
    assert wizard.isVisible() and wizard.recovery_page.creating() and not asked
    release.set()
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    assert wizard.recovery_page.panel.key_label.text()  # and the key is shown, to be kept
    del wizard.leaving_confirmed
    leave(qtbot, wizard)
