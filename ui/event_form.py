"""A dated thing that is not an appointment: a decision letter, an MR notice, an appeal, a
hearing, a complaint and its replies, a subject access request, an ICE or ICO referral."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from companion.labels import ORGANISATIONS
from companion.model import APP_WRITTEN_KINDS, Benefit, Event, EventKind, Person
from ui.dialog_base import EditDialog, Saver
from ui.questions import (
    Env,
    Question,
    choice,
    day,
    day_or_none,
    line,
    person,
    suggested,
    words,
)
from ui.widgets import DateField, paragraph

CONTEXT = "EventForm"
SECTION = QT_TRANSLATE_NOOP("EventForm", "The letter or event")

QUESTIONS: list[Question] = [
    Question(
        "person_id",
        QT_TRANSLATE_NOOP("EventForm", "Who it is about (needed)"),
        person(),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "Who it is about"),
        only_new=True,
    ),
    Question(
        "kind",
        QT_TRANSLATE_NOOP("EventForm", "What it is (needed)"),
        choice(EventKind, optional=False, unoffered=APP_WRITTEN_KINDS),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "What it is"),
    ),
    Question(
        "date",
        QT_TRANSLATE_NOOP("EventForm", "Date on the letter, or the date it was sent (needed)"),
        day(),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "Date on the letter or date sent"),
    ),
    Question(
        "received_on",
        QT_TRANSLATE_NOOP("EventForm", "Date it arrived, if different"),
        day_or_none(start_from="date"),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "Date it arrived"),
        tip=QT_TRANSLATE_NOOP(
            "EventForm", "Leave as Not recorded if it arrived the same day; type it or press Up"
        ),
    ),
    Question(
        "benefit",
        QT_TRANSLATE_NOOP("EventForm", "Which benefit it is about"),
        choice(Benefit),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "Benefit"),
    ),
    Question(
        "organisation",
        QT_TRANSLATE_NOOP("EventForm", "Who sent it or who it went to"),
        suggested(ORGANISATIONS),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "Organisation"),
    ),
    Question("reference", QT_TRANSLATE_NOOP("EventForm", "Reference number"), line(), SECTION),
    Question(
        "summary",
        QT_TRANSLATE_NOOP("EventForm", "What it says, in short"),
        words(3),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("EventForm", "What it says"),
    ),
    Question(
        "award",
        QT_TRANSLATE_NOOP("EventForm", "What was awarded"),
        line(
            QT_TRANSLATE_NOOP("EventForm", "For a decision, for example: standard rate, 9 points")
        ),
        SECTION,
        tip=QT_TRANSLATE_NOOP(
            "EventForm",
            "For a decision letter, a mandatory reconsideration notice or a tribunal "
            "decision: the rate, points or amount it gave, or nothing",
        ),
    ),
    Question("notes", QT_TRANSLATE_NOOP("EventForm", "Your notes"), words(3), SECTION),
]


class EventForm(EditDialog):
    draft_kind = "event"
    record_type = Event

    def __init__(
        self,
        people: Sequence[Person],
        save: Saver,
        *,
        person_id: str | None = None,
        original: Event | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Correct a letter or event") if original else self.tr("New letter or event")
        super().__init__(title, save, parent, size=(640, 620))
        self._today = today or date.today()
        if original is not None:
            self.layout_.addWidget(
                paragraph(
                    self.tr("Your changes are saved as a correction. The original wording is kept.")
                )
            )
        self.ask_all(QUESTIONS, Env(CONTEXT, self._today, people, person_id, original=original))
        # Whose it is is already chosen (the person picked in the window, or the only one),
        # so the cursor starts at what it is.
        self.opened(original, first="kind")

    def _try_save(self) -> None:
        """Ask once before saving a letter dated in the future."""
        dated = cast(DateField, self.fields["date"])
        if dated.confirm_if_future(self._today, self.tr("The date on the letter")):
            super()._try_save()
