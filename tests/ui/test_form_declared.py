"""Each form is one declaration of questions keyed to its record's fields: the controls,
their labels and names, the tab order and the reading of a record all come from it."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from companion.model import Appointment, Event, Person
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.ui.forms import focused_field, new_form, opened
from ui.appointment_form import AppointmentForm
from ui.appointment_questions import QUESTIONS as APPOINTMENT
from ui.event_form import QUESTIONS as EVENT
from ui.event_form import EventForm
from ui.person_dialog import QUESTIONS as PERSON
from ui.person_dialog import PersonDialog
from ui.questions import Question

FORMS = [
    ("appointment", APPOINTMENT, Appointment),
    ("event", EVENT, Event),
    ("person", PERSON, Person),
]


@pytest.mark.parametrize(("kind", "questions", "record"), FORMS)
def test_every_field_of_the_record_is_asked_once_in_the_declared_order(
    qtbot, person_vault: Vault, kind: str, questions: list[Question], record: type
) -> None:  # type: ignore[no-untyped-def]
    names = [q.name for q in questions]
    assert sorted(names) == sorted(f.name for f in dataclasses.fields(record) if f.name != "id")
    form = new_form(qtbot, person_vault, kind)
    assert list(form.fields) == names


@pytest.mark.parametrize(("kind", "questions", "record"), FORMS)
def test_labels_names_and_tooltips_come_from_the_declaration(
    qtbot, person_vault: Vault, kind: str, questions: list[Question], record: type
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    buddies = {label.buddy(): label.text() for label in form.body.findChildren(QLabel)}
    for question in questions:
        widget = form.fields[question.name]
        if question.text:
            assert buddies[widget] == question.text
        spoken = question.spoken or question.text.rstrip("?:")
        if spoken and question.name not in ("ni_number",):  # named by its own typing part
            assert widget.accessibleName() == spoken, question.name
        assert widget.toolTip(), question.name


def tab_through(qtbot, form, start: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The questions Tab reaches from `start` to Save, in order."""
    form.fields[start].setFocus()
    reached: list[str] = []
    for _ in range(400):
        widget = QApplication.focusWidget()
        if widget is form.save_button:
            return reached
        name = focused_field(form)
        if name is not None and name not in reached:
            reached.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached Save: {reached}")


@pytest.mark.parametrize("kind", ["appointment", "event", "person"])
def test_tab_goes_through_the_questions_in_the_declared_order(
    qtbot, person_vault: Vault, kind: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    if kind == "appointment":
        form.more.setChecked(True)
    first = next(iter(form.fields))
    assert tab_through(qtbot, form, first) == list(form.fields)


@pytest.mark.parametrize(("kind", "first"), [("appointment", "date"), ("event", "kind"),
                                              ("person", "display_name")])  # fmt: skip
def test_the_first_question_has_the_cursor_when_a_form_opens(
    qtbot, person_vault: Vault, kind: str, first: str
) -> None:  # type: ignore[no-untyped-def]
    # The letter form starts at what it is: whose it is has been chosen already.
    assert focused_field(new_form(qtbot, person_vault, kind)) == first


@pytest.mark.parametrize(("kind", "questions", "record"), FORMS)
def test_every_control_offers_the_same_few_methods(
    qtbot, person_vault: Vault, kind: str, questions: list[Question], record: type
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    for name, widget in form.fields.items():
        for method in ("value", "set_value", "draft", "restore", "changed"):
            assert hasattr(widget, method), (name, method)


def test_a_correction_reads_back_exactly_the_record_it_was_filled_from(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    people = [p.record for p in person_vault.people()]
    person = people[0]
    for form, original in [
        (AppointmentForm(people, print, original=(a := make_appointment(person.id))), a),
        (EventForm(people, print, original=(e := make_event(person.id))), e),
        (PersonDialog(print, original=(p := make_person(benefits=()))), p),
    ]:
        assert opened(qtbot, form).build() == original


@pytest.mark.parametrize("kind", ["appointment", "event"])
def test_a_correction_stays_with_its_person(qtbot, person_vault: Vault, kind: str) -> None:  # type: ignore[no-untyped-def]
    other = person_vault.save(make_person(display_name="Sam Example")).record
    people = [p.record for p in person_vault.people()]
    if kind == "appointment":
        original = make_appointment(other.id)
        form = opened(qtbot, AppointmentForm(people, print, original=original))
    else:
        original = make_event(other.id)
        form = opened(qtbot, EventForm(people, print, original=original))
    chooser = form.fields["person_id"]
    assert not chooser.isEnabled() and chooser.currentText() == "Sam Example"
    chooser.set_value(people[0].id)  # even if it were changed somehow
    assert form.build().person_id == other.id
