"""The timeline table: one row per appointment or letter, in the order the core chose.

Problems show as icons for a glance, each a shape of its own (colour is never the only
sign), as tall as a line of text so they grow with the text size, and as words for tooltips
and screen readers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from companion.i18n import clock_time, short_date, translate
from companion.labels import label
from companion.ledger import Saved
from companion.model import Appointment
from companion.problems import EntryProblem, problem_label, problems_of
from ui import theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole

# Four icons for eleven problems: each icon stands for the kinds a person would group; the
# words are in the tooltip and what a screen reader says.
ICON_FOR = {
    EntryProblem.NO_PRIVATE_ROOM: "no-room",
    EntryProblem.ROOM_REFUSED: "no-room",
    EntryProblem.OVERHEARD: "overheard",
    EntryProblem.SAID_WITH_OTHERS_PRESENT: "overheard",
    EntryProblem.ASKED_WITH_OTHERS_PRESENT: "overheard",
    EntryProblem.TOLD_NOBODY_COULD_HEAR: "overheard",
    EntryProblem.PEOPLE_AT_STAFF_END: "noise",
    EntryProblem.ADJUSTMENT_REFUSED: "refused",
    EntryProblem.RECORDING_REFUSED: "refused",
    EntryProblem.LANGUAGE_NOT_USED: "refused",
    EntryProblem.CONDUCT: "refused",
}
ICON_ORDER = ["no-room", "overheard", "noise", "refused"]
ICON_SIZE = 20  # at the usual text size; `set_icon_size` follows the text

# The columns, by name.
DATE, PERSON, WHAT, WHERE, PROBLEMS = range(5)


def strip_width(size: int) -> int:
    """How wide the icons for every kind of problem are, side by side."""
    return size * len(ICON_ORDER) + (size * 3 // 10) * (len(ICON_ORDER) - 1)


def _columns() -> list[str]:
    return [
        translate("Timeline", "Date"),
        translate("Timeline", "Person"),
        translate("Timeline", "What"),
        translate("Timeline", "Where"),
        translate("Timeline", "Problems"),
    ]


class TimelineModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Saved] = []
        self.names: dict[str, str] = {}
        self._icons: dict[tuple[str, ...], QIcon] = {}
        self.icon_size = ICON_SIZE

    def set_icon_size(self, size: int) -> None:
        """Draw the problem icons `size` pixels high (a line of text), from now on."""
        if size != self.icon_size:
            self.icon_size = size
            self.set_rows(self.rows, self.names)

    def set_rows(self, rows: list[Saved], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.names = names
        self._icons.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], {})

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _columns()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        saved = self.rows[index.row()]
        record = saved.record
        column = index.column()
        if role == ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            return self._sort_key(saved, column)
        problems = problems_of(record) if isinstance(record, Appointment) else []
        words = "; ".join(problem_label(p) for p in problems)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(saved, column)
        if column == PROBLEMS and role == Qt.ItemDataRole.DecorationRole and problems:
            return self._icon(problems)
        if column == PROBLEMS and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return words or translate("Timeline", "No problem recorded")
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, where a narrow column cuts it
            return self._text(saved, column) or None
        return None

    def _text(self, saved: Saved, column: int) -> str:
        record = saved.record
        if column == DATE:
            text = short_date(record.date)
            if isinstance(record, Appointment) and record.time:
                text += "  " + clock_time(record.time)
            return text
        if column == PERSON:
            return self.names.get(record.person_id, "")
        if column == WHAT:
            if isinstance(record, Appointment):
                what = label(record.kind) if record.kind else translate("Timeline", "Appointment")
            else:
                what = label(record.kind)
            if saved.damaged:
                what += " " + translate("Timeline", "(partly unreadable)")
            elif saved.corrected:
                what += " " + translate("Timeline", "(corrected)")
            return what
        if column == WHERE:
            if isinstance(record, Appointment):
                parts = [label(record.channel) if record.channel else "", record.location]
            else:
                parts = [record.organisation, record.reference]
            return ", ".join(p for p in parts if p)
        return ""

    def _sort_key(self, saved: Saved, column: int) -> str:
        record = saved.record
        if column == DATE:
            at = record.time.isoformat() if isinstance(record, Appointment) and record.time else ""
            return f"{record.date.isoformat()} {at} {saved.written_at.isoformat()}"
        if column == PROBLEMS:
            count = len(problems_of(record)) if isinstance(record, Appointment) else 0
            return f"{count:02d}"
        return self._text(saved, column).casefold()

    def _icon(self, problems: list[EntryProblem]) -> QIcon:
        names = tuple(n for n in ICON_ORDER if n in {ICON_FOR[p] for p in problems})
        if names not in self._icons:
            icon = QIcon(self._strip(names, "problem", self.icon_size))
            # On a selected row the highlight is behind the icons: draw them in its text colour.
            icon.addPixmap(
                self._strip(names, "highlighted-text", self.icon_size), QIcon.Mode.Selected
            )
            self._icons[names] = icon
        return self._icons[names]

    @staticmethod
    def _strip(names: tuple[str, ...], tint: str, size: int) -> QPixmap:
        scale = 2  # drawn at twice the size, so it stays sharp on high-resolution screens
        pixmap = QPixmap(strip_width(size) * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        step = (size + size * 3 // 10) * scale
        for n, name in enumerate(names):
            icon = theme.icon(name, tint=tint, size=size)
            painter.drawPixmap(n * step, 0, icon.pixmap(size * scale, size * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap
