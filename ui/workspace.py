"""The main screen: people on the left, the timeline in the middle, the entry on the right.

It asks the core for everything: which entries match the filters, in what
order, the summary counts, each entry's corrections. It holds no records of
its own beyond what is on screen, and `clear` empties every view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.chronology import DueItem, due_for_everyone
from companion.i18n import local, translate_n
from companion.ledger import Saved
from companion.model import Appointment, Person
from companion.presentation.dispute import dispute_of
from companion.query import Selection, TextIndex, select
from companion.summary import sentences, summarise
from companion.vault import Vault
from ui import theme
from ui.dispute_window import DisputeWindow
from ui.entry_view import EntryView
from ui.handover_dialog import offer_hand_over
from ui.people_panel import EVERYONE, PeoplePanel
from ui.timeline_filters import TimelineFilters
from ui.timeline_model import ID_ROLE, PERSON
from ui.timeline_table import fit_text_size, timeline_table
from ui.widgets import named

STRIP_COUNTS = 4  # counts in the summary strip before "N more"
STRIP_COUNTS_BIG_TEXT = 1
# Narrower than this many characters, the entry goes below the timeline instead of beside it.
SIDE_BY_SIDE_CHARACTERS = 130


@dataclass
class ViewState:
    """Where the person was, so unlocking can return them there (ids and filters, no content)."""

    person_id: str = EVERYONE
    search: str = ""
    kind_index: int = 0
    date_from: date | None = None
    date_to: date | None = None
    privacy_only: bool = False
    record_id: str | None = None


class Workspace(QWidget):
    entrySelected = Signal(str)
    editRequested = Signal(str)
    deleteRequested = Signal(str)
    addPersonRequested = Signal()
    editPersonRequested = Signal(str)
    exportPersonRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.vault: Vault | None = None
        self.index: TextIndex | None = None
        self.people: list[Saved[Person]] = []
        self.due_items: list[DueItem] = []
        self._summary_lines: list[str] = []
        outer = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        named(self.summary, self.tr("Summary for the entries shown"))
        outer.addWidget(self.summary)
        # People on the left; beside them the timeline and the chosen entry, side by side in
        # a wide window and one above the other in a narrow one (or at a big text size).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.people_panel = PeoplePanel()
        self.people_panel.chosen.connect(self.refresh)
        self.people_panel.addRequested.connect(self.addPersonRequested)
        self.people_panel.editRequested.connect(self.editPersonRequested)
        self.people_panel.exportRequested.connect(self.exportPersonRequested)
        self.people_panel.disputeRequested.connect(self.show_dispute)
        self.people_panel.handoverRequested.connect(lambda pid: offer_hand_over(self, pid))
        # (its controls, by the names the window has always had)
        self.people_list = self.people_panel.people_list
        self.add_person_button = self.people_panel.add_button
        self.edit_person_button = self.people_panel.edit_button
        self.splitter.addWidget(self.people_panel)
        self.detail = QSplitter(Qt.Orientation.Horizontal)
        self.detail.setChildrenCollapsible(False)
        self.detail.addWidget(self._timeline_panel())
        self.entry = EntryView()
        self.entry.editRequested.connect(self.editRequested)
        self.entry.deleteRequested.connect(self.deleteRequested)
        self.detail.addWidget(self.entry)
        self.detail.setStretchFactor(0, 3)
        self.detail.setStretchFactor(1, 2)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([240, 1200])
        self.detail.setSizes([760, 440])
        outer.addWidget(self.splitter, 1)

    def narrow(self) -> bool:
        """True when the entry is shown below the timeline rather than beside it."""
        return self.detail.orientation() == Qt.Orientation.Vertical

    def _fit_width(self) -> None:
        """Stack the timeline and the entry when the window is too narrow for both side by
        side: measured in characters, so twice the text size stacks them sooner."""
        narrow = self.width() < self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARACTERS
        if narrow == self.narrow():
            return
        self.detail.setOrientation(Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)
        if narrow:  # the timeline keeps most of the height; the entry scrolls below it
            room = self.detail.height()
            below = max(self.entry.minimumSizeHint().height(), room // 3)
            self.detail.setSizes([max(room - below, 1), below])
        else:
            room = self.detail.width()
            self.detail.setSizes([room * 3 // 5, room * 2 // 5])

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt naming)
        """The least height, not the preferred one: in the window's scrolling area the
        records fill the window and scroll only when it is shorter than that. At `width`:
        the summary's words take more lines in a narrower window, and the filters more rows."""
        return max(self.minimumSizeHint().height(), self.layout().minimumHeightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        self._fit_width()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()
            fit_text_size(self.table, self.model, self.fontMetrics())
            self._show_summary()
        super().changeEvent(event)

    # -- building ------------------------------------------------------------------------

    def _timeline_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        self.filters = TimelineFilters()
        self.filters.changed.connect(self.refresh)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        # (the filters, by the names the window has always had)
        self.search, self.kind = self.filters.search, self.filters.kind
        self.date_from, self.date_to = self.filters.date_from, self.filters.date_to
        self.privacy_only, self.clear_button = self.filters.privacy_only, self.filters.clear_button
        box.addWidget(self.filters)
        self.model, self.proxy, self.table = timeline_table(self, self._edit_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda _: self._edit_current())
        self.table.customContextMenuRequested.connect(self._entry_menu)
        box.addWidget(self.table, 1)
        self.count = QLabel()  # how many are shown: after the filters, in their rows
        self.filters.add(self.count)
        return panel

    # -- data ------------------------------------------------------------------------------

    def load(self, vault: Vault) -> None:
        """Show a freshly unlocked vault."""
        self.vault = vault
        self.entry.set_vault(vault)
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        """Read the vault again after a change, keeping the person and filters chosen."""
        if self.vault is None:
            return
        self.people = self.vault.people()
        entries = [*self.vault.appointments(), *self.vault.events()]
        self.index = TextIndex(entries, self.people)
        self.people_panel.fill(self.people, entries)
        self.due_items = due_for_everyone(
            [p.record for p in self.people if not p.damaged],
            [e.record for e in self.vault.events()],
            local(self.vault.now()).date(),  # today, on this computer
        )
        self.people_panel.due.fill(self.due_items)
        self.refresh(select_id)

    def current_person(self) -> str:
        return self.people_panel.current()

    def show_dispute(self, person_id: str) -> None:
        """The dispute so far for one person, in a window of its own."""
        if self.vault is None:
            return
        person = self.vault.get(person_id).record
        today = local(self.vault.now()).date()
        steps = dispute_of(person, [e.record for e in self.vault.events()], today)
        DisputeWindow(person.display_name, steps, self).exec()

    def selection(self) -> Selection:
        kind = self.kind.currentData()
        person = self.current_person()
        date_from, date_to = self.filters.dates()
        return Selection(
            person_ids=frozenset({person}) if person else frozenset(),
            date_from=date_from,
            date_to=date_to,
            kinds=frozenset({kind}) if kind is not None else frozenset(),
            problems_only=self.privacy_only.isChecked(),
            text=self.search.text(),
        )

    def refresh(self, select_id: str | None = None) -> None:
        if self.vault is None:
            return
        keep = select_id or self.current_record_id()
        entries = [*self.vault.appointments(), *self.vault.events()]
        rows = select(entries, self.people, self.selection(), self.index)
        names = {p.record.id: p.record.display_name for p in self.people}
        self.model.set_rows(rows, names)
        # One person chosen: their name on every row says nothing, and takes room.
        self.table.setColumnHidden(PERSON, bool(self.current_person()))
        appointments = [s.record for s in rows if isinstance(s.record, Appointment)]
        lines = sentences(summarise(appointments))
        if not appointments:
            lines = [self.tr("No appointments match.")]
        elif not lines:
            lines = [
                self.tr("No problems recorded at these {n} appointments.").format(
                    n=len(appointments)
                )
            ]
        self._summary_lines = lines
        self._show_summary()
        self.count.setText(translate_n("Workspace", "%n entr(y|ies) shown", len(rows)))
        self.select_record(keep)

    def _show_summary(self) -> None:
        """A glance, not the whole cover: the first few counts (fewer at a big text size, so
        the strip stays short), and all of them on hover and for screen readers (an export's
        cover lists them all, grouped)."""
        lines = self._summary_lines
        if not lines:
            self.summary.clear()
            return
        big = self.font().pointSizeF() > theme.BASE_POINTS * 1.5
        most = STRIP_COUNTS_BIG_TEXT if big else STRIP_COUNTS
        shown = lines[:most]
        if len(lines) > most:
            shown.append(
                self.tr("{n} more counts: hover here, or export to see them all").format(
                    n=len(lines) - most
                )
            )
        self.summary.setText("   ·   ".join(shown))
        self.summary.setToolTip("\n".join(lines))
        self.summary.setAccessibleDescription(" ".join(lines))

    def _set_filters(self, state: ViewState) -> None:
        """Put the filter controls to `state` without refreshing once per control."""
        self.filters.set_values(
            state.search, state.kind_index, state.date_from, state.date_to, state.privacy_only
        )

    def clear_filters(self) -> None:
        self._set_filters(ViewState())
        self.refresh()

    # -- selection -----------------------------------------------------------------------

    def current_record_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, ID_ROLE) if index.isValid() else None

    def select_record(self, record_id: str | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if record_id is not None and self.proxy.data(index, ID_ROLE) == record_id:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                self._show_current()
                return
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))
        self._show_current()

    def _show_current(self) -> None:
        record_id = self.current_record_id()
        if self.vault is None or record_id is None:
            self.entry.show_entry(None)
            return
        saved = self.vault.get(record_id)
        person = next(
            (p.record for p in self.people if p.record.id == saved.record.person_id), None
        )
        self.entry.show_entry(saved, person, self.vault.versions(record_id))
        self.entrySelected.emit(record_id)

    def _edit_current(self) -> None:
        record_id = self.current_record_id()
        if record_id:
            self.editRequested.emit(record_id)

    def _entry_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        record_id = self.current_record_id()
        if record_id is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Correct this entry"), lambda: self.editRequested.emit(record_id))
        menu.addAction(self.tr("Delete"), lambda: self.deleteRequested.emit(record_id))
        attach = menu.addAction(
            self.tr("Attach a file…"), self.entry.attachments.actions.choose_files
        )
        attach.setEnabled(self.entry.attachments.writable())
        menu.setActiveAction(menu.actions()[0])  # Enter at once corrects; Down moves on
        menu.popup(self.table.viewport().mapToGlobal(position))

    def refresh_look(self) -> None:
        """Redraw icons and the shown entry in the theme's current colours."""
        self.people_panel.refresh_look()
        self.entry.refresh_look()
        keep = self.current_record_id()
        self.model.set_rows(self.model.rows, self.model.names)  # drops icons drawn in old colours
        self.select_record(keep)

    # -- locking -------------------------------------------------------------------------------

    def state(self) -> ViewState:
        date_from, date_to = self.filters.dates()
        return ViewState(
            person_id=self.current_person(),
            search=self.search.text(),
            kind_index=self.kind.currentIndex(),
            date_from=date_from,
            date_to=date_to,
            privacy_only=self.privacy_only.isChecked(),
            record_id=self.current_record_id(),
        )

    def restore(self, state: ViewState) -> None:
        self._set_filters(state)
        self.people_panel.choose(state.person_id)
        self.refresh(state.record_id)

    def clear(self) -> None:
        """Empty every view: after this, nothing on screen shows any content."""
        self.vault = None
        self.index = None
        self.people = []
        self.due_items = []
        self.model.clear()
        self.people_panel.clear()
        self.entry.clear()
        self._summary_lines = []
        self.summary.clear()
        self.count.clear()
        self._set_filters(ViewState())
