"""The timeline's filters: words to search for, a kind, dates, problems only, and Clear.

They wrap onto more rows in a narrow window or at a big text size, so none is cut off.
Dates are typed day first (or picked from a calendar) and read back in words; each is one
stop for Tab, and an empty one means any date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from companion.errors import InvalidInput
from companion.labels import label
from companion.model import AppointmentKind, EventKind
from ui.flow_rows import FlowRows
from ui.widgets import DateField, named


def typed_date(field: DateField) -> date | None:
    """The date in an optional date field, or None while it is empty or not yet a date (the
    field says so beside it, in words)."""
    try:
        return field.value()
    except InvalidInput:
        return None


def date_filter(name: str, field: str, tip: str, empty: str) -> DateField:
    """An optional date for a filter: empty reads as `empty` ("From any date")."""
    widget = DateField(name, field, tip, optional=True)
    widget.edit.setPlaceholderText(empty)
    # Only as wide as a date and its words need: empty, it takes little room in the row.
    widget.words.setMinimumWidth(0)
    return widget


def fit_popup(combo: QComboBox) -> None:
    """Keep a drop-down narrow on screen, and its opened list wide enough for every choice in
    full; the chosen one is also in its tooltip."""
    view = combo.view()
    widest = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8
    view.setMinimumWidth(widest)


class TimelineFilters(FlowRows):
    """Emits `changed` once the person stops typing, or at once for a choice or a tick."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typing = QTimer(self, singleShot=True, interval=150)
        self._typing.timeout.connect(self.changed)
        self.search = named(
            QLineEdit(), self.tr("Search"), self.tr("Show only entries containing these words")
        )
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._typing.start())
        self.kind = named(QComboBox(), self.tr("Kind"), self.tr("Show only one kind of entry"))
        self.kind.addItem(self.tr("All kinds"), None)
        for member in [*AppointmentKind, *EventKind]:
            self.kind.addItem(label(member), member)
        # Long kinds ("Medical examination for DLA, ...") would make the row too wide to fit.
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(16)
        self.kind.currentIndexChanged.connect(self._kind_tip)
        self.kind.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.date_from = date_filter(
            self.tr("From date"),
            "date_from",
            self.tr("Show entries from this date; leave it empty for any date"),
            self.tr("From any date"),
        )
        self.date_to = date_filter(
            self.tr("To date"),
            "date_to",
            self.tr("Show entries up to this date; leave it empty for any date"),
            self.tr("To any date"),
        )
        for field in (self.date_from, self.date_to):
            field.edit.textChanged.connect(lambda _: self._typing.start())
            field.edit.editingFinished.connect(self._settled)
        self.privacy_only = named(
            QCheckBox(self.tr("Problems only")),
            self.tr("Show only appointments where a problem is recorded; letters and events stay"),
        )
        self.privacy_only.toggled.connect(lambda _: self.changed.emit())
        self.clear_button = named(QPushButton(self.tr("Clear filters")), self.tr("Clear filters"))
        self._sizes()
        for widget, stretch in (
            (self.search, 3),
            (self.kind, 2),
            (self.date_from, 0),
            (self.date_to, 0),
            (self.privacy_only, 0),
            (self.clear_button, 0),
        ):
            self.add(widget, stretch)
        self._kind_tip()

    def _kind_tip(self) -> None:
        self.kind.setToolTip(
            self.tr("Show only one kind of entry: {kind}").format(kind=self.kind.currentText())
        )

    def _settled(self) -> None:
        """Leaving a date field filters at once (no need to wait)."""
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()

    def dates(self) -> tuple[date | None, date | None]:
        return typed_date(self.date_from), typed_date(self.date_to)

    def set_values(
        self,
        search: str,
        kind_index: int,
        date_from: date | None,
        date_to: date | None,
        privacy_only: bool,
    ) -> None:
        """Put every filter back at once, without a `changed` for each."""
        self.blockSignals(True)
        self.search.setText(search)
        self.kind.setCurrentIndex(kind_index)
        self.date_from.set_value(date_from)  # (their words beside them follow)
        self.date_to.set_value(date_to)
        self.privacy_only.setChecked(privacy_only)
        self._typing.stop()
        self.blockSignals(False)

    def _sizes(self) -> None:
        """Widths that follow the text size, in characters."""
        metrics = self.fontMetrics()
        character = metrics.averageCharWidth()
        self.search.setMinimumWidth(character * 18)
        for field in (self.date_from, self.date_to):
            # Room for "From any date" or "30/09/2026" in full, and not much more: the date in
            # words beside it takes the rest.
            typed = max(
                metrics.horizontalAdvance(t) for t in (field.edit.placeholderText(), "30/09/2026")
            )
            field.edit.setMinimumWidth(typed + character * 3)
            field.edit.setMaximumWidth(typed + character * 6)
        fit_popup(self.kind)

    def font_changed(self) -> None:
        self._sizes()
