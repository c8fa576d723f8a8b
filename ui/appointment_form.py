"""The appointment form: a short path of plain-English questions first, the rest under
"More details", all but two optional.

Only the date and the person are needed; everything else can be filled in
later, and a later change is saved as a correction with the original kept.
Questions that cannot apply to how the appointment took place (the room
questions on a phone call) are not asked, but nothing answered is ever hidden
and every answer is saved as it is. Which question is asked when is the core's
decision (companion/form_plan.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from companion.form_plan import answered, beyond_short_path, shown
from companion.model import Answer, Appointment, Person, Topic
from ui.adjustments_editor import AdjustmentsEditor
from ui.appointment_questions import CONTEXT, QUESTIONS
from ui.dialog_base import EditDialog, Saver
from ui.questions import Env, show_only
from ui.widgets import DateField, EnumChecks, EnumCombo, named, paragraph


class AppointmentForm(EditDialog):
    draft_kind = "appointment"
    record_type = Appointment

    def __init__(
        self,
        people: Sequence[Person],
        save: Saver,
        *,
        suggestions: Mapping[str, Sequence[str]] | None = None,
        person_id: str | None = None,
        original: Appointment | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Correct an appointment") if original else self.tr("New appointment")
        super().__init__(title, save, parent, size=(860, 820))
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
        env = Env(
            CONTEXT,
            self._today,
            people,
            person_id,
            original=original,
            suggestions=suggestions or {},
        )
        self.ask_all(QUESTIONS, env)
        self.adjustments = cast(AdjustmentsEditor, self.fields["adjustments"])
        self._said_aloud_note()
        self.more = self._more_button()
        self.layout_.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self._showing: set[str] = set()
        self._newly_shown: set[str] = set()
        self._set_aside: tuple[Topic, ...] = ()  # ticks taken away by answering "No"
        self.fields["said_aloud_answer"].changed.connect(self._said_aloud_answered)  # type: ignore[attr-defined]
        self.fields["channel"].changed.connect(self._refresh)  # type: ignore[attr-defined]
        self.opened(original, first="date")

    # -- the short path and "More details" -----------------------------------------------

    def _more_button(self) -> QPushButton:
        button = QPushButton()
        button.setCheckable(True)
        button.setAccessibleDescription(
            self.tr(
                "Shows the other questions in each section: the staff member, languages, "
                "recording, adjustments, how they behaved, how it affected you and follow-up. "
                "The cursor goes to the first of them."
            )
        )
        button.toggled.connect(self._more_toggled)
        button.clicked.connect(self._more_clicked)
        self._name_more(button, False)
        return button

    def _name_more(self, button: QPushButton, open_: bool) -> None:
        text = self.tr("Hide more details") if open_ else self.tr("Show more details")
        tip = (
            self.tr("Hide the extra questions you have not answered; answers stay in sight")
            if open_
            else self.tr("Show every question, each in its section (Space or Enter)")
        )
        arrow = "\N{BLACK DOWN-POINTING TRIANGLE}" if open_ else "\N{BLACK RIGHT-POINTING TRIANGLE}"
        button.setText(f"{arrow}  {text}")
        named(button, text, tip)

    def _more_toggled(self, open_: bool) -> None:
        self._name_more(self.more, open_)
        self._refresh()

    def _more_clicked(self, open_: bool) -> None:
        """Opened from the keyboard or the mouse: the cursor goes to the first question it
        showed, so Tab goes on through the rest in reading order."""
        if not open_:
            return
        for question in self.questions:
            if question.name in self._newly_shown:
                self.fields[question.name].setFocus()
                return

    def _refresh(self) -> None:
        """Show the questions that apply to the channel chosen and the short path (or all of
        them, with "More details" open), and every question holding an answer."""
        channel = self.fields["channel"].value()  # type: ignore[attr-defined]
        more = self.more.isChecked()
        values = self.draft_values()
        before = self._showing

        def visible(name: str) -> bool:
            return shown(name, channel, more=more, holds_answer=answered(values[name]))

        show_only(self.laid, visible)
        self._showing = {name for name in self.fields if visible(name)}
        self._newly_shown = self._showing - before
        self._said_form.setRowVisible(self._nothing_said, not self.fields["said_aloud"].isEnabled())

    def after_fill(self) -> None:
        """Once the answers are in: the ticks for what was said aloud as saved, "More
        details" open if anything is answered inside it, and only what applies shown."""
        # An entry saved elsewhere (an import) may say "No" and tick topics: leave the ticks
        # where they can be changed; saving asks for one or the other.
        said = self.fields["said_aloud"].value()  # type: ignore[attr-defined]
        no = self.fields["said_aloud_answer"].value() == Answer.NO  # type: ignore[attr-defined]
        self._set_aside = ()
        self._allow_said_aloud(not no or bool(said))
        if beyond_short_path(self.draft_values()):
            self.more.setChecked(True)  # nothing recorded is out of sight
        self._refresh()

    # -- what was said aloud -------------------------------------------------------------

    def _said_aloud_note(self) -> None:
        self._said_form = self.laid.rows["said_aloud"]
        self._nothing_said = paragraph(
            self.tr(
                'You answered "No", so none of these can be ticked. Change the answer to tick them.'
            )
        )
        row, _role = self._said_form.getWidgetPosition(self.fields["said_aloud"])
        self._said_form.insertRow(row + 1, self._nothing_said)
        self._said_form.setRowVisible(self._nothing_said, False)

    def _said_aloud_answered(self) -> None:
        """ "No" (nothing private was said) and ticked topics cannot both be true: answering
        "No" unticks the topics and turns them off, saying why; another answer brings the ticks
        back."""
        if self._filling:
            return
        topics = cast(EnumChecks, self.fields["said_aloud"])
        answer = cast(EnumCombo, self.fields["said_aloud_answer"])
        # A drop-down gives back the stored string, so compare with ==, not `is`.
        if answer.value() == Answer.NO:
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
            date_field = cast(DateField, self.fields["date"])
            if date_field.confirm_if_future(self._today, self.tr("The date of the appointment")):
                super()._try_save()
            return
        self.message.setText(problem)
        self.message.setAccessibleName(problem)
        self.message.show()
        self.fields["said_aloud_answer"].setFocus()
