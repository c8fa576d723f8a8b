"""A form declared as data: a list of questions keyed to the record's fields.

Each question names the record's field it answers, the question as shown, how
to make the control that answers it, its section and, where it helps, a
tooltip and the name a screen reader announces. From that one list come the
controls, their labels (translated when shown, so a Welsh translation needs no
change here), their names and tooltips, the sections, and the tab order, which
is the order the questions are read. Every control offers the same few methods
(ui/inputs.py), so filling a form from a record and making a record from it are
the same for every form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from companion.i18n import translate, translate_n
from companion.model import Person
from ui.date_field import DateField
from ui.inputs import (
    EnumChecks,
    EnumCombo,
    OptionalNumber,
    PersonChooser,
    SuggestionBox,
    TextBox,
    TextLine,
    TimeField,
)
from ui.naming import named
from ui.widgets import section


@dataclass
class Env:
    """What making a form's controls may need: the words' translation context, today, the
    people to choose from, the record being corrected, earlier answers to suggest, and the
    controls made so far."""

    context: str
    today: date
    people: Sequence[Person] = ()
    person_id: str | None = None
    original: Any = None
    suggestions: Mapping[str, Sequence[str]] = field(default_factory=dict)
    made: dict[str, QWidget] = field(default_factory=dict)

    def tr(self, text: str) -> str:
        return translate(self.context, text) if text else ""


# How a question's control is made: from the form's Env, the record's field, the name a
# screen reader announces, and the tooltip.
Maker = Callable[[Env, str, str, str], QWidget]


@dataclass(frozen=True)
class Question:
    """One question of a form, keyed to the record's field `name`. Texts are English
    source text, marked for translation where the form's questions are declared."""

    name: str
    text: str
    make: Maker
    section: str = ""
    tip: str = ""
    spoken: str = ""  # what a screen reader calls it, when not the question itself
    only_new: bool = False  # asked of a new record only: a correction keeps the original's


# -- how each kind of control is made -------------------------------------------------


def line(placeholder: str = "") -> Maker:
    return lambda env, _field, name, tip: TextLine(name, tip, env.tr(placeholder))


def time_of_day(placeholder: str = "") -> Maker:
    return lambda env, field, name, tip: TimeField(name, field, tip, env.tr(placeholder))


def words(lines: int) -> Maker:
    return lambda _env, _field, name, tip: TextBox(name, tip, lines=lines)


def choice(
    cls: type[Enum], optional: bool = True, unoffered: frozenset[Any] = frozenset()
) -> Maker:
    return lambda _env, _field, name, tip: EnumCombo(
        cls, name, tip, optional=optional, unoffered=unoffered
    )


def ticks(cls: type[Enum], columns: int = 2) -> Maker:
    def make(_env: Env, _field: str, name: str, tip: str) -> QWidget:
        widget = EnumChecks(cls, name, columns)
        widget.setToolTip(tip or name)
        return widget

    return make


def number(low: int, high: int, unit: str = "") -> Maker:
    """A whole number from `low` to `high`, or not recorded. `unit` follows the number in the
    form for it, written with "(s)" for the plural: " minute(s)" gives "1 minute" and
    "45 minutes" (and a translation's own plural forms)."""

    def make(env: Env, _field: str, name: str, tip: str) -> QWidget:
        def words(n: int) -> str:
            return translate_n(env.context, unit, n) if unit else ""

        return OptionalNumber(low, high, name, tip, words)

    return make


def suggested(extra: Iterable[str] = ()) -> Maker:
    """Free text, offering earlier answers to the same question (and `extra`) as you type."""
    known = tuple(extra)

    def make(env: Env, field: str, name: str, tip: str) -> QWidget:
        offered = list(dict.fromkeys([*env.suggestions.get(field, ()), *known]))
        return SuggestionBox(name, offered, tip)

    return make


def day() -> Maker:
    """A date that is needed, today until changed."""
    return lambda env, field, name, tip: DateField(name, field, tip, value=env.today)


def day_or_none(start_from: str) -> Maker:
    """A date that may be left empty; Up from empty starts at the date asked `start_from`."""

    def make(env: Env, field: str, name: str, tip: str) -> QWidget:
        start = env.made.get(start_from)
        return DateField(
            name,
            field,
            tip,
            optional=True,
            start_from=start if isinstance(start, DateField) else None,
        )

    return make


def person() -> Maker:
    def make(env: Env, _field: str, name: str, tip: str) -> QWidget:
        chooser = PersonChooser(env.people, name, tip)
        if env.person_id is not None:
            chooser.set_value(env.person_id)
        return chooser

    return make


# -- laying a form out -------------------------------------------------------------------


class QuestionLabel(QLabel):
    """A question's words, on one line when they are short, wrapped at a steady width when
    they are long, at any text size.

    A wrapped label's usual size hint is narrower than its line but guessed freely; a form
    layout then gives it that width with the height of a wider one, and cuts off its second
    line at large text sizes. A steady width keeps the two in step, and keeps the column of
    questions from crowding the answers. Every question asks for the same width, short or
    long, so the answers line up from one section to the next whichever questions are shown.
    """

    CHARACTERS = 24  # the most a line of a question holds before it wraps

    def __init__(self, text: str, buddy: QWidget) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setBuddy(buddy)  # Alt+letter, and screen readers read them together

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        frame = 2 * self.margin() + margins.left() + margins.right() + 2
        width = self.CHARACTERS * metrics.averageCharWidth() + frame
        return QSize(width, self.heightForWidth(width))


@dataclass
class Laid:
    """A form laid out: each question's control, its label, and its section."""

    inputs: dict[str, QWidget] = field(default_factory=dict)
    labels: dict[str, QLabel] = field(default_factory=dict)
    rows: dict[str, QFormLayout] = field(default_factory=dict)
    sections: dict[str, QGroupBox] = field(default_factory=dict)
    section_of: dict[str, str] = field(default_factory=dict)


def spoken_name(env: Env, question: Question) -> str:
    return env.tr(question.spoken) if question.spoken else env.tr(question.text).rstrip("?:")


def lay_out(questions: Sequence[Question], env: Env, into: QVBoxLayout) -> Laid:
    """Make each question's control and put it, labelled, in its section, in the order
    given: the order they are read, and so the order Tab goes through them."""
    laid = Laid()
    forms: dict[str, QFormLayout] = {}
    for question in questions:
        if question.section not in forms:
            box, form = section(env.tr(question.section))
            into.addWidget(box)
            forms[question.section] = form
            laid.sections[question.section] = box
        form = forms[question.section]
        name = spoken_name(env, question)
        tip = env.tr(question.tip) or name
        widget = question.make(env, question.name, name, tip)
        if name:
            named(widget, name, tip)
        if question.text:
            text = QuestionLabel(env.tr(question.text), widget)
            form.addRow(text, widget)
            laid.labels[question.name] = text
        else:
            form.addRow(widget)
        env.made[question.name] = widget
        laid.inputs[question.name] = widget
        laid.rows[question.name] = form
        laid.section_of[question.name] = question.section
    return laid


def show_only(laid: Laid, visible: Callable[[str], bool]) -> None:
    """Show the questions for which `visible` is true, and the sections holding any."""
    seen: dict[str, bool] = {}
    for name, widget in laid.inputs.items():
        shown = visible(name)
        laid.rows[name].setRowVisible(widget, shown)
        title = laid.section_of[name]
        seen[title] = seen.get(title, False) or shown
    for title, box in laid.sections.items():
        box.setVisible(seen.get(title, False))
