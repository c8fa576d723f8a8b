"""The main screen: people on the left, the timeline in the middle, the entry on the right.

It asks the core for everything: which entries match the filters, in what
order, the summary counts, each entry's corrections. It holds no records of
its own beyond what is on screen, and `clear` empties every view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QSize, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import translate_n
from companion.labels import label
from companion.ledger import Saved
from companion.model import Appointment, AppointmentKind, EventKind, Person
from companion.query import Selection, TextIndex, select
from companion.summary import sentences, summarise
from companion.vault import Vault
from ui import theme
from ui.entry_view import EntryView
from ui.timeline_model import ICON_SIZE, ICON_STRIP_WIDTH, ID_ROLE, SORT_ROLE, TimelineModel
from ui.widgets import OptionalDate, named

EVERYONE = ""


STRIP_COUNTS = 4  # counts in the summary strip before "N more"


@dataclass
class ViewState:
    """Where the person was, so unlocking can return them there (ids and filters, no content)."""

    person_id: str = EVERYONE
    search: str = ""
    kind_index: int = 0
    date_from: object = None
    date_to: object = None
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
        outer = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        named(self.summary, self.tr("Summary for the entries shown"))
        outer.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._people_panel())
        self.splitter.addWidget(self._timeline_panel())
        self.entry = EntryView()
        self.entry.editRequested.connect(self.editRequested)
        self.entry.deleteRequested.connect(self.deleteRequested)
        self.splitter.addWidget(self.entry)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([240, 760, 440])
        outer.addWidget(self.splitter, 1)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)

    # -- building ------------------------------------------------------------------------

    def _people_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("People"))
        box.addWidget(title)
        self.people_list = named(
            QListWidget(), self.tr("People"), self.tr("Choose whose entries to show")
        )
        self.people_list.setWordWrap(True)  # long names wrap rather than being cut off
        self.people_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people_list.customContextMenuRequested.connect(self._person_menu)
        title.setBuddy(self.people_list)
        self.people_list.currentItemChanged.connect(lambda *_: self.refresh())
        self.people_list.itemDoubleClicked.connect(self._edit_person)
        box.addWidget(self.people_list, 1)
        self.add_person_button = named(
            QPushButton(theme.icon("person-add"), self.tr("Add a person")), self.tr("Add a person")
        )
        self.add_person_button.clicked.connect(self.addPersonRequested)
        self.edit_person_button = named(
            QPushButton(self.tr("Change their details")),
            self.tr("Change the chosen person's details"),
        )
        self.edit_person_button.clicked.connect(
            lambda: self._edit_person(self.people_list.currentItem())
        )
        box.addWidget(self.add_person_button)
        box.addWidget(self.edit_person_button)
        return panel

    def _timeline_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.search = named(
            QLineEdit(), self.tr("Search"), self.tr("Show only entries containing these words")
        )
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.kind = named(QComboBox(), self.tr("Kind"), self.tr("Show only one kind of entry"))
        self.kind.addItem(self.tr("All kinds"), None)
        for member in [*AppointmentKind, *EventKind]:
            self.kind.addItem(label(member), member)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        self.date_from = OptionalDate(
            self.tr("From date"), self.tr("Show entries from this date"), self.tr("From any date")
        )
        self.date_to = OptionalDate(
            self.tr("To date"), self.tr("Show entries up to this date"), self.tr("To any date")
        )
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self.refresh())
        self.privacy_only = named(
            QCheckBox(self.tr("Problems only")),
            self.tr("Show only appointments where a problem is recorded; letters and events stay"),
        )
        self.privacy_only.toggled.connect(lambda _: self.refresh())
        self.clear_button = named(QPushButton(self.tr("Clear filters")), self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        # Two rows, so every filter keeps room to read even at twice the text size.
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 18)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.kind, 2)
        second = QHBoxLayout()
        for widget in (self.date_from, self.date_to, self.privacy_only):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        box.addLayout(filters)
        box.addLayout(second)
        self.model = TimelineModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = named(
            QTableView(), self.tr("Timeline"), self.tr("Appointments and letters in date order")
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setIconSize(QSize(ICON_STRIP_WIDTH, ICON_SIZE))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            [
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            ]
        ):
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda _: self._edit_current())
        # Tab leaves the table for the next control (it does not step from cell to cell),
        # Enter opens the entry to correct it, and the menu key offers what can be done.
        self.table.setTabKeyNavigation(False)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opener = QShortcut(QKeySequence(key), self.table)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(self._edit_current)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._entry_menu)
        box.addWidget(self.table, 1)
        self.count = QLabel()
        box.addWidget(self.count)
        return panel

    # -- data ------------------------------------------------------------------------------

    def load(self, vault: Vault) -> None:
        """Show a freshly unlocked vault."""
        self.vault = vault
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        """Read the vault again after a change, keeping the person and filters chosen."""
        if self.vault is None:
            return
        self.people = self.vault.people()
        entries = [*self.vault.appointments(), *self.vault.events()]
        self.index = TextIndex(entries, self.people)
        self._fill_people(entries)
        self.refresh(select_id)

    def _fill_people(self, entries: list[Saved]) -> None:
        chosen = self.current_person()
        counts: dict[str, int] = {}
        for entry in entries:
            counts[entry.record.person_id] = counts.get(entry.record.person_id, 0) + 1
        self.people_list.blockSignals(True)
        self.people_list.clear()
        everyone = QListWidgetItem(self.tr("Everyone ({n})").format(n=len(entries)))
        everyone.setData(ID_ROLE, EVERYONE)
        self.people_list.addItem(everyone)
        for p in self.people:
            item = QListWidgetItem(f"{p.record.display_name} ({counts.get(p.record.id, 0)})")
            item.setData(ID_ROLE, p.record.id)
            self.people_list.addItem(item)
        self._select_person(chosen)
        self.people_list.blockSignals(False)

    def _select_person(self, person_id: str) -> None:
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(ID_ROLE) == person_id:
                self.people_list.setCurrentRow(row)
                return
        self.people_list.setCurrentRow(0)

    def current_person(self) -> str:
        item = self.people_list.currentItem()
        return item.data(ID_ROLE) if item is not None else EVERYONE

    def selection(self) -> Selection:
        kind = self.kind.currentData()
        person = self.current_person()
        return Selection(
            person_ids=frozenset({person}) if person else frozenset(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
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
        # A glance, not the whole cover: the first few counts, and all of them on hover and for
        # screen readers (an export's cover lists them all, grouped).
        shown = lines[:STRIP_COUNTS]
        if len(lines) > STRIP_COUNTS:
            shown.append(
                self.tr("{n} more counts: hover here, or export to see them all").format(
                    n=len(lines) - STRIP_COUNTS
                )
            )
        self.summary.setText("   ·   ".join(shown))
        self.summary.setToolTip("\n".join(lines))
        self.summary.setAccessibleDescription(" ".join(lines))
        self.count.setText(translate_n("Workspace", "%n entr(y|ies) shown", len(rows)))
        self.select_record(keep)

    def _set_filters(self, state: ViewState) -> None:
        """Put the filter controls to `state` without refreshing once per control."""
        controls = (self.search, self.kind, self.date_from, self.date_to, self.privacy_only)
        for widget in controls:
            widget.blockSignals(True)
        self.search.setText(state.search)
        self.kind.setCurrentIndex(state.kind_index)
        self.date_from.set_value(state.date_from)  # type: ignore[arg-type]
        self.date_to.set_value(state.date_to)  # type: ignore[arg-type]
        self.privacy_only.setChecked(state.privacy_only)
        for widget in controls:
            widget.blockSignals(False)

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
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _person_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        item = self.people_list.itemAt(position)
        if item is None or not item.data(ID_ROLE):
            return
        menu = QMenu(self)
        person_id = item.data(ID_ROLE)
        menu.addAction(
            self.tr("Export this person's record…"),
            lambda: self.exportPersonRequested.emit(person_id),
        )
        menu.addAction(
            self.tr("Change their details…"), lambda: self.editPersonRequested.emit(person_id)
        )
        menu.exec(self.people_list.viewport().mapToGlobal(position))

    def _edit_person(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self.editPersonRequested.emit(item.data(ID_ROLE))

    def refresh_look(self) -> None:
        """Redraw icons and the shown entry in the theme's current colours."""
        self.add_person_button.setIcon(theme.icon("person-add"))
        self.entry.refresh_look()
        keep = self.current_record_id()
        self.model.set_rows(self.model.rows, self.model.names)  # drops icons drawn in old colours
        self.select_record(keep)

    # -- locking -------------------------------------------------------------------------------

    def state(self) -> ViewState:
        return ViewState(
            person_id=self.current_person(),
            search=self.search.text(),
            kind_index=self.kind.currentIndex(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            privacy_only=self.privacy_only.isChecked(),
            record_id=self.current_record_id(),
        )

    def restore(self, state: ViewState) -> None:
        self._set_filters(state)
        self.people_list.blockSignals(True)
        self._select_person(state.person_id)
        self.people_list.blockSignals(False)
        self.refresh(state.record_id)

    def clear(self) -> None:
        """Empty every view: after this, nothing on screen shows any content."""
        self.vault = None
        self.index = None
        self.people = []
        self.model.clear()
        self.people_list.clear()
        self.entry.clear()
        self.summary.clear()
        self.count.clear()
        self._set_filters(ViewState())
