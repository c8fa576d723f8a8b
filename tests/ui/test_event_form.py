"""The letter and event form, filled by keyboard alone: every step of a dispute, and what a
decision awarded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from companion.model import Benefit, Event, EventKind
from companion.vault import Vault
from tests.builders import make_event
from ui.event_form import EventForm


def opened(qtbot, form: EventForm) -> EventForm:  # type: ignore[no-untyped-def]
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_every_kind_of_letter_or_event_is_offered(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, EventForm([p.record for p in person_vault.people()], print))
    kind = form.fields["kind"]
    offered = [kind.itemData(n) for n in range(kind.count())]
    assert offered == [k for k in EventKind if k is not EventKind.HANDED_OVER]


def test_a_hand_over_note_is_never_offered_but_its_own_correction_keeps_its_kind(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    """Only a hand-over writes "Records handed over" (its entries are then said to be handed
    over); correcting the note it wrote keeps it what it is."""
    people = [p.record for p in person_vault.people()]
    note = Event(people[0].id, date(2026, 3, 2), EventKind.HANDED_OVER, summary="Handed over")
    form = opened(qtbot, EventForm(people, print, original=note))
    kind = form.fields["kind"]
    assert kind.value() == EventKind.HANDED_OVER
    assert kind.currentText() == "Records handed over"


def test_a_tribunal_decision_and_its_award_can_be_recorded_by_keyboard(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, EventForm([p.record for p in person_vault.people()], person_vault.save))
    assert QApplication.focusWidget() is form.fields["kind"]

    def then(text: str, *keys: Qt.Key) -> None:
        widget = QApplication.focusWidget()
        qtbot.keyClicks(widget, text)
        for key in keys:
            qtbot.keyClick(widget, key)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)

    # "Tribunal hearing", then past "Hearing adjourned" to "Tribunal decision".
    then("Tribunal", Qt.Key.Key_Down, Qt.Key.Key_Down)
    then("4Mar2026")  # dated
    then("9Mar2026")  # arrived
    then("Personal")
    then("HM Courts and Tribunals Service")
    then("SC000/26/00001")
    then("Appeal allowed.")
    assert QApplication.focusWidget() is form.fields["award"]
    then("Enhanced rate daily living, 12 points")
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)

    assert form.result() == EventForm.DialogCode.Accepted, form.message.text()
    e = person_vault.events()[0].record
    assert e.kind is EventKind.TRIBUNAL_DECISION and e.benefit is Benefit.PIP
    assert (e.date, e.received_on) == (date(2026, 3, 4), date(2026, 3, 9))
    assert e.award == "Enhanced rate daily living, 12 points"
    assert e.summary == "Appeal allowed."


def test_what_was_awarded_is_asked_with_a_hint(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, EventForm([p.record for p in person_vault.people()], print))
    award = form.fields["award"]
    labels = [w for w in form.body.findChildren(QLabel) if w.buddy() is award]
    assert [w.text() for w in labels] == ["What was awarded"]
    assert award.isVisible() and award.placeholderText().startswith("For a decision")
    assert "tribunal decision" in award.toolTip()


def test_correcting_an_event_shows_the_award_and_keeps_it(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    original = person_vault.save(
        make_event(person.id, kind=EventKind.MR_NOTICE, award="Standard rate mobility, 8 points")
    ).record
    saved: list[Event] = []
    form = opened(qtbot, EventForm([person], saved.append, original=original))
    assert form.fields["award"].text() == "Standard rate mobility, 8 points"
    assert form.fields["kind"].currentText() == "Mandatory reconsideration notice"
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert saved == [original]
