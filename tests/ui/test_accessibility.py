"""Every control a person can reach with Tab has a name a screen reader can announce."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget, QWizard

from companion.vault import Vault
from tests.builders import make_appointment
from tests.conftest import FAST_KDF
from ui.appointment_form import AppointmentForm
from ui.event_form import EventForm
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.person_dialog import PersonDialog
from ui.settings_dialog import ChangePassphraseDialog, SettingsDialog
from ui.unlock import RecoveryDialog


def unnamed(root: QWidget) -> list[str]:
    """Reachable controls whose accessible name, as a screen reader gets it, is empty."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root.window() or not widget.isVisibleTo(root.window()):
            continue
        if not widget.isEnabled() or widget.focusProxy() is not None:
            continue
        if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} under {type(widget.parent()).__name__}")
    return missing


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_main_window_names_every_control(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    record = person_vault.save(make_appointment(person.id)).record
    window.workspace.reload(select_id=record.id)
    assert unnamed(window) == []
    window.lock()
    assert unnamed(window) == []  # the unlock screen


@pytest.mark.parametrize(
    "make", ["appointment", "event", "person", "settings", "change", "recovery"]
)
def test_every_dialog_names_every_control(
    qtbot, person_vault: Vault, vault_path: Path, make: str
) -> None:  # type: ignore[no-untyped-def]
    people = [p.record for p in person_vault.people()]
    dialogs = {
        "appointment": lambda: AppointmentForm(people, person_vault.save),
        "event": lambda: EventForm(people, person_vault.save),
        "person": lambda: PersonDialog(person_vault.save),
        "settings": lambda: SettingsDialog(
            lock_minutes=5,
            theme="light",
            text_percent=100,
            remembered=False,
            vault_path=vault_path,
            change_passphrase=person_vault.change_passphrase,
        ),
        "change": lambda: ChangePassphraseDialog(),
        "recovery": lambda: RecoveryDialog(),
    }
    dialog = shown(qtbot, dialogs[make]())
    if isinstance(dialog, AppointmentForm):
        dialog.adjustments.add_row()
    assert unnamed(dialog) == []


def test_every_page_of_the_first_run_wizard_names_every_control(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = shown(qtbot, FirstRunWizard(tmp_path / "new.companion", FAST_KDF))
    assert isinstance(wizard, QWizard)
    fields = wizard.page(1).fields
    for page_number in range(5):
        assert unnamed(wizard) == [], page_number
        if page_number == 1:
            fields.use_suggestion()
        if page_number == 2:
            qtbot.waitUntil(lambda: wizard.vault is not None, timeout=10_000)
            wizard.currentPage().panel.kept_box.setChecked(True)
            assert unnamed(wizard) == []
        if page_number < 4:
            wizard.next()
    wizard.reject()
