"""Small building blocks shared by the windows: named controls and choice widgets.

Every control gets an accessible name (what a screen reader says) and a
tooltip. Choice widgets are built from the core's enums and labels, so the
interface offers exactly the values the records can hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from companion.i18n import translate
from companion.labels import label

E = TypeVar("E", bound=Enum)
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a control the name a screen reader announces, and a tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip or name)
    return widget


def not_recorded() -> str:
    return translate("Widgets", "Not recorded")


class EnumCombo(QComboBox, Generic[E]):
    """One choice from an enum, or "Not recorded" when `optional`."""

    def __init__(self, cls: type[E], name: str, tip: str = "", optional: bool = True) -> None:
        super().__init__()
        self._cls = cls
        if optional:
            self.addItem(not_recorded(), None)
        for member in cls:
            self.addItem(label(member), member)
        named(self, name, tip)

    def value(self) -> E | None:
        return self.currentData()

    def set_value(self, value: E | None) -> None:
        index = self.findData(value) if value is not None else (0 if self.count() else -1)
        self.setCurrentIndex(max(index, 0))


class EnumChecks(QWidget, Generic[E]):
    """Any number of choices from an enum, as tick boxes in a grid."""

    def __init__(self, cls: type[E], name: str, columns: int = 2) -> None:
        super().__init__()
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[E, QCheckBox] = {}
        for n, member in enumerate(cls):
            box = named(QCheckBox(label(member)), f"{name}: {label(member)}")
            grid.addWidget(box, n // columns, n % columns)
            self.boxes[member] = box

    def value(self) -> tuple[E, ...]:
        return tuple(m for m, box in self.boxes.items() if box.isChecked())

    def set_value(self, values: Iterable[E]) -> None:
        chosen = set(values)
        for member, box in self.boxes.items():
            box.setChecked(member in chosen)


class OptionalNumber(QSpinBox):
    """A whole number that may be left unrecorded (shown as "Not recorded")."""

    def __init__(self, low: int, high: int, name: str, tip: str = "", suffix: str = "") -> None:
        super().__init__()
        self.setRange(low - 1, high)
        self.setSpecialValueText(not_recorded())
        self.setSuffix(suffix)
        self.setValue(low - 1)
        named(self, name, tip)

    def number(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)


class OptionalDate(QDateEdit):
    """A date that may be left unrecorded: its lowest value reads "Not recorded"."""

    _NONE = QDate(1899, 12, 31)

    def __init__(self, name: str, tip: str = "", empty_text: str = "") -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(self._NONE)
        self.setSpecialValueText(empty_text or not_recorded())
        self.setDate(self._NONE)
        named(self, name, tip)

    def value(self) -> date | None:
        return None if self.date() == self._NONE else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        self.setDate(self._NONE if value is None else QDate(value.year, value.month, value.day))


class TypedOptionalDate(OptionalDate):
    """An OptionalDate that can be typed into, and left with Tab, while it reads "Not recorded".

    The first key starts from the date in `start_from` (such as the appointment's own date),
    so typing "3Mar2026" or pressing Up works from empty; Delete on the whole text empties it
    again.
    """

    def __init__(self, name: str, start_from: QDateEdit, tip: str = "") -> None:
        super().__init__(name, tip)
        # The other control itself, not a closure over the form: such a closure made a
        # reference cycle whose collection crashed PySide 6.11 in the window tests.
        self._start_from = start_from

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        steps = event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if self.value() is None and (steps or event.text().strip()):
            self.setDate(self._start_from.date())
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
            if steps:
                return  # the start date itself is the first step
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.lineEdit().selectedText() == self.text()
        ):
            self.set_value(None)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt naming)
        # While it reads "Not recorded", QDateTimeEdit keeps Tab for its own sections and
        # never lets go; Tab must move on, as it does from every other control.
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


class TextBox(QPlainTextEdit):
    """Several lines of free text; Tab moves on to the next control, as people expect."""

    def __init__(self, name: str, tip: str = "", lines: int = 4) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self._lines = lines
        self.setMinimumHeight(self._height(min(lines, 2)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        named(self, name, tip)

    def _height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 16

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(super().sizeHint().width(), self._height(self._lines))


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose Alt+letter moves to `buddy`, and which screen readers read with it."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def section(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled group of labelled questions."""
    box = QGroupBox(title)
    box.setAccessibleName(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return box, form


def heading(text: str, scale: float = 1.3) -> QLabel:
    widget = QLabel(text)
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)
    widget.setWordWrap(True)
    return widget


def paragraph(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def date_edit(name: str, value: date, tip: str = "") -> QDateEdit:
    """A required date, typed or picked from a calendar."""
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return named(edit, name, tip)


def suggestion_box(name: str, values: Iterable[str], tip: str = "") -> QComboBox:
    """Free text with earlier answers offered as you type."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem("")
    for value in values:
        box.addItem(value)
    box.setCurrentIndex(0)
    box.lineEdit().setAccessibleName(name)
    return named(box, name, tip)
