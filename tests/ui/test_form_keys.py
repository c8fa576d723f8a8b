"""Enter saves a form from a one-line answer, a drop-down or a date, as the guide promises;
Enter in a box of several lines starts a new line; Ctrl+S saves from anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.vault import Vault
from tests.ui.forms import new_form

ENTER_SAVES = [
    "companions",  # a one-line answer
    "complaint_reference",
    "time",
    "status",  # a drop-down
    "channel",
    "date",  # a date
    "moved_to",
    "staff_name",  # an editable drop-down of earlier answers
    "duration_minutes",  # a number
]


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


@pytest.mark.parametrize("name", ENTER_SAVES)
def test_enter_in_a_one_line_answer_a_drop_down_or_a_date_saves(
    qtbot, person_vault: Vault, name: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.more.setChecked(True)
    form.fields[name].setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible(), form.message.text()
    assert len(person_vault.appointments()) == 1


def test_enter_takes_the_suggestion_shown_and_saves_it(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(
        qtbot, person_vault, "appointment", suggestions={"location": ["Exampleton Jobcentre"]}
    )
    place = form.fields["location"]
    place.setFocus()
    qtbot.keyClicks(place, "Exa")  # the rest is offered, selected, as you type
    press(qtbot, Qt.Key.Key_Enter)
    assert not form.isVisible()
    assert person_vault.appointments()[0].record.location == "Exampleton Jobcentre"


def test_enter_after_a_typed_date_saves_that_date(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    assert QApplication.focusWidget() is form.fields["date"].edit  # the first question
    qtbot.keyClick(form.fields["date"].edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.fields["date"].edit, "1/3/2026")
    press(qtbot, Qt.Key.Key_Return)
    assert person_vault.appointments()[0].record.date.isoformat() == "2026-03-01"


def test_enter_in_a_box_of_several_lines_starts_a_new_line(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    words = form.fields["account"]
    words.setFocus()
    qtbot.keyClicks(words, "First line.")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(words, "Second line.")
    assert form.isVisible() and person_vault.appointments() == []
    assert words.toPlainText() == "First line.\nSecond line."


@pytest.mark.parametrize("name", ["account", "date", "in_earshot", "kind", "time"])
def test_ctrl_s_saves_from_anywhere_in_the_form(qtbot, person_vault: Vault, name: str) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.fields["account"].setFocus()
    qtbot.keyClicks(form.fields["account"], "Seen at the front desk.")
    form.fields[name].setFocus()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert person_vault.appointments()[0].record.account == "Seen at the front desk."


def test_enter_on_a_button_in_the_form_presses_that_button_not_save(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    form.more.setChecked(True)
    add = form.adjustments.add_button
    add.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert len(form.adjustments.rows) == 1 and form.isVisible()
    # Back in a one-line answer, Enter saves again.
    form.adjustments.rows[0].detail.setFocus()
    qtbot.keyClicks(form.adjustments.rows[0].detail, "Because of anxiety")
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert person_vault.appointments()[0].record.adjustments[0].detail == "Because of anxiety"


@pytest.mark.parametrize(("kind", "name"), [("event", "reference"), ("event", "kind"),
                                             ("event", "received_on"), ("person", "display_name"),
                                             ("person", "region")])  # fmt: skip
def test_enter_saves_the_letter_and_person_forms_too(
    qtbot, person_vault: Vault, kind: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    if kind == "person":
        qtbot.keyClicks(form.fields["display_name"], "Rhys Example")
    form.fields[name].setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible(), form.message.text()
    assert len(person_vault.events()) + len(person_vault.people()) == 2
