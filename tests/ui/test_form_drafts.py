"""What an unsaved form offers its draft: everything typed as plain data, put back as it was,
whether anything was typed at all, a signal on every change; and the question before anything
typed is thrown away."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion.model import Answer, Benefit, Channel, Conduct, Topic
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.ui.conftest import when_modal
from tests.ui.forms import new_form, opened
from ui.appointment_form import AppointmentForm
from ui.event_form import EventForm
from ui.person_dialog import PersonDialog

KINDS = ["appointment", "event", "person"]


def typed_in(qtbot, form, kind: str) -> None:  # type: ignore[no-untyped-def]
    """Type something, as a person would, into the first text answer of each form."""
    name = {"appointment": "account", "event": "reference", "person": "display_name"}[kind]
    form.fields[name].setFocus()
    qtbot.keyClicks(form.fields[name], "Words I typed")


@pytest.mark.parametrize("kind", KINDS)
def test_each_form_says_what_kind_of_draft_it_is(qtbot, person_vault: Vault, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert new_form(qtbot, person_vault, kind).draft_kind == kind


def test_a_draft_is_plain_data_and_puts_every_answer_back(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    every = make_appointment(
        person.id,
        said_aloud_answer=Answer.YES,
        conduct=(Conduct.RUSHED,),
        refused_aloud=(Topic.ADDRESS,),
        channel=Channel.TELEPHONE,
    )
    first = opened(qtbot, AppointmentForm([person], print, original=every))
    values = first.draft_values()
    # JSON-safe: strings, whole numbers, None, lists and dicts of those.
    assert json.loads(json.dumps(values)) == values
    assert values["date"] == "2026-02-17" and values["channel"] == "telephone"
    assert values["in_earshot"] == ["other_claimants", "security"]
    assert values["time"] == "10:30" and values["duration_minutes"] == 45
    assert values["adjustments"][0]["kind"] == every.adjustments[0].kind.value

    second = new_form(qtbot, person_vault, "appointment")
    second.restore_draft(json.loads(json.dumps(values)))
    assert second.draft_values() == values
    rebuilt = second.build()
    assert rebuilt == make_appointment(
        person.id,
        id=rebuilt.id,
        said_aloud_answer=Answer.YES,
        conduct=(Conduct.RUSHED,),
        refused_aloud=(Topic.ADDRESS,),
        channel=Channel.TELEPHONE,
    )


@pytest.mark.parametrize(
    ("kind", "record"),
    [
        ("event", make_event("p" * 32)),
        # Ticks are read back in the order they are shown.
        ("person", make_person(benefits=(Benefit.UNIVERSAL_CREDIT, Benefit.PIP))),
    ],
)
def test_the_letter_and_person_forms_round_trip_their_drafts(
    qtbot, person_vault: Vault, kind: str, record: Any
) -> None:  # type: ignore[no-untyped-def]
    people = [p.record for p in person_vault.people()]
    if kind == "event":
        record = make_event(people[0].id)
        first = opened(qtbot, EventForm(people, print, original=record))
    else:
        first = opened(qtbot, PersonDialog(print, original=record))
    values = json.loads(json.dumps(first.draft_values()))
    second = new_form(qtbot, person_vault, kind)
    second.restore_draft(values)
    rebuilt = second.build()
    assert rebuilt == type(record)(**{**record.__dict__, "id": rebuilt.id})


def test_text_that_cannot_be_read_yet_is_kept_as_typed(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.fields["date"].setFocus()
    qtbot.keyClick(form.fields["date"].edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.fields["date"].edit, "31/2/20")
    qtbot.keyClicks(form.fields["time"], "half ten")
    values = form.draft_values()
    assert (values["date"], values["time"]) == ("31/2/20", "half ten")
    again = new_form(qtbot, person_vault, "appointment")
    again.restore_draft(values)
    assert again.fields["date"].edit.text() == "31/2/20"
    assert again.fields["time"].text() == "half ten"


def test_names_it_does_not_ask_and_values_it_cannot_read_are_left_out(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.restore_draft(
        {
            "account": "Kept",
            "no_such_question": "x",
            "channel": "by pigeon",
            "kind": 7,
            "in_earshot": "not a list",
            "said_aloud": ["health", "nonsense"],
            "distress": 99,
            "duration_minutes": True,
            "adjustments": [{"kind": "private_room"}, "not an adjustment"],
            "person_id": "nobody",
            "date": {"day": 1},
        }
    )
    assert form.fields["account"].toPlainText() == "Kept"
    assert form.fields["channel"].value() is None and form.fields["kind"].value() is None
    assert form.fields["in_earshot"].value() == () and form.fields["said_aloud"].value() == ()
    assert form.fields["distress"].value() is None
    assert form.adjustments.value() == ()
    assert form.fields["person_id"].value() == person_vault.people()[0].record.id
    assert form.fields["date"].value().isoformat() == "2026-03-02"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def test_no_draft_however_bad_stops_a_form(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    names = [*form.fields, "elsewhere"]

    @settings(max_examples=60, deadline=None)
    @given(st.dictionaries(st.sampled_from(names), JSON) | JSON)
    def restore(values: Any) -> None:
        form.restore_draft(values)  # never raises
        json.dumps(form.draft_values())

    restore()


@pytest.mark.parametrize("kind", KINDS)
def test_a_form_just_opened_is_not_typed_in_and_one_typed_in_is(
    qtbot, person_vault: Vault, kind: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    assert not form.typed()
    typed_in(qtbot, form, kind)
    assert form.typed()


def test_a_correction_just_opened_is_not_typed_in(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    form = opened(qtbot, AppointmentForm([person], print, original=make_appointment(person.id)))
    assert not form.typed()
    form.fields["said_aloud_answer"].set_value(Answer.NOT_SURE)
    assert form.typed()


def test_every_change_is_signalled(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    seen: list[str] = []
    form = opened(qtbot, AppointmentForm([person], print, original=make_appointment(person.id)))
    form.edited.connect(lambda: seen.append("edited"))
    qtbot.keyClicks(form.fields["account"], "x")  # typing
    assert len(seen) == 1
    box = form.fields["in_earshot"].boxes[next(iter(form.fields["in_earshot"].boxes))]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ticking
    assert len(seen) == 2
    form.fields["kind"].setFocus()
    qtbot.keyClick(form.fields["kind"], Qt.Key.Key_Down)  # choosing
    assert len(seen) == 3
    form.adjustments.add_row()  # adding an adjustment
    assert len(seen) == 4
    # A draft put back is one change, however many answers it holds.
    form.restore_draft({"account": "Back again", "kind": "pip_assessment", "in_earshot": []})
    assert len(seen) == 5


def answering(button: str, seen: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    """Answer the question when it comes, noting its words and which button Enter (the
    default) and Escape would choose."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append((dialog.text(), dialog.defaultButton().text(), dialog.escapeButton().text()))
        next(b for b in dialog.buttons() if b.text() == button).click()

    return act


ASKED = ("Throw away what you typed?", "Keep writing", "Keep writing")  # the safe default


def answer_if_asked(seen: list[str]) -> None:
    """Throw away, once, if a question is open by the time the app next looks: a test that
    expects none is then not stuck behind one."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            next(b for b in dialog.buttons() if b.text() == "Throw it away").click()

    QTimer.singleShot(0, look)


def escape(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Escape)


def cancel(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)


class FromTheDesktop(QCloseEvent):
    """The close event the desktop sends for the window's close button: Qt marks it
    spontaneous (checked by hand on X11 with a WM_DELETE_WINDOW message); a close the app
    asks for itself is not."""

    def spontaneous(self) -> bool:
        return True


def close_button(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.closeEvent(FromTheDesktop())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("how", [escape, cancel, close_button])
def test_leaving_a_form_with_typing_in_it_asks_first(
    qtbot, person_vault: Vault, kind: str, how
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    typed_in(qtbot, form, kind)
    seen: list[tuple[str, str, str]] = []
    when_modal(answering("Keep writing", seen))
    how(qtbot, form)
    assert seen == [ASKED] and form.isVisible()  # still writing, nothing lost
    assert form.typed()

    when_modal(answering("Throw it away", seen))
    how(qtbot, form)
    assert seen == [ASKED, ASKED] and not form.isVisible()
    assert form.result() == form.DialogCode.Rejected


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("how", [escape, cancel, close_button])
def test_a_form_with_nothing_typed_closes_at_once(
    qtbot, person_vault: Vault, kind: str, how
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    seen: list[str] = []
    answer_if_asked(seen)
    how(qtbot, form)
    assert seen == [] and not form.isVisible()


def test_escape_from_an_answer_with_earlier_answers_offered_asks_too(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    qtbot.keyClicks(form.fields["location"], "Exampleton")
    seen: list[tuple[str, str, str]] = []
    when_modal(answering("Throw it away", seen))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert seen == [ASKED] and not form.isVisible()


def test_a_close_the_app_asks_for_itself_does_not_ask(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "event")
    typed_in(qtbot, form, "event")
    seen: list[str] = []
    answer_if_asked(seen)
    form.close()
    assert seen == [] and not form.isVisible()


def test_closing_without_asking_closes_a_typed_in_form_at_once(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    typed_in(qtbot, form, "appointment")
    seen: list[str] = []
    answer_if_asked(seen)
    form.close_without_asking()
    assert seen == [] and not form.isVisible() and form.result() == form.DialogCode.Rejected
    assert person_vault.appointments() == []
