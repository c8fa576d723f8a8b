"""Dates typed as people write them, read the one way they mean and said back in words; a
date in the future asked about once; and a mouse wheel that scrolls the form instead of
changing answers nobody chose."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion.vault import Vault
from tests.ui.conftest import when_modal
from ui.appointment_form import AppointmentForm
from ui.event_form import EventForm
from ui.widgets import DateField

TODAY = date(2026, 3, 20)


def opened(qtbot, form):  # type: ignore[no-untyped-def]
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def appointment_form(qtbot, vault: Vault) -> AppointmentForm:  # type: ignore[no-untyped-def]
    people = [p.record for p in vault.people()]
    return opened(qtbot, AppointmentForm(people, vault.save, today=TODAY))


def type_date(qtbot, field: DateField, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)


@pytest.mark.parametrize(
    ("typed", "meant", "words"),
    [
        ("15/03/2026", date(2026, 3, 15), "Sunday 15 March 2026"),
        ("5/3/26", date(2026, 3, 5), "Thursday 5 March 2026"),
        ("2026-03-05", date(2026, 3, 5), "Thursday 5 March 2026"),
        ("5 March 2026", date(2026, 3, 5), "Thursday 5 March 2026"),
        ("5 Mar 2026", date(2026, 3, 5), "Thursday 5 March 2026"),
        ("05.03.2026", date(2026, 3, 5), "Thursday 5 March 2026"),
    ],
)
def test_a_typed_date_is_read_day_first_said_in_words_and_saved(
    qtbot, person_vault: Vault, typed: str, meant: date, words: str
) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    field = form.fields["date"]
    type_date(qtbot, field, typed)
    assert field.words.text() == words
    assert field.edit.accessibleDescription() == words  # a screen reader hears it too
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.edit.text() == f"{meant.day} {meant.strftime('%b %Y')}"  # tidied on leaving
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert person_vault.appointments()[0].record.date == meant


def test_one_tab_leaves_the_date_and_lands_on_the_next_question(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    type_date(qtbot, form.fields["date"], "5/3/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields["status"]
    # From a filled "Moved to" too, one Tab reaches the time, so a time typed next lands there.
    type_date(qtbot, form.fields["moved_to"], "6/3/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields["time"]
    qtbot.keyClicks(QApplication.focusWidget(), "10:30")
    assert form.fields["time"].text() == "10:30"


def test_a_date_that_cannot_be_read_is_explained_and_nothing_is_saved(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    type_date(qtbot, form.fields["date"], "15/13/2026")
    assert "Not a date yet" in form.fields["date"].words.text()
    qtbot.keyClicks(form.fields["account"], "Words I must not lose.")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and person_vault.appointments() == []
    assert '"15/13/2026" was not understood' in form.message.text()
    assert "day first" in form.message.text()
    assert QApplication.focusWidget() is form.fields["date"].edit
    assert form.fields["account"].toPlainText() == "Words I must not lose."


def answer(button_text: str, seen: list[str]):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        chosen = next(b for b in dialog.buttons() if b.text() == button_text)
        chosen.click()

    return act


def test_a_future_date_is_asked_about_once_before_saving(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    type_date(qtbot, form.fields["date"], "21/03/2026")  # the day after the vault's today
    seen: list[str] = []
    when_modal(answer("Change the date", seen))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "The date of the appointment is Saturday 21 March 2026, which has not happened yet. "
        "Save it with this date?"
    ]
    assert form.isVisible() and person_vault.appointments() == []
    assert form.focusWidget() is form.fields["date"].edit  # back at the date to change it

    when_modal(answer("Save with this date", seen))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2 and person_vault.appointments()[0].record.date == date(2026, 3, 21)


def test_today_is_saved_without_a_question(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    type_date(qtbot, form.fields["date"], "20/3/26")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # a question would block
    assert person_vault.appointments()[0].record.date == TODAY


def test_a_letter_dated_in_the_future_is_asked_about_too(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    people = [p.record for p in person_vault.people()]
    form = opened(qtbot, EventForm(people, person_vault.save, today=TODAY))
    type_date(qtbot, form.fields["date"], "1 April 2026")
    type_date(qtbot, form.fields["received_on"], "2/4/2026")
    seen: list[str] = []
    when_modal(answer("Save with this date", seen))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert seen and "Wednesday 1 April 2026" in seen[0]
    e = person_vault.events()[0].record
    assert (e.date, e.received_on) == (date(2026, 4, 1), date(2026, 4, 2))


def wheel_down(widget: QWidget) -> None:
    """One notch of the mouse wheel, down, with the pointer over `widget`."""
    where = QPointF(widget.rect().center())
    notch = QWheelEvent(
        where,
        QPointF(widget.mapToGlobal(where)),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, notch)


def test_the_wheel_over_an_answer_not_clicked_into_scrolls_the_form_instead(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    kind, upset = form.fields["kind"], form.fields["distress"]
    assert form.fields["date"].edit.hasFocus()
    bar = form.scroll.verticalScrollBar()
    kind_before, upset_before, scrolled_before = kind.value(), upset.number(), bar.value()
    wheel_down(kind)
    wheel_down(upset)
    assert (kind.value(), upset.number()) == (kind_before, upset_before)
    assert bar.value() > scrolled_before  # the form scrolled instead
    # The wheel gives them no focus either: only a click or Tab does.
    for control in (kind, upset, form.fields["status"]):
        assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_wheel_still_changes_an_answer_clicked_into(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault)
    kind = form.fields["kind"]
    kind.setFocus()
    assert kind.hasFocus()
    wheel_down(kind)
    assert kind.currentIndex() == 1 and kind.value() is not None
