"""Opening the entry forms for a test, as the window opens them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QWidget

from companion.vault import Vault
from ui.appointment_form import AppointmentForm
from ui.dialog_base import EditDialog
from ui.event_form import EventForm
from ui.person_dialog import PersonDialog

TODAY = date(2026, 3, 2)


def opened(qtbot, form: EditDialog) -> EditDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def new_form(qtbot, vault: Vault, kind: str, **options) -> EditDialog:  # type: ignore[no-untyped-def]
    """A new appointment, event or person form, open on the screen."""
    people = [p.record for p in vault.people()]
    if kind == "appointment":
        form: EditDialog = AppointmentForm(people, vault.save, today=TODAY, **options)
    elif kind == "event":
        form = EventForm(people, vault.save, today=TODAY, **options)
    else:
        form = PersonDialog(vault.save, **options)
    return opened(qtbot, form)


def field_of(form: EditDialog, widget: QWidget | None) -> str | None:
    """The question a control belongs to (a date's typing part, a tick box in a group)."""
    for name, field in form.fields.items():
        if widget is field or (widget is not None and field.isAncestorOf(widget)):
            return name
    return None


def focused_field(form: EditDialog) -> str | None:
    return field_of(form, QApplication.focusWidget())
