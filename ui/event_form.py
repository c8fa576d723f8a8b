"""A dated thing that is not an appointment: a decision letter, an MR notice, an appeal, a
hearing, a complaint and its replies, a subject access request, an ICE or ICO referral."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from companion.errors import InvalidInput
from companion.labels import ORGANISATIONS
from companion.model import Benefit, Event, EventKind, Person
from ui.dialog_base import EditDialog, Saver
from ui.widgets import (
    DateField,
    EnumCombo,
    TextBox,
    date_edit,
    named,
    paragraph,
    section,
    suggestion_box,
)


class EventForm(EditDialog):
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
        super().__init__(title, save, parent)
        self.original = original
        self.resize(640, 620)
        self._today = today or date.today()
        if original is not None:
            self.layout_.addWidget(
                paragraph(
                    self.tr("Your changes are saved as a correction. The original wording is kept.")
                )
            )
        box, form = section(self.tr("The letter or event"))

        def add(name: str, question: str, widget: QWidget) -> None:
            self.ask(form, name, question, widget)

        person = named(QComboBox(), self.tr("Who it is about"))
        for p in people:
            person.addItem(p.display_name, p.id)
        if person_id is not None:
            person.setCurrentIndex(max(person.findData(person_id), 0))
        person.setEnabled(original is None)
        add("person_id", self.tr("Who it is about (needed)"), person)
        add(
            "kind",
            self.tr("What it is (needed)"),
            EnumCombo(EventKind, self.tr("What it is"), optional=False),
        )
        dated = date_edit(self.tr("Date on the letter or date sent"), self._today)
        add("date", self.tr("Date on the letter, or the date it was sent (needed)"), dated)
        add(
            "received_on",
            self.tr("Date it arrived, if different"),
            DateField(
                self.tr("Date it arrived"),
                "received_on",
                self.tr("Leave as Not recorded if it arrived the same day; type it or press Up"),
                optional=True,
                start_from=dated,
            ),
        )
        add("benefit", self.tr("Which benefit it is about"), EnumCombo(Benefit, self.tr("Benefit")))
        add(
            "organisation",
            self.tr("Who sent it or who it went to"),
            suggestion_box(self.tr("Organisation"), ORGANISATIONS),
        )
        add("reference", self.tr("Reference number"), QLineEdit())
        add("summary", self.tr("What it says, in short"), TextBox(self.tr("What it says"), lines=3))
        award = QLineEdit()
        award.setPlaceholderText(self.tr("For a decision, for example: standard rate, 9 points"))
        add(
            "award",
            self.tr("What was awarded"),
            named(
                award,
                self.tr("What was awarded"),
                self.tr(
                    "For a decision letter, a mandatory reconsideration notice or a tribunal "
                    "decision: the rate, points or amount it gave, or nothing"
                ),
            ),
        )
        add("notes", self.tr("Your notes"), TextBox(self.tr("Your notes"), lines=3))
        self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        if original is not None:
            self.fill(original)
        self.fields["kind"].setFocus()

    def _try_save(self) -> None:
        """Ask once before saving a letter dated in the future."""
        dated: DateField = self.fields["date"]  # type: ignore[assignment]
        if dated.confirm_if_future(self._today, self.tr("The date on the letter")):
            super()._try_save()

    def build(self) -> Event:
        f = self.fields
        person_id = f["person_id"].currentData()  # type: ignore[attr-defined]
        if not person_id:
            raise InvalidInput("", "person", "", self.tr("a person: add one first"))
        values = dict(
            kind=f["kind"].value(),  # type: ignore[attr-defined]
            date=f["date"].value(),  # type: ignore[attr-defined]
            received_on=f["received_on"].value(),  # type: ignore[attr-defined]
            benefit=f["benefit"].value(),  # type: ignore[attr-defined]
            organisation=f["organisation"].currentText(),  # type: ignore[attr-defined]
            reference=f["reference"].text(),  # type: ignore[attr-defined]
            summary=f["summary"].toPlainText(),  # type: ignore[attr-defined]
            award=f["award"].text(),  # type: ignore[attr-defined]
            notes=f["notes"].toPlainText(),  # type: ignore[attr-defined]
        )
        return self.record_from(values, Event, person_id=person_id)

    def fill(self, e: Event) -> None:
        f = self.fields
        f["kind"].set_value(e.kind)  # type: ignore[attr-defined]
        f["date"].set_value(e.date)  # type: ignore[attr-defined]
        f["received_on"].set_value(e.received_on)  # type: ignore[attr-defined]
        f["benefit"].set_value(e.benefit)  # type: ignore[attr-defined]
        f["organisation"].setEditText(e.organisation)  # type: ignore[attr-defined]
        f["reference"].setText(e.reference)  # type: ignore[attr-defined]
        f["summary"].setPlainText(e.summary)  # type: ignore[attr-defined]
        f["award"].setText(e.award)  # type: ignore[attr-defined]
        f["notes"].setPlainText(e.notes)  # type: ignore[attr-defined]
