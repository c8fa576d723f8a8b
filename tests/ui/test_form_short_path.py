"""The appointment form asks a short path first and keeps the rest under "More details";
questions that cannot apply to how it took place are not asked; nothing answered is hidden
and every answer is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QPushButton

from companion.form_plan import SHORT_PATH, applies, first
from companion.model import Answer, Appointment, Channel, Noise, StaffLocation
from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.forms import focused_field, new_form, opened
from ui.appointment_form import AppointmentForm


def showing(form: AppointmentForm) -> list[str]:
    """The questions a person can see, in the order they are read."""
    return [name for name, widget in form.fields.items() if widget.isVisibleTo(form)]


def sections_showing(form: AppointmentForm) -> list[str]:
    return [box.title() for box in form.body.findChildren(QGroupBox) if box.isVisibleTo(form)]


def choose_channel(qtbot, form: AppointmentForm, typed: str) -> None:  # type: ignore[no-untyped-def]
    channel = form.fields["channel"]
    channel.setFocus()
    qtbot.keyClicks(channel, typed)


def test_a_new_form_asks_the_short_path_only(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    # No channel chosen yet: everything the short path holds, in reading order.
    assert showing(form) == list(SHORT_PATH)
    assert "Recording" not in sections_showing(form)
    assert "Follow-up" not in sections_showing(form)
    assert form.more.isVisible() and not form.more.isChecked()


@pytest.mark.parametrize(
    ("typed", "channel"),
    [
        ("In", Channel.IN_PERSON),
        ("Home", Channel.HOME_VISIT),
        ("Tel", Channel.TELEPHONE),
        ("Vid", Channel.VIDEO),
        ("Pap", Channel.PAPER),
    ],
)
@pytest.mark.parametrize("more", [False, True])
def test_what_is_asked_follows_the_channel_as_the_core_decides(
    qtbot, person_vault: Vault, typed: str, channel: Channel, more: bool
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.more.setChecked(more)
    choose_channel(qtbot, form, typed)
    assert form.fields["channel"].value() == channel
    expected = [n for n in form.fields if applies(n, channel) and (more or first(n))]
    assert showing(form) == expected


def test_an_in_person_appointment_is_not_asked_about_a_call(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    choose_channel(qtbot, form, "In")
    assert "Phone or video calls" not in sections_showing(form)
    assert {"layout", "private_room_requested"} <= set(showing(form))


def test_a_phone_call_is_not_asked_about_rooms(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.more.setChecked(True)
    choose_channel(qtbot, form, "Tel")
    assert "Privacy" not in sections_showing(form)
    assert "layout" not in showing(form)
    assert "Phone or video calls" in sections_showing(form)


def more_details_button(form: AppointmentForm) -> QPushButton:
    button = form.more
    assert isinstance(button, QPushButton) and button.isCheckable()
    return button


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_more_details_is_opened_and_closed_from_the_keyboard(
    qtbot, person_vault: Vault, key: Qt.Key
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    button = more_details_button(form)
    # Tab reaches it after the last question of the short path.
    form.fields["account"].setFocus()
    qtbot.keyClick(form.fields["account"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    assert button.accessibleName() == "Show more details"

    qtbot.keyClick(button, key)
    assert button.isChecked() and form.isVisible()  # Enter here opens it; it does not save
    assert button.accessibleName() == "Hide more details"
    assert len(showing(form)) == len(form.fields)
    # The cursor goes to the first question it showed, and Tab goes on from there.
    assert focused_field(form) == "duration_minutes"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_field(form) == "person_id"

    button.setFocus()
    qtbot.keyClick(button, key)
    assert not button.isChecked() and button.accessibleName() == "Show more details"
    assert showing(form) == list(SHORT_PATH)
    assert QApplication.focusWidget() is button


def test_an_answer_given_before_the_channel_changed_stays_in_sight_and_is_saved(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    noise = form.fields["background_noise"]
    noise.boxes[Noise.LAUGHTER].setFocus()
    qtbot.keyClick(noise.boxes[Noise.LAUGHTER], Qt.Key.Key_Space)
    choose_channel(qtbot, form, "In")  # a call's question, for an appointment in person
    assert "background_noise" in showing(form)
    assert "Phone or video calls" in sections_showing(form)
    assert "staff_location" not in showing(form)  # unanswered, so not asked
    qtbot.keyClick(form.fields["channel"], Qt.Key.Key_Return)
    saved = person_vault.appointments()[0].record
    assert saved.channel is Channel.IN_PERSON and saved.background_noise == (Noise.LAUGHTER,)


def test_an_answer_inside_more_details_stays_in_sight_when_it_is_closed(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.more.setChecked(True)
    qtbot.keyClicks(form.fields["companions"], "My sister")
    form.more.setChecked(False)
    assert "companions" in showing(form) and "staff_name" not in showing(form)
    qtbot.keyClick(form.fields["companions"], Qt.Key.Key_Return)
    assert person_vault.appointments()[0].record.companions == "My sister"


def test_correcting_an_entry_with_answers_inside_more_details_opens_it(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    # In person, yet with where the staff member was: recorded, so shown and kept.
    original = person_vault.save(
        make_appointment(person.id, staff_location=StaffLocation.OFFICE)
    ).record
    form = opened(qtbot, AppointmentForm([person], person_vault.save, original=original))
    assert form.more.isChecked()
    assert "staff_location" in showing(form) and "layout" in showing(form)
    assert "staff_said_alone" not in showing(form)  # not recorded, and not for in person
    assert focused_field(form) == "date"
    qtbot.keyClick(form.fields["account"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert person_vault.appointments()[0].record == original  # nothing dropped


def test_correcting_an_entry_answered_only_on_the_short_path_leaves_more_details_shut(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    original = Appointment(
        person_id=person.id,
        date=date(2026, 2, 17),
        channel=Channel.TELEPHONE,
        staff_said_private=Answer.YES,
        account="They said nobody else could hear.",
    )
    form = opened(qtbot, AppointmentForm([person], print, original=original))
    assert not form.more.isChecked()
    assert "staff_said_private" in showing(form) and "private_room_requested" not in showing(form)
