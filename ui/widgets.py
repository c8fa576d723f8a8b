"""Small building blocks shared by the windows: named controls, sections and choice widgets.

Every control gets an accessible name (what a screen reader says) and a
tooltip. Choice widgets are built from the core's enums and labels, so the
interface offers exactly the values the records can hold. The controls a form's
questions are answered with live in ui/inputs.py and ui/date_field.py, and are
offered here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QFormLayout, QGroupBox, QLabel, QWidget

from ui.date_field import DateField
from ui.form_rows import FormRows
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
from ui.naming import named, not_recorded

__all__ = [
    "DateField",
    "EnumChecks",
    "EnumCombo",
    "OptionalDate",
    "OptionalNumber",
    "PersonChooser",
    "SuggestionBox",
    "TextBox",
    "TextLine",
    "TimeField",
    "buddy_label",
    "date_edit",
    "heading",
    "named",
    "not_recorded",
    "paragraph",
    "section",
    "suggestion_box",
]


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


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose Alt+letter moves to `buddy`, and which screen readers read with it."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def section(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled group of labelled questions."""
    box = QGroupBox(title)
    box.setAccessibleName(title)
    form = FormRows(box)
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


def message_line() -> QLabel:
    """The line where a window says in one sentence what went wrong (the theme styles it as a
    problem by its object name) or how far work has got."""
    label = QLabel()
    label.setObjectName("message")
    label.setWordWrap(True)
    return label


def say(label: QLabel, text: str, problem: bool = False) -> None:
    """Put `text` on a window's message line: in the colour and weight of a problem only when
    it is one (what was done, or how far work has got, is said in the ordinary colour)."""
    look = "message" if problem else "said"
    if label.objectName() != look:
        label.setObjectName(look)
        label.style().unpolish(label)
        label.style().polish(label)
    label.setText(text)


def paragraph(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def date_edit(name: str, value: date, field: str = "date", tip: str = "") -> DateField:
    """A required date, typed day first or picked from a calendar."""
    return DateField(name, field, tip, value=value)


def suggestion_box(name: str, values: Iterable[str], tip: str = "") -> SuggestionBox:
    """Free text with earlier answers offered as you type."""
    return SuggestionBox(name, values, tip)
