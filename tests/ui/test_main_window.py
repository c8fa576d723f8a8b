"""The main window, driven as a person would: add, find, correct, lock and unlock."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from companion.model import Answer, Layout
from companion.vault import Vault
from tests.builders import make_appointment, make_event
from tests.conftest import PASSPHRASE
from tests.ui.conftest import visible_texts, when_modal
from ui.appointment_form import AppointmentForm
from ui.main_window import MainWindow
from ui.person_dialog import PersonDialog

SECRET = "Zebra-striped corridor interview"


def fill_new_appointment(qtbot, text: str, layout: str = "Op"):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, AppointmentForm)
        qtbot.keyClicks(dialog.fields["account"], text)
        qtbot.keyClicks(dialog.fields["layout"], layout)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    return act


def test_adding_a_person_shows_them_with_a_count(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.fields["display_name"], "Rhys Example")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    qtbot.mouseClick(window.workspace.add_person_button, Qt.MouseButton.LeftButton)
    names = [
        window.workspace.people_list.item(i).text()
        for i in range(window.workspace.people_list.count())
    ]
    assert names == ["Everyone (0)", "Alex Example (0)", "Rhys Example (0)"]


def test_a_new_appointment_is_saved_shown_and_found(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    when_modal(fill_new_appointment(qtbot, SECRET))
    with qtbot.waitSignal(window.entrySaved):
        window.new_appointment_action.trigger()
    assert "Saved. Written" in window.statusBar().currentMessage()
    assert len(person_vault.appointments()) == 1
    assert SECRET in window.workspace.entry.browser.toPlainText()
    assert "No private room" in window.workspace.entry.browser.toPlainText()

    quiet = make_appointment(
        person_vault.people()[0].record.id,
        account="A calm chat",
        layout=Layout.PRIVATE_ROOM,
        private_room_offered=Answer.YES,
        private_room_used=Answer.YES,
        in_earshot=(),
        in_earshot_count=None,
        adjustments=(),
        private_room_requested=Answer.YES,
    )
    person_vault.save(quiet)
    person_vault.save(make_event(person_vault.people()[0].record.id))
    window.workspace.reload()
    table = window.workspace.proxy
    assert table.rowCount() == 3

    qtbot.keyClicks(window.workspace.search, "zebra")
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert table.index(0, 2).data() == "Appointment" and table.index(0, 0).data() != ""
    window.workspace.search.clear()
    qtbot.waitUntil(lambda: table.rowCount() == 3)

    qtbot.mouseClick(window.workspace.privacy_only, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 2  # the open-floor appointment, and the letter, which stays
    assert "No private room: 1 of 1 appointment." in window.workspace.summary.text()


def test_correcting_an_entry_keeps_and_shows_the_original(
    qtbot, window: MainWindow, person_vault: Vault, clock
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    original = person_vault.save(
        make_appointment(person.id, account="Seen on the open floor.")
    ).record
    window.workspace.reload(select_id=original.id)
    clock.advance(days=11)

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, AppointmentForm) and dialog.original == original
        box = dialog.fields["account"]
        box.selectAll()
        qtbot.keyClicks(box, "Seen at the front desk.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    with qtbot.waitSignal(window.entrySaved):
        qtbot.mouseClick(window.workspace.entry.edit_button, Qt.MouseButton.LeftButton)
    shown = window.workspace.entry.browser.toPlainText()
    assert "Seen at the front desk." in shown and "Corrections" in shown
    assert 'What happened: was "Seen on the open floor.", now "Seen at the front desk."' in shown
    # The wording shown is the correction's, and the entry says when it was saved.
    assert "First written Monday 2 March 2026 at 09:30" in shown
    assert "This wording saved Friday 13 March 2026 at 09:30, 24 days later." in shown
    assert "the earlier wording is kept" in window.statusBar().currentMessage()
    assert [v.record.account for v in person_vault.versions(original.id)] == [
        "Seen on the open floor.",
        "Seen at the front desk.",
    ]


def test_an_event_is_added_from_the_same_window(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.fields["reference"], "REF-123")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    with qtbot.waitSignal(window.entrySaved):
        window.new_event_action.trigger()
    assert person_vault.events()[0].record.reference == "REF-123"
    assert window.workspace.proxy.rowCount() == 1


def put_secret_on_screen(window: MainWindow, vault: Vault) -> str:
    person = vault.people()[0].record
    record = vault.save(make_appointment(person.id, account=SECRET, date=date(2026, 1, 5))).record
    window.workspace.reload(select_id=record.id)
    window.workspace.search.setText("zebra")
    window.workspace.refresh()
    assert SECRET in visible_texts(window)
    return record.id


def test_ctrl_l_locks_and_nothing_stays_on_screen(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    put_secret_on_screen(window, person_vault)
    with qtbot.waitSignal(window.vaultLocked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.vault is None and window.stack.currentWidget() is window.unlock_page
    for text in (SECRET, "Alex Example", "zebra", PASSPHRASE):
        assert text not in visible_texts(window, hidden=True)
    assert window.workspace.model.rowCount() == 0 and window.workspace.people_list.count() == 0
    assert not window.new_appointment_action.isEnabled()
    assert person_vault._key == b""  # the key itself was dropped


def test_unlocking_returns_to_where_you_were(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    record_id = put_secret_on_screen(window, person_vault)
    window.lock()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.workspace.search.text() == "zebra"
    assert window.workspace.current_record_id() == record_id
    assert SECRET in window.workspace.entry.browser.toPlainText()


def test_a_wrong_passphrase_says_so_and_stays_locked(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.lock()
    qtbot.keyClicks(window.unlock_page.passphrase, "not my passphrase")
    with qtbot.waitSignal(window.unlockFailed, timeout=10_000) as failed:
        qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert failed.args == ["That passphrase did not open this vault. Nothing was changed."]
    assert window.unlock_page.message.text() == failed.args[0]
    assert window.vault is None and window.stack.currentWidget() is window.unlock_page
    assert window.unlock_page.passphrase.isEnabled()


def test_it_locks_itself_after_a_while_without_use(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    put_secret_on_screen(window, person_vault)
    with qtbot.waitSignal(window.vaultLocked, timeout=5_000):
        window.idle.set_interval(200)
    assert SECRET not in visible_texts(window)
    assert "not used for a while" in window.unlock_page.note.text()


def test_an_open_form_is_closed_by_the_automatic_lock(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    closed: list[int] = []

    def act(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.fields["account"], SECRET)
        dialog.finished.connect(closed.append)
        window.idle.set_interval(100)

    when_modal(act)
    window.new_appointment_action.trigger()
    qtbot.waitUntil(lambda: window.vault is None, timeout=5_000)
    assert closed == [QDialog.DialogCode.Rejected] and person_vault.appointments() == []
    assert SECRET not in visible_texts(window)


def test_the_passphrase_field_hides_what_is_typed(window: MainWindow) -> None:
    window.lock()
    assert window.unlock_page.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_a_corrected_entry_is_marked_in_the_timeline(
    window: MainWindow, person_vault: Vault
) -> None:
    person = person_vault.people()[0].record
    record = person_vault.save(make_appointment(person.id)).record
    person_vault.save(dataclasses.replace(record, account="Changed"))
    window.workspace.reload()
    what = window.workspace.proxy.index(0, 2).data()
    assert what.endswith("(corrected)")


def test_the_summary_strip_is_a_glance_and_every_count_is_a_hover_away(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    from companion.summary import sentences, summarise

    person = person_vault.people()[0].record
    for _ in range(3):
        person_vault.save(make_appointment(person.id))
    window.workspace.reload()
    every = sentences(summarise([a.record for a in person_vault.appointments()]))
    assert len(every) > 4
    strip = window.workspace.summary
    assert strip.text().count("   ·   ") == 4 and "more counts" in strip.text()
    assert strip.toolTip().splitlines() == every
    assert all(line in strip.accessibleDescription() for line in every)


def test_the_passphrase_is_not_kept_in_the_hidden_unlock_box(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    put_secret_on_screen(window, person_vault)
    window.lock()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert PASSPHRASE not in visible_texts(window, hidden=True)
    window.lock()
    for text in (SECRET, "Alex Example", "zebra", PASSPHRASE):
        assert text not in visible_texts(window, hidden=True)


def test_delete_asks_and_enter_alone_keeps_the_entry(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    record_id = put_secret_on_screen(window, person_vault)
    assert window.workspace.count.text() == "1 entry shown"

    def press_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        assert dialog.defaultButton() is dialog.button(QMessageBox.StandardButton.No)
        dialog.defaultButton().click()

    when_modal(press_enter)
    window.delete_entry(record_id)
    assert [a.record.id for a in person_vault.appointments()] == [record_id]


def test_the_timeline_is_no_keyboard_trap_and_its_entries_open_by_keyboard(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    put_secret_on_screen(window, person_vault)
    table = window.workspace.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table  # Tab leaves the table

    opened: list[str] = []

    def close_form(dialog: QWidget) -> None:
        opened.append(type(dialog).__name__)
        dialog.reject()

    table.setFocus()
    when_modal(close_form)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["AppointmentForm"]

    asked: list[str] = []

    def keep(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.No).click()

    when_modal(keep)
    window.activateWindow()  # back to the window once the form has closed
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table.setFocus()
    qtbot.keyClick(
        table,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(asked))
    assert len(person_vault.appointments()) == 1
