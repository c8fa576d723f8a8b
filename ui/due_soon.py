"""Due soon: what is overdue, or due within 30 days, for everyone in the records.

Overdue is said in words and marked with a clock icon, never by colour alone. Choosing a
line shows that person's timeline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from companion.chronology import DueItem
from ui import theme
from ui.timeline_model import ID_ROLE
from ui.widgets import named

OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 7


class DueSoonPanel(QWidget):
    personChosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Due soon"))
        box.addWidget(self.title)
        self.nothing = QLabel(self.tr("Nothing is due in the next 30 days."))
        self.nothing.setWordWrap(True)
        box.addWidget(self.nothing)
        self.list = named(
            QListWidget(),
            self.tr("Due soon"),
            self.tr("Deadlines overdue or due within 30 days; see docs/deadlines.md"),
        )
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.list.itemActivated.connect(self._chosen)
        self.title.setBuddy(self.list)
        box.addWidget(self.list)
        self.fill([])

    def fill(self, items: list[DueItem]) -> None:
        self.list.clear()
        for due in items:
            item = QListWidgetItem(due.text())
            item.setData(ID_ROLE, due.person.id)
            item.setToolTip(
                self.tr(
                    "Must be received by then. Source: {source}. Check the current rules."
                ).format(source=due.step.deadline.rule.source)  # type: ignore[union-attr]
            )
            item.setData(OVERDUE_ROLE, due.overdue)
            if due.overdue:
                item.setIcon(theme.icon("overdue", "problem"))
            self.list.addItem(item)
        self.list.setVisible(bool(items))
        self.nothing.setVisible(not items)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.personChosen.emit(item.data(ID_ROLE))

    def refresh_look(self) -> None:
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(OVERDUE_ROLE):
                item.setIcon(theme.icon("overdue", "problem"))
