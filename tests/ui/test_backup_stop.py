"""Stop, in Settings' Backups: shown only while Back up now or a restore's check runs,
reached by the keyboard, and leaving nothing behind (no backup, no hidden copy, the records
as they were), said in one sentence."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from companion import backup, backup_files, backup_log, leftovers, paths
from companion.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from tests.ui.test_backup import in_settings, when_shown
from ui import backup_section
from ui.backup_section import BackupSection, RestoreDialog
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog

WAIT = 10  # seconds a held step waits for the test to press Stop (a backstop)


def leftover_names(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return [n for n in os.listdir(folder) if leftovers.is_leftover_name(n)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Hold:
    """Holds background work at a point until the test has pressed Stop."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.pressed = threading.Event()
        self.left: list[int] = []  # pages still to copy, at each step of a copy held

    def __call__(self) -> None:
        self.reached.set()
        self.pressed.wait(WAIT)


def hold_the_copy(monkeypatch: pytest.MonkeyPatch) -> Hold:
    """Every copy (a backup's, a restore's) in steps of one page, the first held."""
    hold = Hold()
    monkeypatch.setattr(backup_files, "PAGES_PER_STEP", 1)
    real = backup_files.sqlite_progress

    def held(progress):  # type: ignore[no-untyped-def]
        step = real(progress)

        def each(status: int, remaining: int, total: int) -> None:
            hold.left.append(remaining)
            hold()
            step(status, remaining, total)  # type: ignore[misc]

        return each

    monkeypatch.setattr(backup_files, "sqlite_progress", held)
    return hold


def press_stop(qtbot, section: BackupSection, hold: Hold) -> None:  # type: ignore[no-untyped-def]
    """Once the work is held part way, press Stop from the keyboard, then let it go on."""
    qtbot.waitUntil(hold.reached.is_set, timeout=10_000)
    assert section.stop.isVisible() and section.stop.isEnabled()
    section.stop.setFocus()
    qtbot.keyClick(section.stop, Qt.Key.Key_Space)
    assert section.message.text() == "Stopping…"
    hold.pressed.set()


def started_by_keyboard(qtbot, dialog: QWidget, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_back_up_now_stopped_part_way_makes_no_backup_and_says_so(
    qtbot, window: MainWindow, person_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    hold = hold_the_copy(monkeypatch)
    folder = paths.default_backup_dir()
    seen: dict[str, object] = {}

    def act(dialog: SettingsDialog) -> None:
        section = dialog.backups
        assert not section.stop.isVisible()  # nothing to stop yet
        started_by_keyboard(qtbot, dialog, section.back_up)
        assert section.stop.isVisible() and section.stop.hasFocus()  # where the keys were
        assert section.stop.accessibleName() == "Stop the backup"
        press_stop(qtbot, section, hold)
        qtbot.waitUntil(lambda: section.message.text().startswith("Stopped"), timeout=10_000)
        seen["message"] = section.message.text()
        seen["after"] = (section.stop.isVisible(), section.back_up.isEnabled())
        dialog.reject()

    in_settings(window, act)
    assert seen["message"] == "Stopped: no backup was made."
    assert min(hold.left) > 0  # stopped part way: it never copied the last page
    assert seen["after"] == (False, True)  # Stop gone, Back up now ready again
    qtbot.waitUntil(lambda: not window.session.backups.running)
    assert backup.kept(folder, person_vault.path) == [] and leftover_names(folder) == []
    assert not folder.exists() or os.listdir(folder) == []  # nothing at all left there
    assert backup_log.failure(person_vault.path) is None  # a stop asked for is no failure
    assert window.vault is person_vault


def restore_chosen(
    monkeypatch: pytest.MonkeyPatch, qtbot, made: Path
) -> Callable[[SettingsDialog], None]:  # type: ignore[no-untyped-def]
    """Settings' Restore… pressed from the keyboard, `made` chosen and its passphrase typed."""
    monkeypatch.setattr(
        backup_section.QFileDialog, "getOpenFileName", lambda *args: (str(made), "")
    )

    def type_passphrase(ask: QWidget) -> None:
        assert isinstance(ask, RestoreDialog)
        qtbot.keyClicks(ask.passphrase, PASSPHRASE)
        ask.ok.click()

    def start(dialog: SettingsDialog) -> None:
        when_shown(lambda shown: isinstance(shown, RestoreDialog), type_passphrase)
        started_by_keyboard(qtbot, dialog, dialog.backups.restore)

    return start


def test_a_restore_check_stopped_part_way_leaves_the_records_and_no_hidden_copy(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup").path
    hold = hold_the_copy(monkeypatch)
    before = {p.name for p in vault_path.parent.iterdir()}, digest(vault_path)
    start = restore_chosen(monkeypatch, qtbot, made)
    seen: dict[str, object] = {}

    def act(dialog: SettingsDialog) -> None:
        section = dialog.backups
        start(dialog)
        qtbot.waitUntil(section.stop.isVisible)
        assert section.stop.accessibleName() == "Stop checking the backup"
        press_stop(qtbot, section, hold)
        qtbot.waitUntil(lambda: section.message.text().startswith("Stopped"), timeout=10_000)
        seen["message"] = section.message.text()
        seen["left"] = leftover_names(vault_path.parent)
        seen["open"] = dialog.isVisible() and section.restore.isEnabled()
        dialog.reject()

    in_settings(window, act)
    assert seen["message"] == "Stopped: your records were not changed."
    assert seen["left"] == [] and seen["open"] is True
    assert min(hold.left) > 0  # stopped part way: it never copied the last page
    assert window.vault is person_vault and [p.record.display_name for p in window.vault.people()]
    assert ({p.name for p in vault_path.parent.iterdir()}, digest(vault_path)) == before


def test_a_restore_check_stopped_after_the_copy_is_dropped_when_it_ends(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup").path
    hold = Hold()
    verify = Vault.verify

    def held_verify(self: Vault):  # type: ignore[no-untyped-def]
        if self.path != vault_path:  # the copy being checked, not the records
            hold()
        return verify(self)

    monkeypatch.setattr(Vault, "verify", held_verify)
    before = {p.name for p in vault_path.parent.iterdir()}, digest(vault_path)
    start = restore_chosen(monkeypatch, qtbot, made)
    seen: dict[str, object] = {}

    def act(dialog: SettingsDialog) -> None:
        section = dialog.backups
        start(dialog)
        press_stop(qtbot, section, hold)  # the copy is whole; its every change being opened
        qtbot.waitUntil(lambda: section.message.text().startswith("Stopped"), timeout=10_000)
        seen["message"] = section.message.text()
        seen["chosen"] = dialog.restore_chosen
        dialog.reject()

    in_settings(window, act)
    assert seen["message"] == "Stopped: your records were not changed."
    assert seen["chosen"] is None and window.vault is person_vault
    assert leftover_names(vault_path.parent) == []
    assert ({p.name for p in vault_path.parent.iterdir()}, digest(vault_path)) == before


def test_closing_settings_while_a_backup_is_checked_stops_the_check_part_way(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    from ui.settings_command import backup_actions

    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup").path
    hold = hold_the_copy(monkeypatch)
    before = {p.name for p in vault_path.parent.iterdir()}, digest(vault_path)
    section = BackupSection(backup_actions(window, person_vault))
    qtbot.addWidget(section)
    section.show()
    section.check(made, PASSPHRASE)
    qtbot.waitUntil(hold.reached.is_set, timeout=10_000)
    section.hide()  # Settings closed while the copy is under way
    hold.pressed.set()
    qtbot.waitUntil(lambda: section.message.text().startswith("Stopped"), timeout=10_000)
    assert min(hold.left) > 0  # it stopped part way, not copied whole only to be dropped
    assert window.vault is person_vault and leftover_names(vault_path.parent) == []
    assert ({p.name for p in vault_path.parent.iterdir()}, digest(vault_path)) == before


def test_settings_closed_and_gone_while_a_backup_is_checked_leaves_nothing(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup").path
    hold = hold_the_copy(monkeypatch)
    before = {p.name for p in vault_path.parent.iterdir()}, digest(vault_path)
    start = restore_chosen(monkeypatch, qtbot, made)

    def act(dialog: SettingsDialog) -> None:
        start(dialog)
        qtbot.waitUntil(hold.reached.is_set, timeout=10_000)
        dialog.reject()  # Settings closed, and gone, while the copy is under way

    in_settings(window, act)
    hold.pressed.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    qtbot.wait(50)  # what the check said on ending is handled (no error from a gone window)
    assert window.vault is person_vault and leftover_names(vault_path.parent) == []
    assert ({p.name for p in vault_path.parent.iterdir()}, digest(vault_path)) == before
