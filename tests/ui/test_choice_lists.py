"""No drop-down offers two choices that read the same: a person could not tell them apart."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QWidget

from companion import model
from companion.labels import label
from companion.vault import Vault
from tests.ui.fit_probe import settle
from ui.appointment_form import AppointmentForm
from ui.event_form import EventForm
from ui.export_dialog import ExportDialog
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.person_dialog import PersonDialog
from ui.settings_dialog import SettingsDialog


def repeated(root: QWidget) -> dict[str, list[str]]:
    """Each drop-down under `root` that has two items with the same words, and those words."""
    found = {}
    for box in root.findChildren(QComboBox):
        texts = [box.itemText(i) for i in range(box.count())]
        twice = sorted({t for t in texts if texts.count(t) > 1})
        if twice:
            found[box.accessibleName() or box.objectName()] = twice
    return found


def test_no_kind_of_answer_has_two_choices_with_the_same_label() -> None:
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, Enum) and cls.__module__ == model.__name__:
            labels = [label(member) for member in cls]
            assert len(set(labels)) == len(labels), cls.__name__


@pytest.mark.parametrize(
    "open_window",
    ["main", "appointment", "event", "person", "settings", "export", "first run"],
)
def test_no_drop_down_shows_the_same_choice_twice(
    qtbot, window: MainWindow, person_vault: Vault, tmp_path: Path, open_window: str
) -> None:  # type: ignore[no-untyped-def]
    people = [p.record for p in person_vault.people()]
    windows = {
        "main": lambda: window,
        "appointment": lambda: AppointmentForm(
            people, lambda r: r, person_id=people[0].id, today=date(2026, 3, 2)
        ),
        "event": lambda: EventForm(people, lambda r: r, person_id=people[0].id),
        "person": lambda: PersonDialog(lambda r: r),
        "settings": lambda: SettingsDialog(
            lock_minutes=5,
            theme="light",
            text_percent=100,
            remembered=False,
            vault_path=tmp_path / "v.companion",
            change_passphrase=lambda _a, _b: None,
        ),
        "export": lambda: ExportDialog(person_vault, person_vault.people()),
        "first run": lambda: FirstRunWizard(tmp_path / "new.companion"),
    }
    shown = windows[open_window]()
    if shown is not window:
        qtbot.addWidget(shown)
    settle()
    assert repeated(shown) == {}
    assert window.workspace.kind.count() > 20  # (the timeline's kinds: appointments and letters)
