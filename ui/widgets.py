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
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from companion.dates import is_future, shifted
from companion.errors import InvalidInput
from companion.i18n import long_date, short_date, translate
from companion.interchange.csv_format import DATE_EXPECTED, parse_date
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


class _DateLine(QLineEdit):
    """The typing part of a DateField: Up and Down step a day, Alt+Down opens the calendar,
    and coming to it selects the date so typing replaces it."""

    def _field(self) -> DateField:
        # Found through Qt's parent, not held: a Python reference back to the field made a
        # cycle whose collection crashed PySide 6.11 in the window tests.
        return self.parentWidget()  # type: ignore[return-value]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_Down and alt:
            self._field().open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._field().step(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)
        self._field().passed_up = not event.isAccepted()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        super().keyReleaseEvent(event)
        self._field().passed_up = not event.isAccepted()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectAll()


class DateField(QWidget):
    """A date typed day first in any common form (15/03/2026, 5/3/26, 2026-03-05, "5 March
    2026", 05.03.2026), read back in words beside it ("Thursday 5 March 2026") so a misreading
    shows at once. It is one stop for Tab. An `optional` one may be left empty ("Not
    recorded"); Up from empty starts at the date in `start_from`, such as the appointment's own.
    """

    def __init__(
        self,
        name: str,
        field: str,
        tip: str = "",
        *,
        value: date | None = None,
        optional: bool = False,
        start_from: DateField | None = None,
    ) -> None:
        super().__init__()
        self.field = field
        self._optional = optional
        # The other field itself (a Qt object), not a closure over the form.
        self._start_from = start_from
        self._confirmed_future: date | None = None
        self.passed_up = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = named(_DateLine(self), name, tip or name)
        self.edit.setPlaceholderText(
            not_recorded() if optional else translate("Widgets", "For example 5/3/2026")
        )
        self.edit.setMaxLength(40)
        self.calendar_button = named(
            QToolButton(self),
            translate("Widgets", "{name}: pick from a calendar (Alt+Down)").format(name=name),
        )
        self.calendar_button.setText("\N{HORIZONTAL ELLIPSIS}")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing is one Tab stop
        self.calendar_button.clicked.connect(self.open_calendar)
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setMinimumWidth(self.fontMetrics().horizontalAdvance("Wednesday 30 September"))
        row.addWidget(self.edit, 2)
        row.addWidget(self.calendar_button)
        row.addWidget(self.words, 3)
        self.setFocusProxy(self.edit)
        named(self, name, tip)
        self.edit.textChanged.connect(self._show_in_words)
        self.edit.editingFinished.connect(self._tidy)
        self.set_value(value)
        self._show_in_words()

    # Keys sent to the field itself go to its typing part; keys the typing part leaves
    # (coming back up from it) go on to the form as usual.
    def _forward(self, event: QKeyEvent) -> None:
        if self.passed_up:  # the typing part had it already and left it
            self.passed_up = False
            event.ignore()
            return
        QApplication.sendEvent(self.edit, event)
        event.accept()  # wherever it went from there, it has been delivered

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        self._forward(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        self._forward(event)

    def text(self) -> str:
        """What the field reads: the typed text, or "Not recorded" when an optional one is
        empty."""
        return self.edit.text() or (not_recorded() if self._optional else "")

    def _read(self) -> date | None:
        """The date typed, None when empty; InvalidInput if it cannot be read one way."""
        typed = self.edit.text().strip()
        if not typed:
            return None
        return parse_date(typed, "", self.field)

    def value(self) -> date | None:
        """The date typed (None when an optional one is empty); InvalidInput, naming this
        field, if it is missing or cannot be read."""
        day = self._read()
        if day is None and not self._optional:
            raise InvalidInput("", self.field, "", DATE_EXPECTED)
        return day

    def set_value(self, value: date | None) -> None:
        self.edit.setText("" if value is None else short_date(value))

    def _peek(self) -> date | None:
        try:
            return self._read()
        except InvalidInput:
            return None

    def _show_in_words(self) -> None:
        day = self._peek()
        if day is not None:
            words = long_date(day)
        elif self.edit.text().strip():
            words = translate("Widgets", "Not a date yet: type it day first, like 5/3/2026")
        else:
            words = ""
        self.words.setText(words)
        self.edit.setAccessibleDescription(words)

    def _tidy(self) -> None:
        """On leaving, write a date that was read in the one unambiguous way it is shown."""
        day = self._peek()
        if day is not None:
            self.set_value(day)

    def step(self, days: int) -> None:
        typed = self._peek()
        if typed is None and not self.edit.text().strip() and self._start_from is not None:
            self.set_value(self._start_from._peek())  # the start date is the first step
            return
        moved = shifted(typed, days) if typed is not None else None
        if moved is not None:
            self.set_value(moved)
            self.edit.selectAll()

    def open_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        start = self._peek() or (self._start_from._peek() if self._start_from else None)
        if start is not None:
            calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(picked: QDate) -> None:
            self.set_value(picked.toPython())
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        menu.exec(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        menu.deleteLater()
        self.edit.setFocus()

    def confirm_if_future(self, today: date, what: str) -> bool:
        """Ask once before a date after `today` (the vault clock's day) is saved: True to
        save it, False to go back and change it (the field then has the focus)."""
        day = self._peek()
        if day is None or day == self._confirmed_future or not is_future(day, today):
            return True
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("Widgets", "A date in the future"))
        box.setText(
            translate(
                "Widgets",
                "{what} is {date}, which has not happened yet. Save it with this date?",
            ).format(what=what, date=long_date(day))
        )
        keep = box.addButton(
            translate("Widgets", "Save with this date"), QMessageBox.ButtonRole.AcceptRole
        )
        change = box.addButton(
            translate("Widgets", "Change the date"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(change)
        box.setEscapeButton(change)
        box.exec()
        if box.clickedButton() is keep:
            self._confirmed_future = day
            return True
        self.edit.setFocus()
        return False


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


def date_edit(name: str, value: date, field: str = "date", tip: str = "") -> DateField:
    """A required date, typed day first or picked from a calendar."""
    return DateField(name, field, tip, value=value)


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
