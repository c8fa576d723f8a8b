"""The people on the left of the main screen: everyone, or one person, with how many entries
each has, and buttons to add someone or change their details."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ledger import Saved
from companion.model import Person
from ui import theme
from ui.due_soon import DueSoonPanel
from ui.timeline_model import ID_ROLE
from ui.widgets import named

EVERYONE = ""


class PeoplePanel(QWidget):
    """Emits `chosen` when another person is chosen, and the requests for a person's menu."""

    chosen = Signal()
    addRequested = Signal()
    editRequested = Signal(str)
    exportRequested = Signal(str)
    disputeRequested = Signal(str)
    handoverRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.due = DueSoonPanel()
        self.due.personChosen.connect(self._due_chosen)
        box.addWidget(self.due)
        title = QLabel(self.tr("People"))
        box.addWidget(title)
        self.people_list = named(
            QListWidget(), self.tr("People"), self.tr("Choose whose entries to show")
        )
        self.people_list.setWordWrap(True)  # long names wrap rather than being cut off
        self.people_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people_list.customContextMenuRequested.connect(self._menu)
        title.setBuddy(self.people_list)
        self.people_list.currentItemChanged.connect(lambda *_: self.chosen.emit())
        self.people_list.itemDoubleClicked.connect(self._edit)
        box.addWidget(self.people_list, 1)
        self.add_button = named(
            QPushButton(theme.icon("person-add"), self.tr("Add a person")), self.tr("Add a person")
        )
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button = named(
            QPushButton(self.tr("Change their details")),
            self.tr("Change the chosen person's details"),
        )
        self.edit_button.clicked.connect(lambda: self._edit(self.people_list.currentItem()))
        self.dispute_button = named(
            QPushButton(self.tr("The dispute so far")),
            self.tr("The dispute so far for the chosen person"),
            self.tr("Each letter and step, the deadline it started, and whether it was met"),
        )
        self.dispute_button.clicked.connect(lambda: self._dispute(self.current()))
        self.people_list.currentItemChanged.connect(self._buttons)
        box.addWidget(self.add_button)
        box.addWidget(self.edit_button)
        box.addWidget(self.dispute_button)
        self._buttons()

    def _buttons(self, *_args: object) -> None:
        self.dispute_button.setEnabled(self.current() != EVERYONE)

    def _dispute(self, person_id: str) -> None:
        if person_id:
            self.disputeRequested.emit(person_id)

    def fill(self, people: list[Saved[Person]], entries: list[Saved]) -> None:
        """Everyone and each person with their count, keeping whoever was chosen (quietly)."""
        chosen = self.current()
        counts: dict[str, int] = {}
        for entry in entries:
            counts[entry.record.person_id] = counts.get(entry.record.person_id, 0) + 1
        self.people_list.blockSignals(True)
        self.people_list.clear()
        everyone = QListWidgetItem(self.tr("Everyone ({n})").format(n=len(entries)))
        everyone.setData(ID_ROLE, EVERYONE)
        self.people_list.addItem(everyone)
        for p in people:
            item = QListWidgetItem(f"{p.record.display_name} ({counts.get(p.record.id, 0)})")
            item.setData(ID_ROLE, p.record.id)
            self.people_list.addItem(item)
        self._select(chosen)
        self.people_list.blockSignals(False)
        self._buttons()

    def choose(self, person_id: str) -> None:
        """Choose a person (or everyone) without emitting `chosen`."""
        self.people_list.blockSignals(True)
        self._select(person_id)
        self.people_list.blockSignals(False)
        self._buttons()

    def _select(self, person_id: str) -> None:
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(ID_ROLE) == person_id:
                self.people_list.setCurrentRow(row)
                return
        self.people_list.setCurrentRow(0)

    def current(self) -> str:
        """The chosen person's id, or EVERYONE."""
        item = self.people_list.currentItem()
        return item.data(ID_ROLE) if item is not None else EVERYONE

    def _menu(self, position: QPoint) -> None:
        item = self.people_list.itemAt(position)
        if item is None or not item.data(ID_ROLE):
            return
        menu = QMenu(self)
        person_id = item.data(ID_ROLE)
        menu.addAction(
            self.tr("Export this person's record…"), lambda: self.exportRequested.emit(person_id)
        )
        menu.addAction(self.tr("Change their details…"), lambda: self.editRequested.emit(person_id))
        menu.addAction(self.tr("The dispute so far…"), lambda: self._dispute(person_id))
        menu.addSeparator()
        menu.addAction(
            self.tr("Hand over this person's records…"),
            lambda: self.handoverRequested.emit(person_id),
        )
        menu.exec(self.people_list.viewport().mapToGlobal(position))

    def _edit(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self.editRequested.emit(item.data(ID_ROLE))

    def refresh_look(self) -> None:
        self.add_button.setIcon(theme.icon("person-add"))
        self.due.refresh_look()

    def _due_chosen(self, person_id: str) -> None:
        """A line of Due soon was chosen: show that person's timeline."""
        self._select(person_id)

    def clear(self) -> None:
        self.due.fill([])
        self.people_list.clear()
