"""The appointment form: plain-English questions in sections, all but two optional.

Only the date and the person are needed; everything else can be filled in
later, and a later change is saved as a correction with the original kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import InvalidInput
from companion.interchange.csv_format import parse_time
from companion.labels import ORGANISATIONS
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    AppointmentKind,
    Benefit,
    Channel,
    Conduct,
    Language,
    Layout,
    Listener,
    Noise,
    Person,
    RecordedBy,
    StaffLocation,
    Status,
    Topic,
)
from ui.dialog_base import EditDialog, Saver
from ui.widgets import (
    DateField,
    EnumChecks,
    EnumCombo,
    OptionalDate,
    OptionalNumber,
    TextBox,
    date_edit,
    named,
    paragraph,
    section,
    suggestion_box,
)

E = TypeVar("E", bound=Enum)


def checks(cls: type[E], name: str, tip: str, columns: int = 2) -> EnumChecks[E]:
    """Tick boxes for an enum, with a tooltip for the group as a whole."""
    widget = EnumChecks(cls, name, columns)
    widget.setToolTip(tip)
    return widget


class AdjustmentRow(QWidget):
    def __init__(self, number: int, remove: Callable[[AdjustmentRow], None]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        prefix = self.tr("Adjustment {n}").format(n=number)
        self.kind = EnumCombo(
            AdjustmentKind, self.tr("{p}: what you asked for").format(p=prefix), optional=False
        )
        self.detail = named(QLineEdit(), self.tr("{p}: more detail").format(p=prefix))
        self.detail.setPlaceholderText(self.tr("More detail (optional)"))
        self.outcome = EnumCombo(AdjustmentOutcome, self.tr("{p}: the answer").format(p=prefix))
        self.reason = named(QLineEdit(), self.tr("{p}: reason given").format(p=prefix))
        self.reason.setPlaceholderText(self.tr("Reason given (optional)"))
        self.remove = named(QPushButton(self.tr("Remove")), self.tr("Remove {p}").format(p=prefix))
        self.remove.clicked.connect(lambda: remove(self))
        for widget, stretch in [
            (self.kind, 2),
            (self.detail, 3),
            (self.outcome, 2),
            (self.reason, 3),
            (self.remove, 0),
        ]:
            row.addWidget(widget, stretch)

    def value(self) -> Adjustment:
        kind, outcome = self.kind.value(), self.outcome.value()
        return Adjustment(kind, self.detail.text(), outcome, self.reason.text())  # type: ignore[arg-type]

    def set_value(self, adjustment: Adjustment | None) -> None:
        self.kind.set_value(adjustment.kind if adjustment else AdjustmentKind.PRIVATE_ROOM)
        self.detail.setText(adjustment.detail if adjustment else "")
        self.outcome.set_value(adjustment.outcome if adjustment else None)
        self.reason.setText(adjustment.reason_given if adjustment else "")


class AdjustmentsEditor(QWidget):
    """Adjustments asked for, each with the answer.

    The rows are made up front and shown one by one, so Tab always goes through them in
    reading order (Qt re-links the focus chain when widgets are added later).
    """

    def __init__(self, capacity: int = 6) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Adjustments asked for"))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.slots = [AdjustmentRow(n, self.remove_row) for n in range(1, capacity + 1)]
        for row in self.slots:
            row.hide()
            box.addWidget(row)
        self.shown = 0
        self.add_button = named(
            QPushButton(self.tr("Add an adjustment you asked for")),
            self.tr("Add an adjustment you asked for"),
            self.tr("For example a private room, a phone appointment or recording it"),
        )
        self.add_button.clicked.connect(lambda: self.add_row())
        box.addWidget(self.add_button)

    @property
    def rows(self) -> list[AdjustmentRow]:
        return self.slots[: self.shown]

    def add_row(self, adjustment: Adjustment | None = None) -> AdjustmentRow | None:
        if self.shown == len(self.slots):
            return None
        row = self.slots[self.shown]
        row.set_value(adjustment)
        row.show()
        self.shown += 1
        self.add_button.setEnabled(self.shown < len(self.slots))
        row.kind.setFocus()
        return row

    def remove_row(self, row: AdjustmentRow) -> None:
        kept = [r.value() for r in self.rows if r is not row]
        self.set_value(kept)
        self.add_button.setFocus()

    def value(self) -> tuple[Adjustment, ...]:
        return tuple(row.value() for row in self.rows)

    def set_value(self, adjustments: Sequence[Adjustment]) -> None:
        for n, row in enumerate(self.slots):
            row.setVisible(n < len(adjustments))
            row.set_value(adjustments[n] if n < len(adjustments) else None)
        self.shown = len(adjustments)
        self.add_button.setEnabled(self.shown < len(self.slots))


class AppointmentForm(EditDialog):
    def __init__(
        self,
        people: Sequence[Person],
        save: Saver,
        *,
        suggestions: dict[str, list[str]] | None = None,
        person_id: str | None = None,
        original: Appointment | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Correct an appointment") if original else self.tr("New appointment")
        super().__init__(title, save, parent)
        self.original = original
        self._fit_to_screen(860, 820)
        suggestions = suggestions or {}
        if original is not None:
            self.layout_.addWidget(
                paragraph(
                    self.tr(
                        "Your changes are saved as a correction, with the date you make them. "
                        "The original wording is kept and still shown."
                    )
                )
            )
        self._today = today or date.today()
        self._when(self._today)
        self._who(people, person_id, suggestions)
        self._what(suggestions)
        self._where(suggestions)
        self._privacy()
        self._hearing()
        self._calls()
        self._said()
        self._recording()
        self._adjustments()
        self._conduct()
        self._words()
        self._follow_up()
        self.layout_.addStretch(1)
        self._set_aside: tuple[Topic, ...] = ()  # ticks taken away by answering "No"
        self.fields["said_aloud_answer"].currentIndexChanged.connect(self._said_aloud_answered)
        if original is not None:
            self.fill(original)
        self.fields["date"].setFocus()

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Open at a comfortable size, but never taller or wider than the screen (a laptop at
        1366 by 768 would otherwise lose Save below its edge); the questions scroll."""
        area = self.screen().availableGeometry()
        frame, title_bar = 16, 48  # the window's own edges are not part of its size
        self.resize(min(width, area.width() - frame), min(height, area.height() - title_bar))

    # -- sections, in the order they appear -------------------------------------------

    def _when(self, today: date) -> None:
        box, form = section(self.tr("When"))
        day = self.ask(
            form,
            "date",
            self.tr("Date of the appointment (needed)"),
            date_edit(self.tr("Date of the appointment"), today),
        )
        self.ask(
            form,
            "status",
            self.tr("Did it go ahead?"),
            EnumCombo(
                Status,
                self.tr("Did it go ahead"),
                self.tr("Whether it took place as booked, was moved, cancelled or did not happen"),
            ),
        )
        self.ask(
            form,
            "moved_to",
            self.tr("Moved to"),
            DateField(
                self.tr("Moved to"),
                "moved_to",
                self.tr("The new date, if it was moved or did not happen; type it or press Up"),
                optional=True,
                start_from=day,
            ),
        )
        time = QLineEdit()
        time.setPlaceholderText(self.tr("For example 14:30"))
        self.ask(form, "time", self.tr("Time it started"), time)
        self.ask(
            form,
            "duration_minutes",
            self.tr("How long it lasted"),
            OptionalNumber(
                1, 24 * 60, self.tr("How long it lasted, in minutes"), suffix=self.tr(" minutes")
            ),
        )
        self.layout_.addWidget(box)

    def _who(
        self, people: Sequence[Person], person_id: str | None, s: dict[str, list[str]]
    ) -> None:
        box, form = section(self.tr("Who"))
        person = QComboBox()
        for p in people:
            person.addItem(p.display_name, p.id)
        if person_id is not None:
            person.setCurrentIndex(max(person.findData(person_id), 0))
        person.setEnabled(self.original is None)  # an entry stays with its person
        self.ask(
            form,
            "person_id",
            self.tr("Whose appointment (needed)"),
            named(person, self.tr("Whose appointment")),
        )
        self.ask(form, "companions", self.tr("Who came with them, if anyone"), QLineEdit())
        self.ask(
            form,
            "staff_name",
            self.tr("Name of the staff member, if given"),
            suggestion_box(self.tr("Name of the staff member"), s.get("staff_name", [])),
        )
        self.ask(
            form,
            "staff_role",
            self.tr("Their role, for example work coach or nurse"),
            suggestion_box(self.tr("Staff member's role"), s.get("staff_role", [])),
        )
        self.ask(
            form,
            "staff_name_given",
            self.tr("Did they give their name?"),
            EnumCombo(Answer, self.tr("Did they give their name")),
        )
        self.layout_.addWidget(box)

    def _what(self, s: dict[str, list[str]]) -> None:
        box, form = section(self.tr("What"))
        self.ask(
            form,
            "kind",
            self.tr("What kind of appointment"),
            EnumCombo(AppointmentKind, self.tr("What kind of appointment")),
        )
        self.ask(
            form,
            "benefit",
            self.tr("Which benefit it was about"),
            EnumCombo(Benefit, self.tr("Which benefit")),
        )
        known = list(dict.fromkeys([*s.get("organisation", []), *ORGANISATIONS]))
        self.ask(
            form,
            "organisation",
            self.tr("Who ran it, for example DWP or Capita"),
            suggestion_box(self.tr("Organisation"), known),
        )
        self.ask(
            form,
            "channel",
            self.tr("How it took place"),
            EnumCombo(Channel, self.tr("How it took place")),
        )
        self.ask(
            form,
            "language_requested",
            self.tr("Language you asked for"),
            EnumCombo(
                Language,
                self.tr("Language you asked for"),
                self.tr("For example if you asked for it in Welsh, or for an interpreter"),
            ),
        )
        self.ask(
            form,
            "language",
            self.tr("Language it was held in"),
            EnumCombo(Language, self.tr("Language it was held in")),
        )
        self.layout_.addWidget(box)

    def _where(self, s: dict[str, list[str]]) -> None:
        box, form = section(self.tr("Where"))
        self.ask(
            form,
            "location",
            self.tr("Place, for example the jobcentre's name"),
            suggestion_box(self.tr("Place"), s.get("location", [])),
        )
        self.ask(
            form,
            "layout",
            self.tr("Where exactly were you seen?"),
            EnumCombo(Layout, self.tr("Where exactly were you seen")),
        )
        self.layout_.addWidget(box)

    def _privacy(self) -> None:
        box, form = section(self.tr("Privacy"))
        self.ask(
            form,
            "private_room_requested",
            self.tr("Did you ask for a private room?"),
            EnumCombo(Answer, self.tr("Did you ask for a private room")),
        )
        self.ask(
            form,
            "private_room_offered",
            self.tr("Was one offered?"),
            EnumCombo(Answer, self.tr("Was a private room offered")),
        )
        self.ask(
            form,
            "private_room_used",
            self.tr("Was one used?"),
            EnumCombo(Answer, self.tr("Was a private room used")),
        )
        self.ask(form, "private_room_refused_by", self.tr("If refused, who refused?"), QLineEdit())
        self.ask(
            form, "private_room_refusal_reason", self.tr("What reason did they give?"), QLineEdit()
        )
        self.layout_.addWidget(box)

    def _hearing(self) -> None:
        box, form = section(self.tr("Who could hear"))
        self.ask(
            form,
            "in_earshot",
            self.tr("Who could hear what was said?"),
            checks(Listener, self.tr("Who could hear"), self.tr("Tick everyone who could hear")),
        )
        self.ask(
            form,
            "in_earshot_count",
            self.tr("About how many people could hear?"),
            OptionalNumber(0, 10_000, self.tr("About how many people could hear")),
        )
        self.ask(
            form,
            "in_earshot_notes",
            self.tr("Anything more about who could hear"),
            TextBox(self.tr("More about who could hear"), lines=2),
        )
        self.layout_.addWidget(box)

    def _calls(self) -> None:
        box, form = section(self.tr("Phone or video calls"))
        self.ask(
            form,
            "staff_location",
            self.tr("Where was the staff member?"),
            EnumCombo(StaffLocation, self.tr("Where was the staff member")),
        )
        self.ask(
            form,
            "staff_stated_location",
            self.tr("What did they say about where they were?"),
            QLineEdit(),
        )
        self.ask(
            form,
            "background_noise",
            self.tr("What did you hear at their end?"),
            checks(
                Noise,
                self.tr("Heard at their end"),
                self.tr("Tick anything you heard at the staff member's end of the call"),
            ),
        )
        self.ask(
            form,
            "background_noise_notes",
            self.tr("Anything more you heard"),
            TextBox(self.tr("More about what you heard"), lines=2),
        )
        self.ask(
            form,
            "staff_said_private",
            self.tr("Did they say nobody else could hear?"),
            EnumCombo(
                Answer,
                self.tr("Did they say nobody else could hear"),
                self.tr("What they told you, recorded beside what you heard at their end"),
            ),
        )
        self.ask(
            form,
            "staff_said_alone",
            self.tr("Did they say they were alone?"),
            EnumCombo(Answer, self.tr("Did they say they were alone")),
        )
        self.ask(
            form,
            "staff_said_headphones",
            self.tr("Did they say they wore headphones?"),
            EnumCombo(Answer, self.tr("Did they say they wore headphones")),
        )
        self.layout_.addWidget(box)

    def _said(self) -> None:
        box, form = section(self.tr("What was said aloud"))
        self.ask(
            form,
            "said_aloud_answer",
            self.tr("Did you have to say private things aloud?"),
            EnumCombo(
                Answer,
                self.tr("Did you have to say private things aloud"),
                self.tr('"No" records that nothing private was said aloud'),
            ),
        )
        self.ask(
            form,
            "said_aloud",
            self.tr("What private things were said aloud?"),
            checks(Topic, self.tr("Said aloud"), self.tr("Tick each kind of thing said aloud"), 3),
        )
        self._said_form = form
        self._nothing_said = paragraph(
            self.tr(
                'You answered "No", so none of these can be ticked. Change the answer to tick them.'
            )
        )
        form.addRow(self._nothing_said)
        form.setRowVisible(self._nothing_said, False)
        self.ask(
            form,
            "said_aloud_notes",
            self.tr("Anything more about what was said"),
            TextBox(self.tr("More about what was said aloud"), lines=2),
        )
        self.ask(
            form,
            "refused_aloud",
            self.tr("They asked you to say aloud, and you would not"),
            checks(
                Topic,
                self.tr("Would not say aloud"),
                self.tr("Things they asked you to say out loud, which you refused to say"),
                3,
            ),
        )
        self.ask(
            form,
            "declined_to_disclose",
            self.tr("You chose not to tell them"),
            checks(
                Topic,
                self.tr("Chose not to tell them"),
                self.tr("Things you decided not to tell them at all"),
                3,
            ),
        )
        self.layout_.addWidget(box)

    def _said_aloud_answered(self) -> None:
        """ "No" (nothing private was said) and ticked topics cannot both be true: answering
        "No" unticks the topics and turns them off, saying why; another answer brings the ticks
        back."""
        topics = self.fields["said_aloud"]
        assert isinstance(topics, EnumChecks)
        # A drop-down gives back the stored string, so compare with ==, not `is`.
        if self.fields["said_aloud_answer"].value() == Answer.NO:  # type: ignore[attr-defined]
            self._set_aside = self._set_aside or topics.value()
            topics.set_value(())
            self._allow_said_aloud(False)
        elif not topics.isEnabled():
            self._allow_said_aloud(True)
            topics.set_value(topics.value() or self._set_aside)
            self._set_aside = ()

    def _allow_said_aloud(self, allowed: bool) -> None:
        self.fields["said_aloud"].setEnabled(allowed)
        self._said_form.setRowVisible(self._nothing_said, not allowed)

    def _recording(self) -> None:
        box, form = section(self.tr("Recording"))
        self.ask(
            form,
            "recording_requested",
            self.tr("Did you ask to record it?"),
            EnumCombo(Answer, self.tr("Did you ask to record it")),
        )
        self.ask(
            form,
            "recording_allowed",
            self.tr("Were you allowed to?"),
            EnumCombo(Answer, self.tr("Were you allowed to record it")),
        )
        self.ask(
            form,
            "recorded_by",
            self.tr("Who recorded it?"),
            EnumCombo(RecordedBy, self.tr("Who recorded it")),
        )
        self.layout_.addWidget(box)

    def _adjustments(self) -> None:
        box, form = section(self.tr("Adjustments"))
        already = len(self.original.adjustments) if self.original else 0
        self.adjustments = AdjustmentsEditor(capacity=max(6, already + 2))
        form.addRow(self.adjustments)
        self.fields["adjustments"] = self.adjustments
        self.layout_.addWidget(box)

    def _conduct(self) -> None:
        box, form = section(self.tr("How the staff member behaved"))
        self.ask(
            form,
            "conduct",
            self.tr("Did they do any of these?"),
            checks(
                Conduct,
                self.tr("How they behaved"),
                self.tr("Tick anything the staff member did"),
            ),
        )
        self.ask(
            form,
            "conduct_quotes",
            self.tr("What they said, word for word"),
            TextBox(
                self.tr("What they said, word for word"),
                self.tr("Their exact words, as near as you remember them"),
                lines=2,
            ),
        )
        self.layout_.addWidget(box)

    def _words(self) -> None:
        box, form = section(self.tr("What happened"))
        self.ask(
            form,
            "account",
            self.tr("In your own words"),
            TextBox(self.tr("What happened, in your own words"), lines=6),
        )
        self.layout_.addWidget(box)
        box, form = section(self.tr("How it affected you"))
        self.ask(
            form,
            "impact",
            self.tr("How it affected you (or them)"),
            TextBox(self.tr("How it affected you"), lines=3),
        )
        self.ask(
            form,
            "distress",
            self.tr("How upsetting was it, from 0 (not at all) to 10?"),
            OptionalNumber(0, 10, self.tr("How upsetting it was, from 0 to 10")),
        )
        self.layout_.addWidget(box)

    def _follow_up(self) -> None:
        box, form = section(self.tr("Follow-up"))
        self.ask(
            form,
            "complaint_reference",
            self.tr("Complaint reference, if you have one"),
            QLineEdit(),
        )
        self.ask(
            form,
            "mr_requested",
            self.tr("Have you asked for a mandatory reconsideration?"),
            EnumCombo(Answer, self.tr("Mandatory reconsideration asked for")),
        )
        self.layout_.addWidget(box)

    # -- reading and filling -----------------------------------------------------------

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, TextBox):
            return widget.toPlainText()
        return widget.text()  # type: ignore[attr-defined]

    def build(self) -> Appointment:
        values: dict[str, object] = {}
        for name, widget in self.fields.items():
            if name in ("date", "person_id", "time", "adjustments"):
                continue
            if isinstance(widget, (EnumCombo, EnumChecks, OptionalDate, DateField)):
                values[name] = widget.value()
            elif isinstance(widget, OptionalNumber):
                values[name] = widget.number()
            else:
                values[name] = self._text(name)
        time_text = self._text("time").strip()
        try:
            values["time"] = parse_time(time_text) if time_text else None
        except InvalidInput as exc:
            raise InvalidInput("", "time", time_text, exc.expected) from None
        values["adjustments"] = self.adjustments.value()
        day = self.fields["date"].value()  # type: ignore[attr-defined]
        person_id = self.fields["person_id"].currentData()  # type: ignore[attr-defined]
        if not person_id:
            raise InvalidInput("", "person", "", self.tr("a person: add one first"))
        return self.record_from({"date": day, **values}, Appointment, person_id=person_id)

    def fill(self, a: Appointment) -> None:
        self.fields["date"].set_value(a.date)  # type: ignore[attr-defined]
        person = self.fields["person_id"]
        person.setCurrentIndex(max(person.findData(a.person_id), 0))  # type: ignore[attr-defined]
        self.fields["time"].setText(a.time.strftime("%H:%M") if a.time else "")  # type: ignore[attr-defined]
        self.adjustments.set_value(a.adjustments)
        answer = self.fields["said_aloud_answer"]
        answer.blockSignals(True)  # show the entry as it was saved, ticks included
        for name, widget in self.fields.items():
            if name in ("date", "person_id", "time", "adjustments"):
                continue
            value = getattr(a, name)
            if isinstance(widget, (EnumCombo, EnumChecks, OptionalDate, DateField)):
                widget.set_value(value)
            elif isinstance(widget, OptionalNumber):
                widget.set_number(value)
            elif isinstance(widget, QComboBox):
                widget.setEditText(value)
            elif isinstance(widget, TextBox):
                widget.setPlainText(value)
            else:
                widget.setText(value)  # type: ignore[attr-defined]
        answer.blockSignals(False)
        # An entry saved elsewhere (an import) may say "No" and tick topics: leave the ticks
        # where they can be changed; saving asks for one or the other.
        self._allow_said_aloud(a.said_aloud_answer != Answer.NO or bool(a.said_aloud))

    def contradiction(self) -> str:
        """A plain sentence if the answers contradict each other, or ""."""
        said = self.fields["said_aloud"].value()  # type: ignore[attr-defined]
        if self.fields["said_aloud_answer"].value() == Answer.NO and said:  # type: ignore[attr-defined]
            return self.tr(
                'You answered "No" to "Did you have to say private things aloud?", but things '
                "are ticked as said aloud. Change the answer, or untick them. Nothing was changed."
            )
        return ""

    def _try_save(self) -> None:
        """Say what contradicts itself before asking the core to save anything."""
        problem = self.contradiction()
        if not problem:
            date_field: DateField = self.fields["date"]  # type: ignore[assignment]
            if date_field.confirm_if_future(self._today, self.tr("The date of the appointment")):
                super()._try_save()
            return
        self.message.setText(problem)
        self.message.setAccessibleName(problem)
        self.message.show()
        self.fields["said_aloud_answer"].setFocus()
