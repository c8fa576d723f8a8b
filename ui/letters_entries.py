"""The entries a letter can be about, one line each, to tick: the date in words, what kind,
and the problems the record shows (in the words the timeline and the exports use).

One stop for Tab: the arrow keys move between entries and Space ticks or unticks one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from companion.i18n import translate
from companion.ledger import Saved
from companion.model import Appointment, Event
from companion.presentation.entry import heading
from companion.problems import problem_label, problems_of
from ui.naming import named

ID_ROLE = Qt.ItemDataRole.UserRole
LINES_SHOWN = 5  # the list is at least this many lines high, and scrolls past that


def entry_line(saved: Saved) -> str:
    """Like "Tuesday 17 February 2026, 10:30: Work-focused interview. No private room;
    Others could hear", or for a letter "... : Complaint sent. Reference ABC/1"."""
    record = saved.record
    line = heading(record)
    if isinstance(record, Appointment):
        problems = "; ".join(problem_label(p) for p in problems_of(record))
        return translate("LettersDialog", "{line}. {problems}").format(
            line=line,
            problems=problems or translate("LettersDialog", "No problem recorded"),
        )
    if isinstance(record, Event) and record.reference:
        return translate("LettersDialog", "{line}. Reference {reference}").format(
            line=line, reference=record.reference
        )
    return line


class EntryTicks(QListWidget):
    """Entries with a tick box each; `toggled` when the person ticks or unticks one."""

    toggled = Signal()

    def __init__(self) -> None:
        super().__init__()
        named(
            self,
            translate("LettersDialog", "Entries to put in the letter"),
            translate(
                "LettersDialog",
                "Up and Down move between entries; Space ticks or unticks the one chosen",
            ),
        )
        self.setWordWrap(True)  # a long line wraps rather than being cut off
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._filling = False
        self.itemChanged.connect(self._changed)
        self.fit_text()

    def fit_text(self) -> None:
        """At least a few lines high at any text size."""
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * LINES_SHOWN + self.frameWidth() * 2)

    def fill(self, entries: Iterable[Saved]) -> None:
        """Show these entries, none ticked yet (quietly)."""
        self._filling = True
        try:
            self.clear()
            for saved in entries:
                item = QListWidgetItem(entry_line(saved))
                item.setData(ID_ROLE, saved.record.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Unchecked)
                self.addItem(item)
            if self.count():
                self.setCurrentRow(0)
        finally:
            self._filling = False

    def tick(self, ids: Sequence[str]) -> None:
        """Tick exactly these entries (quietly)."""
        wanted = set(ids)
        self._filling = True
        try:
            for item in self._items():
                ticked = item.data(ID_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        finally:
            self._filling = False

    def ticked(self) -> tuple[str, ...]:
        """The ids of the ticked entries, in the order listed."""
        return tuple(
            item.data(ID_ROLE)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def _changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.toggled.emit()
