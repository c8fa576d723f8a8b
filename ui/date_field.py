"""A date typed as people write it, day first, and read back in words beside it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from companion.dates import is_future, shifted
from companion.errors import InvalidInput
from companion.i18n import long_date, short_date, translate
from companion.interchange.csv_format import DATE_EXPECTED, parse_date
from ui.inputs import text_of
from ui.naming import named, not_recorded


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
    A draft keeps it as an ISO date once it can be read, and as typed until then.
    """

    changed = Signal()

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
        # Room for a whole date, or "Not recorded", at any text size.
        metrics = self.edit.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in ("30 Sep 2026", not_recorded()))
        self.edit.setMinimumWidth(widest + 2 * metrics.averageCharWidth() + 8)
        row.addWidget(self.edit, 2)
        row.addWidget(self.calendar_button)
        row.addWidget(self.words, 3)
        self.setFocusProxy(self.edit)
        named(self, name, tip)
        self.edit.textChanged.connect(self._show_in_words)
        self.edit.textChanged.connect(self.changed)
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

    def draft(self) -> str | None:
        """The date as an ISO string, or the text as typed while it cannot be read."""
        typed = self.edit.text().strip()
        day = self._peek()
        return day.isoformat() if day is not None else (typed or None)

    def restore(self, data: Any) -> None:
        if data is None:
            self.set_value(None)
            return
        typed = text_of(data)
        try:
            self.set_value(date.fromisoformat(typed))
        except ValueError:
            self.edit.setText(typed)

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
