"""Nothing typed is lost to the idle lock, the close button or a crash; the lock warns first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from companion.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, reopen
from tests.ui.conftest import visible_texts, when_modal
from ui import entry_commands
from ui.main_window import MainWindow

WORDS = "The work coach read my diagnosis out across the open floor"
REPO = Path(__file__).resolve().parents[2]


def unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)


def answer(button_text: str) -> None:
    """Press the button of that name on the next question asked."""

    def press(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        (button,) = [b for b in dialog.buttons() if b.text() == button_text]
        button.click()

    when_modal(press)


def type_then_idle_lock(qtbot, window: MainWindow) -> list[int]:  # type: ignore[no-untyped-def]
    """Open a new appointment, type into "what happened", and leave it until the app locks."""
    closed: list[int] = []

    def act(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.fields["account"], WORDS)
        dialog.finished.connect(closed.append)
        window.idle.set_interval(300)

    when_modal(act)
    window.new_appointment_action.trigger()
    qtbot.waitUntil(lambda: window.vault is None, timeout=5_000)
    return closed


def test_the_idle_lock_keeps_what_was_typed_and_unlocking_offers_it_back(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    closed = type_then_idle_lock(qtbot, window)
    assert closed == [QDialog.DialogCode.Rejected]
    qtbot.wait(50)  # the closed form is gone once the window is idle again
    assert WORDS not in visible_texts(window, hidden=True)  # not kept, even hidden
    window.idle.set_interval(10 * 60_000)

    restored: list[str] = []

    def carry_on(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        assert "You were writing a new appointment" in dialog.text()
        assert dialog.defaultButton().text() == "Carry on writing"

        def read_form(form: QWidget) -> None:
            restored.append(form.fields["account"].toPlainText())
            form.save_button.click()

        when_modal(read_form)
        dialog.defaultButton().click()

    when_modal(carry_on)
    unlock(qtbot, window)
    assert restored == [WORDS]
    vault = window.vault
    assert vault is not None
    assert [a.record.account for a in vault.appointments()] == [WORDS]
    assert vault.drafts() == []  # saved, so the draft has gone


def test_not_now_keeps_the_draft_and_throwing_it_away_asks_first(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    type_then_idle_lock(qtbot, window)
    window.idle.set_interval(10 * 60_000)
    answer("Not now")
    unlock(qtbot, window)
    vault = window.vault
    assert vault is not None
    assert [d.values.get("account") for d in vault.drafts()] == [WORDS]
    # A new appointment starts from what was kept, and says so.
    seen: list[tuple[str, str]] = []

    def look(form: QWidget) -> None:
        seen.append((form.fields["account"].toPlainText(), form.message.text()))
        window.lock()  # the draft is kept again

    when_modal(look)
    window.new_appointment_action.trigger()
    ((words, note),) = seen
    assert words == WORDS and note.startswith("This is what you were writing on ")
    assert window.vault is None

    def throw_away(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        answer("&Yes")
        [b for b in dialog.buttons() if b.text() == "Throw it away"][0].click()

    when_modal(throw_away)
    unlock(qtbot, window)
    assert window.vault is not None and window.vault.drafts() == []


def test_closing_the_app_with_a_form_open_keeps_the_draft(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.fields["account"], WORDS)
        window.close()

    when_modal(act)
    window.new_appointment_action.trigger()
    assert window.vault is None
    again = reopen(vault_path)
    assert [d.values.get("account") for d in again.drafts()] == [WORDS]
    assert again.appointments() == []
    again.close()


def test_a_pause_in_typing_keeps_the_draft_without_a_lock(
    qtbot, window: MainWindow, person_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(entry_commands, "DRAFT_DELAY_MS", 50)
    seen: list[list[dict]] = []

    def act(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.fields["account"], WORDS)
        qtbot.waitUntil(lambda: bool(person_vault.drafts()), timeout=5_000)
        seen.append([d.values for d in person_vault.drafts()])
        dialog.save_button.click()

    when_modal(act)
    window.new_appointment_action.trigger()
    assert seen[0][0]["account"] == WORDS
    assert person_vault.drafts() == []  # saved: the draft went


def test_a_form_left_untouched_when_the_app_locks_leaves_no_draft(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    when_modal(lambda _dialog: window.lock())
    window.new_appointment_action.trigger()
    assert window.vault is None
    again = reopen(vault_path)
    assert again.drafts() == []
    again.close()


def test_the_lock_warns_first_and_a_key_press_keeps_the_records_open(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    window.idle.set_interval(2_000)  # a warning at one second, the lock at two
    qtbot.waitUntil(window.lock_warning.isVisible, timeout=5_000)
    text = window.lock_warning.text.text()
    assert "Your records will lock in 1 second " in text, text
    assert window.lock_warning.stay.accessibleName() == "Stay unlocked"
    assert window.vault is not None
    window.idle.set_interval(60_000)  # what a key press does, without racing the timer
    qtbot.keyClick(window.workspace.table, Qt.Key.Key_Down)
    assert not window.lock_warning.isVisible()
    assert window.vault is not None


def test_stay_unlocked_puts_the_lock_back_to_the_full_time(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    window.idle.set_interval(2_000)
    qtbot.waitUntil(window.lock_warning.isVisible, timeout=5_000)
    window.idle.timer.setInterval(60_000)  # the full time, once restarted
    window.lock_warning.stay.click()
    assert not window.lock_warning.isVisible()
    assert window.idle.timer.remainingTime() > 30_000
    assert window.vault is not None


CHILD = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from companion.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from ui.main_window import MainWindow
from ui import entry_commands

entry_commands.DRAFT_DELAY_MS = 50
app = QApplication([])
path = Path(sys.argv[1])
vault = Vault.open(path, passphrase=PASSPHRASE, policy=FAST_KDF)
window = MainWindow(path, policy=FAST_KDF, vault=vault)
window.show()

def type_then_die():
    form = QApplication.activeModalWidget()
    QTest.keyClicks(form.fields["account"], sys.argv[2])
    def die():
        if vault.drafts():
            os.kill(os.getpid(), signal.SIGKILL)
        QTimer.singleShot(20, die)
    QTimer.singleShot(100, die)

QTimer.singleShot(200, type_then_die)
window.new_appointment()
"""


@pytest.mark.slow
def test_a_draft_survives_the_app_being_killed(
    qtbot, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person_vault.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(vault_path), WORDS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    window = MainWindow(vault_path, policy=FAST_KDF)
    qtbot.addWidget(window)
    window.show()
    restored: list[str] = []

    def carry_on(dialog: QWidget) -> None:
        when_modal(lambda form: (restored.append(form.fields["account"].toPlainText()),
                                 form.close_without_asking()))  # fmt: skip
        dialog.defaultButton().click()

    when_modal(carry_on)
    unlock(qtbot, window)
    assert restored == [WORDS]
    window.close()


def test_the_keyboard_shortcuts_window_lists_every_shortcut_of_the_window(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction, QKeySequence

    from ui.shortcuts import ShortcutsDialog

    listed: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        table = dialog.table
        listed.extend(table.item(row, 0).text() for row in range(table.rowCount()))
        dialog.reject()

    when_modal(read)
    qtbot.keyClick(window.workspace.table, Qt.Key.Key_F1)
    assert listed
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if keys:
            assert keys in listed, f"{action.text()} ({keys}) is not in the list"


def test_the_guide_lists_the_same_keys_as_the_app() -> None:
    from ui.shortcuts import rows

    guide = (REPO / "docs" / "using-the-app.md").read_text(encoding="utf-8")
    for keys, does in rows():
        assert f"| {keys} | {does} |" in guide, keys


def test_the_warning_shows_over_an_open_form_and_leaves_the_typing_where_it_was(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[bool, bool, bool]] = []

    def act(form: QWidget) -> None:
        field = form.fields["account"]
        field.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
        qtbot.keyClicks(field, "The coach said")
        window.idle.set_interval(2_000)
        qtbot.waitUntil(window.lock_warning.isVisible, timeout=5_000)
        qtbot.wait(100)  # time for a desktop to move the keyboard, were it going to
        warning = window.lock_warning
        seen.append(
            (
                QApplication.focusWidget() is field,  # typing goes on where it was
                warning.window().parentWidget() is form,  # over the form, not blocked by it
                warning.stay.isEnabled() and warning.isVisible(),
            )
        )
        window.idle.set_interval(60_000)
        qtbot.keyClicks(field, " it out loud")  # use again: the notice goes
        seen.append((field.toPlainText() == "The coach said it out loud",
                     not warning.isVisible(), warning.parentWidget() is window))  # fmt: skip
        form.close_without_asking()

    when_modal(act)
    window.new_appointment_action.trigger()
    assert seen == [(True, True, True), (True, True, True)]
    assert window.vault is not None
