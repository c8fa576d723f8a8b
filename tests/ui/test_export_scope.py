"""Which entries an export holds: started from the timeline's filters, and widened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from companion.labels import label
from companion.model import AppointmentKind
from companion.query import Selection
from tests.builders import make_person
from tests.ui.test_accessibility import unnamed
from ui.export_scope import ExportScope

ALEX = make_person(display_name="Alex Example")
SAM = make_person(display_name="Sam Example")
SHOWN = Selection(
    person_ids=frozenset({SAM.id}),
    date_from=date(2025, 4, 1),
    date_to=date(2025, 9, 30),
    kinds=frozenset({AppointmentKind.PIP_ASSESSMENT}),
    problems_only=True,
    text="  private room ",
)


def scope_for(qtbot, start: Selection, from_timeline: bool = True) -> ExportScope:  # type: ignore[no-untyped-def]
    scope = ExportScope([ALEX, SAM], start, from_timeline)
    qtbot.addWidget(scope)
    scope.show()
    return scope


def test_every_filter_of_the_timeline_is_kept_and_said(qtbot) -> None:  # type: ignore[no-untyped-def]
    scope = scope_for(qtbot, SHOWN)
    assert scope.selection() == Selection(
        person_ids=frozenset({SAM.id}),
        date_from=date(2025, 4, 1),
        date_to=date(2025, 9, 30),
        kinds=frozenset({AppointmentKind.PIP_ASSESSMENT}),
        problems_only=True,
        text="private room",
    )
    said = scope.started_from.text()
    assert said.startswith("Starting from what the timeline shows: Sam Example; ")
    for part in ("1 April 2025", "30 September 2025", label(AppointmentKind.PIP_ASSESSMENT)):
        assert part in said
    assert "problems only" in said and "“private room”" in said
    assert all(t.isVisible() for t in (scope.only_kinds, scope.only_problems, scope.only_words))
    assert unnamed(scope) == []


def test_each_filter_can_be_unticked_or_everything_included_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    scope = scope_for(qtbot, SHOWN)
    with qtbot.waitSignal(scope.changed):
        scope.only_words.setFocus()
        qtbot.keyClick(scope.only_words, Qt.Key.Key_Space)
    assert scope.selection().text == "" and scope.selection().kinds
    with qtbot.waitSignal(scope.changed):
        qtbot.keyClick(scope.everything_button, Qt.Key.Key_Space)
    assert scope.selection() == Selection(person_ids=frozenset({ALEX.id, SAM.id}))
    assert [p.display_name for p in scope.chosen_people()] == ["Alex Example", "Sam Example"]


def test_a_timeline_showing_everything_or_one_persons_record_needs_no_note(qtbot) -> None:  # type: ignore[no-untyped-def]
    everything = scope_for(qtbot, Selection())
    assert everything.started_from.text() == "" and not everything.everything_button.isVisible()
    assert not any(t.isVisible() for t in (everything.only_kinds, everything.only_problems))
    theirs = scope_for(qtbot, Selection(person_ids=frozenset({ALEX.id})), from_timeline=False)
    assert theirs.started_from.text() == ""
    assert [p.display_name for p in theirs.chosen_people()] == ["Alex Example"]


def test_export_dates_are_typed_day_first_and_an_unreadable_one_is_said(
    qtbot, person_vault
) -> None:  # type: ignore[no-untyped-def]
    from ui.export_dialog import ExportDialog

    scope = scope_for(qtbot, Selection())
    for field in (scope.date_from, scope.date_to):
        assert "any date" in field.edit.placeholderText()
    with qtbot.waitSignal(scope.changed):
        qtbot.keyClicks(scope.date_from.edit, "5/3/2025")
    assert scope.selection().date_from == date(2025, 3, 5)
    assert "March 2025" in scope.date_from.words.text()
    scope.date_from.edit.setFocus()  # one Tab stop each: From, then To
    qtbot.keyClick(scope.date_from.edit, Qt.Key.Key_Tab)
    assert scope.focusWidget() is scope.date_to.edit
    scope.date_from.edit.clear()
    assert scope.selection().date_from is None and scope.dates_readable()

    dialog = ExportDialog(person_vault, person_vault.people())
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.date_to.edit, "31/13")  # not a date: nothing is made from it
    assert not dialog.save_button.isEnabled()
    assert "day first" in dialog.pages.text()
    dialog.date_to.edit.clear()
    assert dialog.save_button.isEnabled()
    dialog.done(0)
