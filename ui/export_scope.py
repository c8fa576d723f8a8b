"""Which entries an export holds: the people, the dates, and the timeline's other filters.

The Export dialog starts from what the timeline shows, says so in one line, and lets the
person widen it: tick more people, change the dates, untick a filter, or include everything.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from companion.i18n import long_date
from companion.labels import label
from companion.model import Person
from companion.query import Selection
from ui.timeline_filters import date_filter, typed_date
from ui.widgets import buddy_label, named


class ExportScope(QWidget):
    """Emits `changed` whenever the chosen entries change."""

    changed = Signal()

    def __init__(self, people: list[Person], start: Selection, from_timeline: bool = False) -> None:
        super().__init__()
        self._start = start
        self._people = {p.id: p for p in people}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.started_from = QLabel(self.starting_text(start) if from_timeline else "")
        self.started_from.setWordWrap(True)
        self.started_from.setVisible(bool(self.started_from.text()))
        form.addRow(self.started_from)
        self.people: dict[str, QCheckBox] = {}
        for p in people:
            tick = named(
                QCheckBox(p.display_name), self.tr("Include {name}").format(name=p.display_name)
            )
            tick.setChecked(not start.person_ids or p.id in start.person_ids)
            tick.toggled.connect(self.changed)
            self.people[p.id] = tick
            form.addRow(tick)
        # Typed day first (or picked), read back in words; empty means from the start or to
        # the end. One above the other, so each has room for its date in words.
        self.date_from = date_filter(
            self.tr("From date"),
            "date_from",
            self.tr("The first day to include; leave it empty to start from the first entry"),
            self.tr("From any date"),
        )
        self.date_to = date_filter(
            self.tr("To date"),
            "date_to",
            self.tr("The last day to include; leave it empty to go to the last entry"),
            self.tr("To any date"),
        )
        self.date_from.set_value(start.date_from)
        self.date_to.set_value(start.date_to)
        for field, text in ((self.date_from, self.tr("From")), (self.date_to, self.tr("To"))):
            field.edit.textChanged.connect(self.changed)
            form.addRow(buddy_label(text, field.edit), field)
        self._filters(form, start)

    def _filters(self, form: QFormLayout, start: Selection) -> None:
        """A tick for each of the timeline's other filters (kind, problems, words), shown only
        when it was on, and a button to include everything."""
        kinds = ", ".join(label(kind) for kind in sorted(start.kinds, key=label))
        self.only_kinds = named(
            QCheckBox(self.tr("Only: {kinds}").format(kinds=kinds)),
            self.tr("Only these kinds of entry: {kinds}").format(kinds=kinds),
        )
        self.only_problems = named(
            QCheckBox(self.tr("Only appointments where a problem is recorded")),
            self.tr("Only appointments where a problem is recorded"),
            self.tr("Letters and events stay in"),
        )
        words = start.text.strip()
        self.only_words = named(
            QCheckBox(self.tr("Only entries containing “{words}”").format(words=words)),
            self.tr("Only entries containing “{words}”").format(words=words),
        )
        for tick, on in (
            (self.only_kinds, bool(start.kinds)),
            (self.only_problems, start.problems_only),
            (self.only_words, bool(words)),
        ):
            tick.setChecked(on)
            tick.setVisible(on)
            tick.toggled.connect(self.changed)
            form.addRow(tick)
        self.everything_button = named(
            QPushButton(self.tr("Include everything")),
            self.tr("Include everything"),
            self.tr("Everyone, all dates, every kind of entry"),
        )
        self.everything_button.clicked.connect(self.include_everything)
        self.everything_button.setVisible(bool(self.started_from.text()))
        row = QHBoxLayout()
        row.addWidget(self.everything_button)
        row.addStretch(1)
        form.addRow(row)

    def starting_text(self, start: Selection) -> str:
        """ "Starting from what the timeline shows: ...", or "" when it shows everything."""
        parts = [self._people[pid].display_name for pid in start.person_ids if pid in self._people]
        if start.date_from and start.date_to:
            parts.append(
                self.tr("{first} to {last}").format(
                    first=long_date(start.date_from), last=long_date(start.date_to)
                )
            )
        elif start.date_from:
            parts.append(self.tr("from {day}").format(day=long_date(start.date_from)))
        elif start.date_to:
            parts.append(self.tr("up to {day}").format(day=long_date(start.date_to)))
        parts += [label(kind) for kind in sorted(start.kinds, key=label)]
        if start.problems_only:
            parts.append(self.tr("problems only"))
        if start.text.strip():
            parts.append(self.tr("containing “{words}”").format(words=start.text.strip()))
        if not parts:
            return ""
        return self.tr(
            "Starting from what the timeline shows: {what}. Change or untick these to include more."
        ).format(what="; ".join(parts))

    def chosen_people(self) -> list[Person]:
        return [self._people[pid] for pid, tick in self.people.items() if tick.isChecked()]

    def selection(self) -> Selection:
        """The chosen people and dates, and whichever of the timeline's other filters are
        still ticked."""
        start = self._start
        return Selection(
            person_ids=frozenset(pid for pid, tick in self.people.items() if tick.isChecked()),
            date_from=typed_date(self.date_from),
            date_to=typed_date(self.date_to),
            kinds=start.kinds if self.only_kinds.isChecked() else frozenset(),
            problems_only=self.only_problems.isChecked(),
            text=start.text.strip() if self.only_words.isChecked() else "",
        )

    def dates_readable(self) -> bool:
        """False while a date is typed that cannot be read yet (its words beside it say so)."""
        return all(
            typed_date(field) is not None or not field.edit.text().strip()
            for field in (self.date_from, self.date_to)
        )

    def include_everything(self) -> None:
        """Widen to every person, every date and every entry, in one go."""
        filters = (self.only_kinds, self.only_problems, self.only_words)
        for tick in [*self.people.values(), *filters]:
            tick.blockSignals(True)
            tick.setChecked(tick not in filters)
            tick.blockSignals(False)
        self.blockSignals(True)
        for field in (self.date_from, self.date_to):
            field.set_value(None)
        self.blockSignals(False)
        self.changed.emit()
