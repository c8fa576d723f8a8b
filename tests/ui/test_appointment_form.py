"""The appointment form, filled by keyboard alone, as someone who cannot use a mouse would."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    AppointmentKind,
    Channel,
    Layout,
    Listener,
    Noise,
    RecordedBy,
    Topic,
)
from companion.vault import Vault
from ui.appointment_form import AppointmentForm

# What to do when each control has the focus, keyed by its accessible name.
# Text is typed; choices are made by typing the start of the label, as Qt allows (without
# a space: in a drop-down list, Space opens the list).
TYPED = {
    "Time it started": "10:30",
    "Who came with them, if anyone": "My sister",
    "Name of the staff member": "Sam at the desk",
    "Staff member's role": "Work coach",
    "Organisation": "DWP",
    "Place": "Exampleton Jobcentre",
    "If refused, who refused": "Work coach",
    "What reason did they give": "No rooms free",
    "More about who could hear": "A man at the next desk turned round.",
    "What did they say about where they were": "At the office",
    "More about what you heard": "Nothing else.",
    "More about what was said aloud": "My tablets, by name.",
    "What happened, in your own words": "Asked about my mental health at the front desk.",
    "How it affected you": "I could not sleep.",
    "Complaint reference, if you have one": "CMP-1",
    "Adjustment 1: more detail": "Because of anxiety",
    "Adjustment 1: reason given": "None free",
}
NUMBERS = {
    "How long it lasted, in minutes": "45",
    "About how many people could hear": "4",
    "How upsetting it was, from 0 to 10": "8",
}
CHOICES = {
    "Did they give their name": "Yes",
    "What kind of appointment": "Work-focused",
    "Which benefit": "Universal",
    "How it took place": "In",
    "Language it was held in": "English",
    "Where exactly were you seen": "Op",
    "Did you ask for a private room": "Yes",
    "Was a private room offered": "No",
    "Was a private room used": "No",
    "Where was the staff member": "In",
    "Did they say they were alone": "Not",
    "Did they say they wore headphones": "No",
    "Did you ask to record it": "Yes",
    "Were you allowed to record it": "No",
    "Who recorded it": "They",
    "Mandatory reconsideration asked for": "No",
    "Adjustment 1: the answer": "Refused",
}
TICKED = {
    "Who could hear: Other claimants",
    "Who could hear: Security guards",
    "Heard at their end: Laughter",
    "Said aloud: Mental health",
    "Said aloud: Medication",
}


def focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.window() is root.window()
        and w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def drive_by_keyboard(qtbot, form: AppointmentForm) -> set[QWidget]:  # type: ignore[no-untyped-def]
    """Tab from the first control to the last, filling each one; return the controls reached."""
    # A date box moves itself from day to month to year as each part is typed.
    qtbot.keyClicks(form.fields["date"], "17Feb2026")
    reached: set[QWidget] = set()
    added_adjustment = False
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is form.adjustments.add_button and widget in reached:
            qtbot.keyClick(widget, Qt.Key.Key_Tab)  # back at "Add" after the new row: go on
            continue
        if widget is form.save_button or widget in reached:
            break
        reached.add(widget)
        name = widget.accessibleName()
        if name in TYPED:
            qtbot.keyClicks(widget, TYPED[name])
        elif name in NUMBERS:
            qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(widget, NUMBERS[name])
        elif name in CHOICES:
            qtbot.keyClicks(widget, CHOICES[name])
        elif isinstance(widget, QCheckBox) and name in TICKED:
            qtbot.keyClick(widget, Qt.Key.Key_Space)
        elif name == "Add an adjustment you asked for" and not added_adjustment:
            added_adjustment = True
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            continue  # the new row now has the focus
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return reached


def test_every_section_can_be_filled_by_keyboard_alone(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    form = AppointmentForm([person], person_vault.save, today=date(2026, 3, 2))
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    form.fields["date"].setFocus()
    reached = drive_by_keyboard(qtbot, form)

    # Tab order reaches every control in the form (the buttons at the bottom come last).
    missed = [
        w.accessibleName() or type(w).__name__ for w in focusable(form.body) if w not in reached
    ]
    assert missed == [], missed

    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert form.result() == AppointmentForm.DialogCode.Accepted, form.message.text()
    a = person_vault.appointments()[0].record
    assert (a.date, a.time, a.duration_minutes) == (date(2026, 2, 17), time(10, 30), 45)
    assert a.kind is AppointmentKind.WORK_FOCUSED_INTERVIEW and a.channel is Channel.IN_PERSON
    assert (a.location, a.layout) == ("Exampleton Jobcentre", Layout.OPEN_PLAN)
    assert (a.private_room_requested, a.private_room_offered) == (Answer.YES, Answer.NO)
    assert a.in_earshot == (Listener.OTHER_CLAIMANTS, Listener.SECURITY)
    assert a.in_earshot_count == 4 and a.background_noise == (Noise.LAUGHTER,)
    assert a.said_aloud == (Topic.MENTAL_HEALTH, Topic.MEDICATION)
    assert a.staff_said_alone is Answer.NOT_SURE and a.recording_allowed is Answer.NO
    assert a.recorded_by is RecordedBy.PROVIDER
    assert a.adjustments[0].kind is AdjustmentKind.PRIVATE_ROOM
    assert a.adjustments[0].outcome is AdjustmentOutcome.REFUSED
    assert a.adjustments[0].reason_given == "None free"
    assert a.account == "Asked about my mental health at the front desk."
    assert (a.impact, a.distress, a.complaint_reference) == ("I could not sleep.", 8, "CMP-1")
    assert a.companions == "My sister" and a.staff_name == "Sam at the desk"


def test_only_the_date_and_person_are_needed(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = AppointmentForm(
        [p.record for p in person_vault.people()], person_vault.save, today=date(2026, 3, 2)
    )
    qtbot.addWidget(form)
    form.show()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = person_vault.appointments()[0].record
    assert saved.date == date(2026, 3, 2) and saved.kind is None and saved.account == ""


def test_a_bad_time_is_explained_and_nothing_typed_is_lost(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = AppointmentForm([p.record for p in person_vault.people()], person_vault.save)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    qtbot.keyClicks(form.fields["account"], "Words I must not lose.")
    qtbot.keyClicks(form.fields["time"], "half ten")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and person_vault.appointments() == []
    assert 'The time "half ten" was not understood' in form.message.text()
    assert QApplication.focusWidget() is form.fields["time"]
    assert form.fields["account"].toPlainText() == "Words I must not lose."
