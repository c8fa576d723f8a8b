"""Restoring a backup from set-up's first page, on a new computer: the backup chosen (from the
home folder), its passphrase or recovery key asked in words for a computer with no records,
the check run off the window's thread with Stop, a failure said in one sentence on the page
with nothing written at the vault's place, and the records opening in the main window."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
    QWizard,
)

from companion import backup, backup_files, errors, leftovers
from companion.fingerprint import Fingerprint
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen
from tests.ui.conftest import visible_texts
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from tests.ui.test_backup import when_shown
from tests.ui.test_first_run import GOOD, leave, make_wizard, tick
from ui import restore_key_dialog
from ui.app import open_window
from ui.first_run import RESTORE, WELCOME, FirstRunWizard
from ui.restore_key_dialog import BackupKeyDialog


class Made:
    """A backup made on the old laptop, and what it holds."""

    def __init__(self, path: Path, fingerprint: Fingerprint, held: dict, key: RecoveryKey) -> None:  # type: ignore[type-arg]
        self.path, self.fingerprint, self.held, self.key = path, fingerprint, held, key


@pytest.fixture
def made(tmp_path: Path) -> Made:
    old = tmp_path / "old laptop" / "records.companion"
    old.parent.mkdir()
    vault, key = Vault.create(old, PASSPHRASE, policy=FAST_KDF)
    vault.confirm_recovery_key(key)
    person = vault.save(make_person(display_name="Alex Example")).record
    vault.save(make_appointment(person.id))
    stick = tmp_path / "USB stick"
    stick.mkdir()
    done = backup.back_up(vault, stick / "records-2026-12-02-1405.companion-backup")
    held = snapshot(vault)
    vault.close()
    return Made(done.path, done.fingerprint, held, key)


def choosing(monkeypatch: pytest.MonkeyPatch, chosen: Path | None) -> list[str]:
    """The file dialog answers `chosen` (None: cancelled); returns where it started."""
    started: list[str] = []

    def answer(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        started.append(folder)
        return (str(chosen) if chosen else "", "")

    monkeypatch.setattr(restore_key_dialog.QFileDialog, "getOpenFileName", answer)
    return started


def restore_button(wizard: FirstRunWizard) -> QPushButton:
    return wizard.page(WELCOME).findChild(QPushButton, "restore")


def is_key_dialog(widget: QWidget) -> bool:
    return isinstance(widget, BackupKeyDialog)


def answer_with(qtbot, passphrase: str = PASSPHRASE, cancel: bool = False) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Type the passphrase into the backup's dialog and press Check and restore (or Cancel);
    returns the dialogs answered."""
    asked: list[QWidget] = []

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupKeyDialog)
        asked.append(dialog)
        texts = visible_texts(dialog)
        assert "nothing is written here unless it passes" in texts
        assert "kept beside it" not in texts  # no records here to keep aside
        if cancel:
            dialog.reject()
            return
        qtbot.keyClicks(dialog.passphrase, passphrase)
        dialog.ok.click()

    when_shown(is_key_dialog, act)
    return asked


def start_restore(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    """Press the first page's Restore from a backup… from the keyboard."""
    button = restore_button(wizard)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def ended(wizard: FirstRunWizard) -> bool:
    page = wizard.restore_page
    return not page.busy() and (page.restored is not None or page.again.isVisible())


def leftover_names(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if leftovers.is_leftover_name(n)]


def nothing_at(place: Path) -> bool:
    """No vault at the place, nor anything beside it (a hidden copy, a log)."""
    return not place.parent.exists() or os.listdir(place.parent) == []


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    """Where the new computer keeps its records: a folder not made yet."""
    return tmp_path / "new laptop" / "records.companion"


def test_a_backup_restored_at_first_start_opens_in_the_main_window_as_it_was(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:  # type: ignore[no-untyped-def]
    started = choosing(monkeypatch, made.path)
    monkeypatch.setenv("HOME", str(isolated_home))
    seen: dict[str, object] = {}

    def drive(wizard: QWidget) -> None:
        assert isinstance(wizard, FirstRunWizard)
        answer_with(qtbot)
        start_restore(qtbot, wizard)
        assert wizard.currentId() == RESTORE
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
        seen["said"] = wizard.restore_page.status.text()
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.isEnabled() and finish.text() == "Open my records"
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    when_shown(lambda shown: isinstance(shown, FirstRunWizard), drive)
    window = open_window(vault_path, FAST_KDF)
    assert window is not None
    qtbot.addWidget(window)
    assert started == [str(isolated_home)]  # the file dialog starts in the home folder
    vault = window.vault
    assert vault is not None and vault.fingerprint() == made.fingerprint
    assert snapshot(vault) == made.held
    assert vault.warnings == [] and vault.problems == []  # a chosen restore: no rollback warning
    said = f"Your records were restored from {made.path.name} (fingerprint "
    assert window.statusBar().currentMessage().startswith(said)
    assert made.fingerprint.short() in window.statusBar().currentMessage()
    assert seen["said"] == window.statusBar().currentMessage()
    assert window.session.backups.automatic
    assert leftover_names(vault_path.parent) == []
    window.close()


@pytest.mark.parametrize("spoilt", ["wrong passphrase", "cut short", "not a backup"])
def test_a_backup_that_does_not_open_is_said_on_the_page_and_nothing_is_written(
    qtbot,
    made: Made,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoilt: str,
) -> None:  # type: ignore[no-untyped-def]
    chosen, passphrase = made.path, PASSPHRASE
    if spoilt == "wrong passphrase":
        passphrase = "not the passphrase at all"
    elif spoilt == "cut short":
        made.path.write_bytes(made.path.read_bytes()[:-4096])
    else:
        chosen = tmp_path / "USB stick" / "shopping list.companion-backup"
        chosen.write_text("eggs, milk, bread\n" * 200)
    choosing(monkeypatch, chosen)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    answer_with(qtbot, passphrase)
    start_restore(qtbot, wizard)
    qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
    page = wizard.restore_page
    said = page.status.text()
    expected = {
        "wrong passphrase": "That passphrase did not open this backup, so nothing was restored.",
        "cut short": "This file is not a whole backup of a vault",
        "not a backup": "This file is not a whole backup of a vault",
    }[spoilt]
    assert said.startswith(expected) and "\n" not in said
    assert page.status.objectName() == "message"  # said as a problem is
    assert page.again.isVisible() and page.afresh.isVisible() and not page.stop.isVisible()
    assert page.again.hasFocus() or not wizard.isActiveWindow()
    assert wizard.vault is None and wizard.restored is None
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert nothing_at(vault_path)
    assert nothing_at(vault_path)


def test_after_a_failure_the_person_can_try_again(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    answer_with(qtbot, "not the passphrase at all")
    start_restore(qtbot, wizard)
    qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
    answer_with(qtbot)  # the right one, this time
    page = wizard.restore_page
    page.again.setFocus()
    qtbot.keyClick(page.again, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.restored is not None, timeout=10_000)
    assert not page.again.isVisible() and wizard.vault.fingerprint() == made.fingerprint
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_after_a_failure_the_person_can_set_up_afresh(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    answer_with(qtbot, "not the passphrase at all")
    start_restore(qtbot, wizard)
    qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
    qtbot.mouseClick(wizard.restore_page.afresh, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.passphrase_page
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # back to the first page
    qtbot.keyClicks(wizard.passphrase_page.fields.first, GOOD)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, GOOD)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
    assert wizard.currentPage() is wizard.recovery_page and wizard.vault.people() == []
    leave(qtbot, wizard)


@pytest.mark.parametrize("cancelled", ["the file", "the passphrase"])
def test_cancelling_the_file_or_the_passphrase_stays_on_the_first_page(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch, cancelled: str
) -> None:  # type: ignore[no-untyped-def]
    choosing(monkeypatch, None if cancelled == "the file" else made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    asked = answer_with(qtbot, cancel=True)
    start_restore(qtbot, wizard)
    assert wizard.currentId() == WELCOME and not wizard.restore_page.busy()
    assert len(asked) == (1 if cancelled == "the passphrase" else 0)
    assert nothing_at(vault_path)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # setting up, as before


def test_with_only_the_recovery_key_the_restored_records_get_a_new_key_shown_once(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()

    def with_key(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupKeyDialog)
        dialog.with_key.setFocus()
        qtbot.keyClick(dialog.with_key, Qt.Key.Key_Space)
        assert dialog.key.isVisible() and not dialog.passphrase.isVisible()
        assert not dialog.ok.isEnabled()
        qtbot.keyClicks(dialog.key, made.key.display().lower())
        qtbot.keyClicks(dialog.fields.first, GOOD)
        qtbot.keyClicks(dialog.fields.second, GOOD)
        dialog.ok.click()

    when_shown(is_key_dialog, with_key)
    start_restore(qtbot, wizard)
    page = wizard.restore_page
    qtbot.waitUntil(lambda: page.restored is not None, timeout=10_000)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert page.panel.isVisible() and not finish.isEnabled()  # the key is to be kept first
    shown = RecoveryKey.parse(page.panel.key_label.accessibleName().split(": ")[1])
    assert shown != made.key
    tick(qtbot, page.panel.kept_box)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.vault.recovery_key_shown and wizard.vault.fingerprint() == made.fingerprint
    wizard.vault.close()
    wizard.vault = None
    reopen(vault_path, passphrase=GOOD).close()  # the new passphrase
    reopen(vault_path, passphrase=None, recovery_key=shown).close()  # the key shown
    with pytest.raises(errors.WrongRecoveryKey):  # spent in the restored records
        reopen(vault_path, passphrase=None, recovery_key=made.key)


def hold_the_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[threading.Event, threading.Event, list[int]]:
    """The restore's copy in steps of one page, the first held until Stop is pressed."""
    reached, pressed, left = threading.Event(), threading.Event(), []
    monkeypatch.setattr(backup_files, "PAGES_PER_STEP", 1)
    real = backup_files.sqlite_progress

    def held(progress):  # type: ignore[no-untyped-def]
        step = real(progress)

        def each(status: int, remaining: int, total: int) -> None:
            left.append(remaining)
            reached.set()
            pressed.wait(10)
            step(status, remaining, total)  # type: ignore[misc]

        return each

    monkeypatch.setattr(backup_files, "sqlite_progress", held)
    return reached, pressed, left


def test_stop_ends_the_check_part_way_and_leaves_nothing(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    reached, pressed, left = hold_the_copy(monkeypatch)
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    answer_with(qtbot)
    start_restore(qtbot, wizard)
    page = wizard.restore_page
    assert page.busy() and page.stop.isVisible() and page.progress.isVisible()
    assert page.status.text().startswith(f"Checking {made.path.name}")
    assert page.status.objectName() != "message"  # work going on, not a problem
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # a stray Escape does not end it
    assert wizard.isVisible() and page.busy()
    page.stop.setFocus()
    qtbot.keyClick(page.stop, Qt.Key.Key_Space)
    pressed.set()
    qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
    assert page.status.text() == (
        "Stopped: nothing was restored, and there are still no records here."
    )
    assert page.status.objectName() != "message"  # asked for: not said as a problem
    assert min(left) > 0  # it stopped part way, before the last page was copied
    assert nothing_at(vault_path)
    assert wizard.vault is None and page.again.isVisible()


def test_closing_the_window_while_checking_stops_it_first(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    reached, pressed, left = hold_the_copy(monkeypatch)
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    answer_with(qtbot)
    start_restore(qtbot, wizard)
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    wizard.close()
    assert wizard.isVisible()  # not while a hidden copy is being written
    pressed.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)
    assert wizard.result() == QWizard.DialogCode.Rejected and min(left) > 0
    assert nothing_at(vault_path)


def test_the_restore_button_is_reached_by_tab_and_everything_is_named(
    qtbot, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_accessibility import unnamed

    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    button = restore_button(wizard)
    assert button.accessibleName() == "Restore from a backup"
    for _ in range(8):
        if button.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert button.hasFocus()
    named: list[list[str]] = []

    def check(dialog: QWidget) -> None:
        named.append(unnamed(dialog))
        dialog.with_key.setChecked(True)  # type: ignore[attr-defined]
        named.append(unnamed(dialog))
        dialog.reject()  # type: ignore[attr-defined]

    when_shown(is_key_dialog, check)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert named == [[], []]
    assert unnamed(wizard) == []


@pytest.mark.parametrize("percent", [100, 200])
def test_the_restore_fits_the_screen_at_both_text_sizes(
    qtbot, qapp, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch, percent: int
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.fit_probe import cut_off, settle, sideways
    from ui import theme
    from ui.screen_fit import room

    theme.apply(qapp, "light", percent)

    def fits(window: QWidget, where: str) -> None:
        settle()
        assert cut_off(window) == [], where
        assert sideways(window) == [], where
        most = room(window)
        assert window.width() <= most.width() and window.height() <= most.height(), where

    dialog = BackupKeyDialog(made.path)
    qtbot.addWidget(dialog)
    dialog.show()
    fits(dialog, "asked for the passphrase")
    dialog.with_key.setChecked(True)
    fits(dialog, "asked for the recovery key")
    dialog.reject()
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    fits(wizard, "the first page")
    answer_with(qtbot, "not the passphrase at all")
    start_restore(qtbot, wizard)
    qtbot.waitUntil(lambda: ended(wizard), timeout=10_000)
    fits(wizard, "a failure said")

    def with_key(asked: QWidget) -> None:
        asked.with_key.setChecked(True)  # type: ignore[attr-defined]
        asked.key.setText(made.key.display())  # type: ignore[attr-defined]
        asked.fields.first.setText(GOOD)  # type: ignore[attr-defined]
        asked.fields.second.setText(GOOD)  # type: ignore[attr-defined]
        asked.ok.click()  # type: ignore[attr-defined]

    when_shown(is_key_dialog, with_key)
    wizard.restore_page.again.click()
    qtbot.waitUntil(lambda: wizard.restore_page.restored is not None, timeout=10_000)
    fits(wizard, "the new recovery key shown")


def shown_in(widget: QWidget, part: QRect) -> bool:
    """`part` of `widget` is within the scrolling area it is in, not scrolled out of sight."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    view = area.viewport()
    return view.rect().contains(QRect(widget.mapTo(view, part.topLeft()), part.size()))


def wholly_in_view(widget: QWidget) -> bool:
    return shown_in(widget, widget.rect())


def typing_in_view(box: QLineEdit) -> bool:
    """Where typing goes is in view (as Qt scrolls a box into view: its text cursor)."""
    return shown_in(box, box.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle))


def test_at_twice_the_text_size_tab_scrolls_what_it_reaches_into_view(
    qtbot, qapp, made: Made, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.fit_probe import settle
    from ui import theme

    theme.apply(qapp, "light", 200)
    choosing(monkeypatch, made.path)
    wizard = make_wizard(qtbot, vault_path)
    wizard.show()
    wizard.resize(wizard.width(), wizard.minimumSizeHint().height())  # a small laptop's screen
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    settle()
    button = restore_button(wizard)
    assert not wholly_in_view(button)  # below the fold of the first page at this size
    for _ in range(8):
        if button.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: wholly_in_view(button))
    seen: list[bool] = []

    def by_keyboard(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupKeyDialog)
        try:
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            dialog.resize(dialog.width(), dialog.minimumSizeHint().height() + 120)
            settle()
            dialog.with_key.setFocus()
            qtbot.keyClick(dialog.with_key, Qt.Key.Key_Space)  # the key's part is shown, below
            assert dialog.key.hasFocus()
            qtbot.waitUntil(lambda: typing_in_view(dialog.key), timeout=2_000)
            seen.append(True)
        finally:
            dialog.reject()

    when_shown(is_key_dialog, by_keyboard)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert seen == [True]
