"""Backups and restore in the app: Back up now and Choose… in Settings, a restore chosen there
(checked first, then shown in the window), a new recovery key from Settings, the backup
made as the app closes and the daily one, and a failure said once in the status line."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from companion import backup, backup_files, backup_log, errors, leftovers, paths
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.builders import make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen
from tests.ui.conftest import shown_window, unlock_by_typing, visible_texts, when_modal
from ui import backup_section
from ui.app import demo_window, open_window
from ui.backup_section import RestoreDialog
from ui.main_window import MainWindow
from ui.recovery_panel import RecoveryPanel
from ui.settings import AppSettings
from ui.settings_dialog import SettingsDialog


def names(window: MainWindow) -> list[str]:
    return sorted(p.record.display_name for p in window.workspace.people)


def leftover_names(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if leftovers.is_leftover_name(n)]


def when_shown(found: Callable[[QWidget], bool], action: Callable[[QWidget], None]) -> None:
    """Run `action` on the first modal window `found` accepts, once it opens (one opened
    only after work done in the background, say)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not found(dialog):
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def has_key_panel(widget: QWidget) -> bool:
    return any(isinstance(w, RecoveryPanel) for w in widget.findChildren(QWidget))


def in_settings(window: MainWindow, act) -> None:  # type: ignore[no-untyped-def]
    """Open Settings from the toolbar and run `act` on it; returns when Settings closes."""

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        act(dialog)

    when_modal(check)
    window.settings_action.trigger()


def test_back_up_now_writes_one_and_settings_says_when(
    qtbot, window: MainWindow, person_vault: Vault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "USB stick"
    stick.mkdir()
    monkeypatch.setattr(
        backup_section.QFileDialog, "getExistingDirectory", lambda *args: str(stick)
    )
    seen: dict[str, str] = {}

    def act(dialog: SettingsDialog) -> None:
        section = dialog.backups
        seen["before"] = section.last.text()
        assert section.folder.text() == str(paths.default_backup_dir())
        section.choose.click()
        assert section.folder.text() == str(stick)
        section.back_up.click()
        qtbot.waitUntil(lambda: section.message.text().startswith("Backed up to"), timeout=10_000)
        seen["after"] = section.last.text()
        seen["message"] = section.message.text()
        seen["look"] = section.message.objectName()
        dialog.reject()

    in_settings(window, act)
    assert seen["look"] != "message"  # good news is not in the problem colour
    [made] = backup.kept(stick, person_vault.path)
    assert seen["before"] == "No backup has been made yet."
    assert seen["after"].startswith("Last backup: today at ") and str(made) in seen["after"]
    assert person_vault.fingerprint().short() in seen["message"]
    assert AppSettings().backup_folder == stick  # the folder chosen is kept
    copy = reopen(made)
    assert [p.record.display_name for p in copy.people()] == ["Alex Example"]
    copy.close()


def test_a_restore_chosen_in_settings_is_checked_then_shown_in_the_window(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup")
    person_vault.save(make_person(display_name="Added after the backup"))
    window.workspace.reload()
    assert names(window) == ["Added after the backup", "Alex Example"]
    monkeypatch.setattr(
        backup_section.QFileDialog, "getOpenFileName", lambda *args: (str(made.path), "")
    )

    def type_passphrase(ask: QWidget) -> None:
        assert isinstance(ask, RestoreDialog)
        assert "kept beside it" in visible_texts(ask)
        qtbot.keyClicks(ask.passphrase, PASSPHRASE)
        ask.ok.click()

    def act(dialog: SettingsDialog) -> None:
        when_modal(type_passphrase)
        dialog.backups.restore.click()

    in_settings(window, act)
    qtbot.waitUntil(lambda: window.vault is not None and len(names(window)) == 1, timeout=10_000)
    assert names(window) == ["Alex Example"]
    assert window.vault.fingerprint() == made.fingerprint and window.vault.warnings == []
    [kept] = [p for p in vault_path.parent.iterdir() if ".before-restore-" in p.name]
    message = window.statusBar().currentMessage()
    assert f"kept beside them as {kept.name} until you delete that file yourself" in message
    assert window.statusBar().fontMetrics().horizontalAdvance(message) < 1280  # seen whole
    old = reopen(kept)
    assert "Added after the backup" in [p.record.display_name for p in old.people()]
    old.close()


def test_a_damaged_backup_chosen_in_settings_is_refused_and_the_records_stay_open(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    made = backup.back_up(person_vault, tmp_path / "earlier.companion-backup")
    made.path.write_bytes(made.path.read_bytes()[:-4096])  # cut short
    monkeypatch.setattr(
        backup_section.QFileDialog, "getOpenFileName", lambda *args: (str(made.path), "")
    )
    seen: dict[str, str] = {}

    def type_passphrase(ask: QWidget) -> None:
        qtbot.keyClicks(ask.passphrase, PASSPHRASE)  # type: ignore[attr-defined]
        ask.ok.click()  # type: ignore[attr-defined]

    def act(dialog: SettingsDialog) -> None:
        when_modal(type_passphrase)
        dialog.backups.restore.click()
        qtbot.waitUntil(lambda: "nothing was restored" in dialog.backups.message.text())
        seen["message"] = dialog.backups.message.text()
        assert dialog.backups.message.objectName() == "message"  # a problem looks like one
        assert dialog.backups.restore.isEnabled()
        dialog.reject()

    in_settings(window, act)
    assert seen["message"].endswith("Your records are as they were.")
    assert window.vault is person_vault and names(window) == ["Alex Example"]
    assert not any(".before-restore-" in p.name for p in vault_path.parent.iterdir())
    assert leftover_names(vault_path.parent) == []


def test_a_new_recovery_key_from_settings_is_shown_and_the_old_one_stops_working(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = person_vault.new_recovery_key(PASSPHRASE)
    person_vault.confirm_recovery_key(old)
    shown: list[RecoveryKey] = []

    def keep_key(key_window: QWidget) -> None:
        assert "recovery key" in visible_texts(key_window)
        panel_key = key_window.findChild(QCheckBox)
        panel_key.setChecked(True)  # "I have kept my recovery key"
        [panel] = [w for w in key_window.findChildren(QWidget) if isinstance(w, RecoveryPanel)]
        shown.append(panel.key)
        done = [b for b in key_window.findChildren(QPushButton) if b.text() == "Done"]
        done[0].click()

    def give_passphrase(ask: QWidget) -> None:
        assert isinstance(ask, QInputDialog)
        when_shown(has_key_panel, keep_key)
        ask.setTextValue(PASSPHRASE)
        ask.accept()

    def act(dialog: SettingsDialog) -> None:
        when_modal(give_passphrase)
        dialog.recovery_button.click()
        qtbot.waitUntil(lambda: "new recovery key is kept" in dialog.message.text(), timeout=10_000)
        dialog.reject()

    in_settings(window, act)
    [fresh] = shown
    assert person_vault.recovery_key_shown
    window.close()
    with pytest.raises(errors.WrongRecoveryKey):
        reopen(vault_path, passphrase=None, recovery_key=old)
    reopen(vault_path, passphrase=None, recovery_key=fresh).close()


def test_a_wrong_passphrase_makes_no_new_recovery_key(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    old = person_vault.new_recovery_key(PASSPHRASE)
    person_vault.confirm_recovery_key(old)

    def give_passphrase(ask: QWidget) -> None:
        ask.setTextValue("not the passphrase")  # type: ignore[attr-defined]
        ask.accept()  # type: ignore[attr-defined]

    def act(dialog: SettingsDialog) -> None:
        when_modal(give_passphrase)
        dialog.recovery_button.click()
        qtbot.waitUntil(lambda: "did not open" in dialog.message.text(), timeout=10_000)
        dialog.reject()

    in_settings(window, act)
    window.close()
    reopen(person_vault.path, passphrase=None, recovery_key=old).close()


# -- automatic backups ------------------------------------------------------------------------


def test_closing_the_app_backs_up_the_locked_vault(
    qtbot, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, vault_path, person_vault)
    fingerprint = person_vault.fingerprint()
    window.close()
    [made] = backup.kept(paths.default_backup_dir(), vault_path)
    copy = reopen(made)
    assert copy.fingerprint() == fingerprint
    copy.close()


def test_the_demo_is_never_backed_up(qtbot, person_vault: Vault, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = demo_window(vault_path, person_vault)
    qtbot.addWidget(window)
    window.show()
    assert window.session.backups.automatic is False
    window.session.backups.daily()
    window.close()
    assert not paths.default_backup_dir().exists()


def test_a_window_is_backed_up_unless_it_is_the_demo_banner_or_not(
    qtbot, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person_vault.close()
    window = open_window(vault_path, FAST_KDF)  # as the app starts on the records
    assert window is not None
    qtbot.addWidget(window)
    assert window.session.backups.automatic is True
    noted = MainWindow(vault_path, policy=FAST_KDF, banner="A note that is not the demo's")
    qtbot.addWidget(noted)
    assert noted.session.backups.automatic is True  # a banner alone does not stop backups


def test_a_backup_that_fails_as_the_app_closes_is_said_once_at_the_next_unlock(
    qtbot, person_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = AppSettings()
    settings.backup_folder = tmp_path / "stick taken out"
    settings.sync()
    window = shown_window(qtbot, vault_path, person_vault)
    opened: list[object] = []  # any window opened while closing would be caught here
    with pytest.MonkeyPatch.context() as patch:
        for name in ("exec", "warning", "critical", "information", "question"):
            patch.setattr(QMessageBox, name, lambda *args, **kw: opened.append(args))
        patch.setattr(QDialog, "exec", lambda *args, **kw: opened.append(args))
        window.close()
    assert opened == []
    again = shown_window(qtbot, vault_path)
    unlock_by_typing(qtbot, again)
    said = again.statusBar().currentMessage()
    assert said.startswith("The backup as the app last closed was not made because")
    assert said.count(". ") == 0 and "USB stick" in said
    assert backup_log.failure(vault_path) is None  # said once: not again
    again.statusBar().clearMessage()
    again.lock()
    unlock_by_typing(qtbot, again)
    assert "was not made" not in again.statusBar().currentMessage()
    again.close()


def test_the_daily_backup_is_made_once_a_day_while_open(
    qtbot, window: MainWindow, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = paths.default_backup_dir()
    with qtbot.waitSignal(window.session.backups.made, timeout=10_000):
        window.backup_soon.timeout.emit()  # a minute after unlocking
    assert len(backup.kept(folder, vault_path)) == 1
    window.session.backups.daily()  # the half-hourly look, the same day: nothing to do
    assert not window.session.backups.running
    assert len(backup.kept(folder, vault_path)) == 1


def test_a_full_disk_in_the_daily_backup_is_said_once_in_the_status_line(
    qtbot, window: MainWindow, person_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import errno

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "standalone", full)
    before = hashlib.sha256(person_vault.path.read_bytes()).hexdigest()
    window.session.backups.daily()
    qtbot.waitUntil(lambda: "disk it goes to is full" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().endswith("your records themselves are safe.")
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: not window.session.backups.running)
    window.session.backups.daily()  # fails again: not said again
    qtbot.waitUntil(lambda: not window.session.backups.running)
    qtbot.wait(50)
    assert window.statusBar().currentMessage() == ""
    assert hashlib.sha256(person_vault.path.read_bytes()).hexdigest() == before
    assert leftover_names(paths.default_backup_dir()) == []


def test_locking_stops_a_backup_being_made_and_leaves_nothing(
    qtbot, window: MainWindow, person_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    monkeypatch.setattr(backup_files, "PAGES_PER_STEP", 1)
    real = backup_files.sqlite_progress

    def slow(progress):  # type: ignore[no-untyped-def]
        step = real(progress)

        def each(status: int, remaining: int, total: int) -> None:
            started.set()
            threading.Event().wait(0.02)
            step(status, remaining, total)  # type: ignore[misc]

        return each

    monkeypatch.setattr(backup_files, "sqlite_progress", slow)
    window.session.backups.daily()
    assert started.wait(10)
    window.lock()  # waits for the backup to stop, then closes the vault
    assert window.vault is None and not window.session.backups.running
    folder = paths.default_backup_dir()
    assert backup.kept(folder, person_vault.path) == [] and leftover_names(folder) == []
    assert backup_log.failure(person_vault.path) is None  # a stop is not a failure


def test_settings_shows_the_backups_section_without_an_open_vault(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(
        lock_minutes=5,
        theme="light",
        text_percent=100,
        remembered=False,
        vault_path=vault_path,
        change_passphrase=lambda _a, _b: None,
    )
    qtbot.addWidget(dialog)
    assert not dialog.backups.back_up.isEnabled() and not dialog.recovery_button.isEnabled()


def test_back_up_now_says_how_far_it_has_got(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(backup_files, "PAGES_PER_STEP", 1)
    real = backup_files.sqlite_progress

    def slow(progress):  # type: ignore[no-untyped-def]
        step = real(progress)

        def each(status: int, remaining: int, total: int) -> None:
            threading.Event().wait(0.05)
            step(status, remaining, total)  # type: ignore[misc]

        return each

    monkeypatch.setattr(backup_files, "sqlite_progress", slow)
    seen: list[str] = []

    def act(dialog: SettingsDialog) -> None:
        dialog.backups.back_up.click()
        qtbot.waitUntil(lambda: "% copied)" in dialog.backups.message.text(), timeout=10_000)
        seen.append(dialog.backups.message.text())
        qtbot.waitUntil(lambda: dialog.backups.message.text().startswith("Backed up to"))
        dialog.reject()

    in_settings(window, act)
    assert seen[0].startswith("Backing up… (")
