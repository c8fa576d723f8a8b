"""The controls a form's questions are answered with, all offering the same few things.

So that a form can be declared as a list of questions and bound to a record
without knowing what answers each one, every control here has:

- `value()` and `set_value(v)`: the record's value. `value()` raises InvalidInput,
  naming the field, when what is typed cannot be read;
- `changed`: a signal sent whenever the answer changes (typing, ticking, choosing);
- `draft()` and `restore(data)`: what is typed, as plain JSON data (an enum as its
  stored string, a list for ticks), kept as typed even when it cannot be read yet;
  `restore` raises TypeError or ValueError on data it cannot use, and the form then
  leaves that question as it was.

Tick boxes take fewer columns when the form is narrow or the text large, so no form
needs to be wider than the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import time
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from companion.errors import InvalidInput
from companion.i18n import clock_time
from companion.interchange.csv_format import parse_time
from companion.labels import label
from companion.model import Person
from ui.columns import Columns
from ui.naming import named, not_recorded

E = TypeVar("E", bound=Enum)

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def text_of(data: Any) -> str:
    """A draft's text, or TypeError."""
    if not isinstance(data, str):
        raise TypeError("text was expected")
    return data


def member(cls: type[E], data: Any) -> E | None:
    """An enum member from its stored string (None stays None), or ValueError."""
    return None if data is None else cls(text_of(data))


class TextLine(QLineEdit):
    """One line of free text."""

    changed = Signal()

    def __init__(self, name: str = "", tip: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self.changed)
        if name:
            named(self, name, tip)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)

    def draft(self) -> str:
        return self.text()

    def restore(self, data: Any) -> None:
        self.setText(text_of(data))


class TimeField(TextLine):
    """A time typed on the 24-hour clock, like 14:30; empty when not recorded."""

    def __init__(self, name: str, field: str, tip: str = "", placeholder: str = "") -> None:
        super().__init__(name, tip, placeholder)
        self.field = field
        self.setMaxLength(20)

    def value(self) -> time | None:  # type: ignore[override]
        typed = self.text().strip()
        if not typed:
            return None
        try:
            return parse_time(typed, "", self.field)
        except InvalidInput as exc:
            raise InvalidInput("", self.field, typed, exc.expected) from None

    def set_value(self, value: time | None) -> None:  # type: ignore[override]
        self.setText("" if value is None else clock_time(value))


class TextBox(QPlainTextEdit):
    """Several lines of free text; Tab moves on to the next control, as people expect, and
    Enter starts a new line."""

    changed = Signal()

    def __init__(self, name: str, tip: str = "", lines: int = 4) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self._lines = lines
        self.setMinimumHeight(self._height(min(lines, 2)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.textChanged.connect(self.changed)
        named(self, name, tip)

    def _height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 16

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(super().sizeHint().width(), self._height(self._lines))

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: str) -> None:
        self.setPlainText(value)

    def draft(self) -> str:
        return self.toPlainText()

    def restore(self, data: Any) -> None:
        self.setPlainText(text_of(data))


class EnumCombo(QComboBox, Generic[E]):
    """One choice from an enum, or "Not recorded" when `optional`."""

    changed = Signal()

    def __init__(
        self,
        cls: type[E],
        name: str,
        tip: str = "",
        optional: bool = True,
        unoffered: frozenset[E] = frozenset(),
    ) -> None:
        """`unoffered` choices are listed only once a saved value is one of them."""
        super().__init__()
        self._cls = cls
        self._unoffered = unoffered
        if optional:
            self.addItem(not_recorded(), None)
        for item in cls:
            if item not in unoffered:
                self.addItem(label(item), item)
        self.currentIndexChanged.connect(self.changed)
        named(self, name, tip)

    def value(self) -> E | None:
        return self.currentData()

    def set_value(self, value: E | None) -> None:
        if value in self._unoffered and self.findData(value) < 0:
            self.addItem(label(value), value)  # what was saved is shown as it is
        index = self.findData(value) if value is not None else (0 if self.count() else -1)
        self.setCurrentIndex(max(index, 0))

    def draft(self) -> str | None:
        chosen = self.currentData()
        return None if chosen is None else self._cls(chosen).value

    def restore(self, data: Any) -> None:
        chosen = member(self._cls, data)
        if self.findData(chosen) < 0:
            raise ValueError("not one of the choices")
        self.set_value(chosen)


class EnumChecks(QWidget, Generic[E]):
    """Any number of choices from an enum, as tick boxes read along each row: up to
    `columns` columns, fewer when the form is narrow or the text large."""

    changed = Signal()

    def __init__(self, cls: type[E], name: str, columns: int = 2) -> None:
        super().__init__()
        self._cls = cls
        self.setAccessibleName(name)
        self.grid = Columns(self, columns)
        self.boxes: dict[E, QCheckBox] = {}
        for item in cls:
            box = named(QCheckBox(label(item)), f"{name}: {label(item)}")
            box.toggled.connect(self.changed)
            self.grid.addWidget(box)
            self.boxes[item] = box

    def value(self) -> tuple[E, ...]:
        return tuple(m for m, box in self.boxes.items() if box.isChecked())

    def set_value(self, values: Iterable[E]) -> None:
        chosen = set(values)
        for item, box in self.boxes.items():
            box.setChecked(item in chosen)

    def draft(self) -> list[str]:
        return [item.value for item in self.value()]

    def restore(self, data: Any) -> None:
        if not isinstance(data, list):
            raise TypeError("a list was expected")
        self.set_value([member(self._cls, item) for item in data])  # type: ignore[misc]


class OptionalNumber(QSpinBox):
    """A whole number that may be left unrecorded (shown as "Not recorded").

    Digits typed while it reads "Not recorded" replace those words, however the box was
    reached (Tab, a click, or the form moving the cursor there). `suffix` gives the words
    after a number, for that number ("1 minute", "45 minutes").
    """

    changed = Signal()

    def __init__(
        self,
        low: int,
        high: int,
        name: str,
        tip: str = "",
        suffix: str | Callable[[int], str] = "",
    ) -> None:
        super().__init__()
        self._suffix = suffix if callable(suffix) else (lambda _n, words=suffix: words)
        self.setRange(low - 1, high)
        self.setSpecialValueText(not_recorded())
        self.valueChanged.connect(self._follow)
        self.setValue(low - 1)
        self._follow(low - 1)
        self.valueChanged.connect(self.changed)
        named(self, name, tip)

    def _follow(self, number: int) -> None:
        self.setSuffix(self._suffix(number))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        # Typed after "Not recorded", a digit would make "Not recorded4", which is no number,
        # and be dropped without a word: it takes the words' place instead.
        if self.value() is None and event.text()[:1].isdigit():
            self.lineEdit().selectAll()
        super().keyPressEvent(event)

    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return None if number == self.minimum() else number

    def set_value(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    # The names this control had before every control offered value() and set_value().
    number = value
    set_number = set_value

    def draft(self) -> int | None:
        return self.value()

    def restore(self, data: Any) -> None:
        if data is not None and (not isinstance(data, int) or isinstance(data, bool)):
            raise TypeError("a whole number was expected")
        if data is not None and not self.minimum() < data <= self.maximum():
            raise ValueError("out of range")
        self.set_value(data)


class SuggestionBox(QComboBox):
    """Free text with earlier answers offered as you type."""

    changed = Signal()

    def __init__(self, name: str, values: Iterable[str], tip: str = "") -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("")
        for value in values:
            self.addItem(value)
        self.setCurrentIndex(0)
        self.lineEdit().setAccessibleName(name)
        self.editTextChanged.connect(self.changed)
        named(self, name, tip)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        # Enter takes the earlier answer offered as you type, then goes on to the form,
        # which saves, as it does from any other one-line answer.
        super().keyPressEvent(event)
        if event.key() in ENTER and not self.view().isVisible():
            event.ignore()

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: str) -> None:
        self.setEditText(value)

    def draft(self) -> str:
        return self.currentText()

    def restore(self, data: Any) -> None:
        self.setEditText(text_of(data))


class PersonChooser(QComboBox):
    """Whose record it is, from the people in the vault."""

    changed = Signal()

    def __init__(self, people: Iterable[Person], name: str, tip: str = "") -> None:
        super().__init__()
        for person in people:
            self.addItem(person.display_name, person.id)
        self.currentIndexChanged.connect(self.changed)
        named(self, name, tip)

    def value(self) -> str | None:
        """The chosen person's id; InvalidInput when there is nobody to choose."""
        chosen = self.currentData()
        if not chosen:
            raise InvalidInput("", "person", "", self.tr("a person: add one first"))
        return chosen

    def set_value(self, person_id: str | None) -> None:
        self.setCurrentIndex(max(self.findData(person_id), 0))

    def draft(self) -> str | None:
        return self.currentData()

    def restore(self, data: Any) -> None:
        if self.findData(text_of(data)) < 0:
            raise ValueError("not one of the people")
        self.set_value(data)
