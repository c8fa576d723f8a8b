"""The appointment form, filled by keyboard alone, as someone who cannot use a mouse would."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QGroupBox, QLabel, QWidget

from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    AppointmentKind,
    Channel,
    Conduct,
    Language,
    Layout,
    Listener,
    Noise,
    RecordedBy,
    Status,
    Topic,
)
from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.conftest import visible_texts
from ui.appointment_form import AppointmentForm

# What to do when each control has the focus, keyed by its accessible name.
# Text is typed; choices are made by typing the start of the label, as Qt allows (without
# a space: in a drop-down list, Space opens the list).
TYPED = {
    "Moved to": "3Mar2026",
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
    "What they said, word for word": "You'll get nothing if you don't answer.",
}
NUMBERS = {
    "How long it lasted, in minutes": "45",
    "About how many people could hear": "4",
    "How upsetting it was, from 0 to 10": "8",
}
CHOICES = {
    "Did it go ahead": "It",  # "It went ahead"; Down then moves to "It was moved..."
    "Did they give their name": "Yes",
    "What kind of appointment": "Work-focused",
    "Which benefit": "Universal",
    "Language you asked for": "Welsh",
    "Language it was held in": "English",
    "Where exactly were you seen": "Op",
    "Did you ask for a private room": "Yes",
    "Was a private room offered": "No",
    "Was a private room used": "No",
    "Where was the staff member": "In",
    "Did they say they were alone": "Not",
    "Did they say they wore headphones": "No",
    "Did they say nobody else could hear": "Yes",
    "Did you have to say private things aloud": "Yes",
    "Did you ask to record it": "Yes",
    "Were you allowed to record it": "No",
    "Who recorded it": "They",
    "Mandatory reconsideration asked for": "No",
    "Adjustment 1: the answer": "Refused",
}
DOWN = {"Did it go ahead": 1}  # every status starts "It ...": type "It", then arrow down
TICKED = {
    "Who could hear: Other claimants",
    "Who could hear: Security guards",
    "Heard at their end: Laughter",
    "Said aloud: Mental health",
    "Said aloud: Medication",
    "Would not say aloud: National Insurance number",
    "Chose not to tell them: Money",
    "How they behaved: Raised their voice or shouted",
    'How they behaved: Threatened their benefit ("you\'ll get nothing")',
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


def drive_by_keyboard(qtbot, form: AppointmentForm) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Tab from the first control to the last, filling each one; return the controls reached,
    in the order Tab reached them."""
    # A date box moves itself from day to month to year as each part is typed.
    qtbot.keyClicks(form.fields["date"], "17Feb2026")
    reached: list[QWidget] = []
    added_adjustment = False
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is form.adjustments.add_button and widget in reached:
            qtbot.keyClick(widget, Qt.Key.Key_Tab)  # back at "Add" after the new row: go on
            continue
        if widget is form.save_button or widget in reached:
            break
        reached.append(widget)
        name = widget.accessibleName()
        if name in TYPED:
            qtbot.keyClicks(widget, TYPED[name])
        elif name in NUMBERS:
            qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(widget, NUMBERS[name])
        elif name in CHOICES:
            qtbot.keyClicks(widget, CHOICES[name])
            for _ in range(DOWN.get(name, 0)):
                qtbot.keyClick(widget, Qt.Key.Key_Down)
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
    form.more.setFocus()
    qtbot.keyClick(form.more, Qt.Key.Key_Space)  # "Show more details": every question
    form.fields["date"].setFocus()
    reached = drive_by_keyboard(qtbot, form)

    # Tab order reaches every control in the form (the buttons at the bottom come last).
    missed = [
        w.accessibleName() or type(w).__name__ for w in focusable(form.body) if w not in reached
    ]
    assert missed == [], missed

    # How it took place is chosen last, once the questions about a call are answered too
    # (choosing "In person" first would leave them out).
    channel = form.fields["channel"]
    channel.setFocus()
    qtbot.keyClicks(channel, "In")
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
    assert (a.status, a.moved_to) == (Status.MOVED, date(2026, 3, 3))
    assert (a.language_requested, a.language) == (Language.WELSH, Language.ENGLISH)
    assert (a.staff_said_private, a.said_aloud_answer) == (Answer.YES, Answer.YES)
    assert a.refused_aloud == (Topic.NI_NUMBER,) and a.declined_to_disclose == (Topic.MONEY,)
    assert a.conduct == (Conduct.RAISED_VOICE, Conduct.THREATENED_BENEFIT)
    assert a.conduct_quotes == "You'll get nothing if you don't answer."


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


def opened(qtbot, form: AppointmentForm) -> AppointmentForm:  # type: ignore[no-untyped-def]
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def place(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def test_tab_order_follows_reading_order(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    form = opened(qtbot, AppointmentForm([person], person_vault.save, today=date(2026, 3, 2)))
    form.adjustments.add_row()
    form.fields["date"].setFocus()
    reached: list[QWidget] = []
    for _ in range(300):
        widget = QApplication.focusWidget()
        if widget is form.save_button:
            break
        if widget not in reached:  # a date box takes a Tab for each of its parts
            reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    # Tab never gets stuck (an empty date box once kept it), and reaches Save at the end.
    assert QApplication.focusWidget() is form.save_button, reached[-1].accessibleName()
    # Each control Tab reaches is to the right of the one before on the same line, or below it.
    for before, after in zip(reached, reached[1:], strict=False):
        a, b = place(before, form.body), place(after, form.body)
        same_line = b.top() < a.bottom() and a.top() < b.bottom()
        assert (b.left() > a.left()) if same_line else (b.top() > a.top()), (
            before.accessibleName(),
            after.accessibleName(),
        )


NEW_QUESTIONS = {
    "status": "Did it go ahead?",
    "moved_to": "Moved to",
    "language_requested": "Language you asked for",
    "language": "Language it was held in",
    "staff_said_private": "Did they say nobody else could hear?",
    "said_aloud_answer": "Did you have to say private things aloud?",
    "refused_aloud": "They asked you to say aloud, and you would not",
    "declined_to_disclose": "You chose not to tell them",
    "conduct": "Did they do any of these?",
    "conduct_quotes": "What they said, word for word",
}


def test_every_question_has_a_name_a_tooltip_and_a_label_of_its_own(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, AppointmentForm([p.record for p in person_vault.people()], print))
    buddies = {label.buddy(): label.text() for label in form.body.findChildren(QLabel)}
    for name, widget in form.fields.items():
        if name == "adjustments":
            continue  # a list of rows, each control named in its own row
        assert widget.accessibleName() and widget.toolTip(), name
        assert widget in buddies, name
    for name, question in NEW_QUESTIONS.items():
        assert buddies[form.fields[name]] == question


def test_new_questions_sit_in_the_existing_sections_and_one_new_one(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, AppointmentForm([p.record for p in person_vault.people()], print))

    def section_of(name: str) -> str:
        widget = form.fields[name]
        while not isinstance(widget, QGroupBox):
            widget = widget.parentWidget()
        return widget.title()

    assert [box.title() for box in form.body.findChildren(QGroupBox)] == [
        "When",
        "Who",
        "What",
        "Where",
        "Privacy",
        "Who could hear",
        "Phone or video calls",
        "What was said aloud",
        "Recording",
        "Adjustments",
        "How the staff member behaved",
        "What happened",
        "How it affected you",
        "Follow-up",
    ]
    assert {section_of("status"), section_of("moved_to")} == {"When"}
    assert section_of("language_requested") == section_of("language") == "What"
    assert section_of("staff_said_private") == "Phone or video calls"
    said = {"said_aloud_answer", "said_aloud", "refused_aloud", "declined_to_disclose"}
    assert {section_of(name) for name in said} == {"What was said aloud"}
    assert section_of("conduct") == section_of("conduct_quotes") == "How the staff member behaved"


def test_the_form_fits_on_the_screen_with_save_in_reach(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, AppointmentForm([p.record for p in person_vault.people()], print))
    screen = form.screen().availableGeometry()
    assert form.frameGeometry().height() <= screen.height()
    assert form.frameGeometry().width() <= screen.width()
    assert form.rect().contains(place(form.save_button, form))


def test_answering_no_unticks_what_was_said_aloud_and_another_answer_brings_it_back(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, AppointmentForm([p.record for p in person_vault.people()], print))
    form.more.setFocus()
    qtbot.keyClick(form.more, Qt.Key.Key_Space)  # "Show more details": the notes too
    answer, topics = form.fields["said_aloud_answer"], form.fields["said_aloud"]
    answer.setFocus()
    qtbot.keyClicks(answer, "Yes")
    qtbot.keyClick(answer, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # "Health or diagnoses"
    assert topics.value() == (Topic.HEALTH,)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is answer
    qtbot.keyClick(answer, Qt.Key.Key_Down)  # "No": nothing private was said
    assert answer.value() == Answer.NO
    assert topics.value() == () and not topics.isEnabled()
    assert 'You answered "No", so none of these can be ticked.' in visible_texts(form)
    qtbot.keyClick(answer, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields["said_aloud_notes"]  # the ticks are passed

    form.fields["said_aloud_answer"].setFocus()
    qtbot.keyClick(answer, Qt.Key.Key_Down)  # "Not sure"
    assert topics.isEnabled() and topics.value() == (Topic.HEALTH,)
    assert 'You answered "No"' not in visible_texts(form)


def test_a_no_saved_with_ticks_is_refused_in_a_plain_sentence(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    # "No", and two topics ticked: the vault refuses to store it, and the form says why
    # before it gets that far.
    original = make_appointment(person.id, said_aloud_answer=Answer.NO)
    form = opened(qtbot, AppointmentForm([person], person_vault.save, original=original))
    topics = form.fields["said_aloud"]
    assert topics.isEnabled() and topics.value() == (Topic.MENTAL_HEALTH, Topic.MEDICATION)

    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert form.isVisible() and person_vault.appointments() == []
    assert 'You answered "No" to "Did you have to say private things aloud?"' in (
        form.message.text()
    )
    assert QApplication.focusWidget() is form.fields["said_aloud_answer"]

    qtbot.keyClicks(form.fields["said_aloud_answer"], "Yes")
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert person_vault.appointments()[0].record.said_aloud_answer is Answer.YES


EVERY_NEW_FIELD = dict(
    status=Status.MOVED,
    moved_to=date(2026, 3, 3),
    said_aloud_answer=Answer.YES,
    refused_aloud=(Topic.NI_NUMBER, Topic.ADDRESS),
    declined_to_disclose=(Topic.MONEY,),
    staff_said_private=Answer.YES,
    language_requested=Language.WELSH,
    language=Language.ENGLISH,
    conduct=(Conduct.TOLD_TO_BE_QUIET, Conduct.THREATENED_BENEFIT),
    conduct_quotes="If you won't say it out loud you'll get nothing.",
)


def test_correcting_an_entry_shows_its_answers_and_keeps_those_not_touched(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record
    original = person_vault.save(make_appointment(person.id, **EVERY_NEW_FIELD)).record
    saved: list[Appointment] = []
    form = opened(qtbot, AppointmentForm([person], saved.append, original=original))
    f = form.fields
    assert f["status"].currentText() == "It was moved to another day or time"
    assert f["moved_to"].text() == "3 Mar 2026"
    assert f["refused_aloud"].value() == (Topic.NI_NUMBER, Topic.ADDRESS)
    assert f["conduct_quotes"].toPlainText() == EVERY_NEW_FIELD["conduct_quotes"]

    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert saved == [original]

    # A correction of something else keeps every one of them.
    form = opened(qtbot, AppointmentForm([person], person_vault.save, original=original))
    form.fields["account"].setFocus()
    qtbot.keyClicks(form.fields["account"], " It was the second time.")
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    corrected = person_vault.appointments()[0].record
    assert len(person_vault.versions(original.id)) == 2
    assert {k: getattr(corrected, k) for k in EVERY_NEW_FIELD} == EVERY_NEW_FIELD


def test_a_new_date_is_typed_from_the_appointment_date_and_can_be_emptied_again(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = opened(qtbot, AppointmentForm([p.record for p in person_vault.people()], print))
    qtbot.keyClicks(form.fields["date"], "17Feb2026")
    moved_to = form.fields["moved_to"]
    moved_to.setFocus()
    qtbot.keyClick(moved_to, Qt.Key.Key_Up)  # starts from the appointment's own date
    assert moved_to.value() == date(2026, 2, 17)
    qtbot.keyClick(moved_to, Qt.Key.Key_Up)
    assert moved_to.value() == date(2026, 2, 18)
    qtbot.keyClick(moved_to, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(moved_to, Qt.Key.Key_Delete)
    assert moved_to.value() is None and moved_to.text() == "Not recorded"
    qtbot.keyClick(moved_to, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields["time"]
