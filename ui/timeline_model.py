"""The timeline table: one row per appointment or letter, in the order the core chose.

Problems show as small icons for a glance, and as words for tooltips
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
ICON_SIZE = 20
ICON_STRIP_WIDTH = ICON_SIZE * len(ICON_ORDER) + 6 * (len(ICON_ORDER) - 1)


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
        if column == 4 and role == Qt.ItemDataRole.DecorationRole and problems:
            return self._icon(problems)
        if column == 4 and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return words or translate("Timeline", "No problem recorded")
        return None

    def _text(self, saved: Saved, column: int) -> str:
        record = saved.record
        if column == 0:
            text = short_date(record.date)
            if isinstance(record, Appointment) and record.time:
                text += "  " + clock_time(record.time)
            return text
        if column == 1:
            return self.names.get(record.person_id, "")
        if column == 2:
            if isinstance(record, Appointment):
                what = label(record.kind) if record.kind else translate("Timeline", "Appointment")
            else:
                what = label(record.kind)
            if saved.damaged:
                what += " " + translate("Timeline", "(partly unreadable)")
            elif saved.corrected:
                what += " " + translate("Timeline", "(corrected)")
            return what
        if column == 3:
            if isinstance(record, Appointment):
                parts = [label(record.channel) if record.channel else "", record.location]
            else:
                parts = [record.organisation, record.reference]
            return ", ".join(p for p in parts if p)
        return ""

    def _sort_key(self, saved: Saved, column: int) -> str:
        record = saved.record
        if column == 0:
            at = record.time.isoformat() if isinstance(record, Appointment) and record.time else ""
            return f"{record.date.isoformat()} {at} {saved.written_at.isoformat()}"
        if column == 4:
            count = len(problems_of(record)) if isinstance(record, Appointment) else 0
            return f"{count:02d}"
        return self._text(saved, column).casefold()

    def _icon(self, problems: list[EntryProblem]) -> QIcon:
        names = tuple(n for n in ICON_ORDER if n in {ICON_FOR[p] for p in problems})
        if names not in self._icons:
            icon = QIcon(self._strip(names, "problem"))
            # On a selected row the highlight is behind the icons: draw them in its text colour.
            icon.addPixmap(self._strip(names, "highlighted-text"), QIcon.Mode.Selected)
            self._icons[names] = icon
        return self._icons[names]

    @staticmethod
    def _strip(names: tuple[str, ...], tint: str) -> QPixmap:
        scale = 2  # drawn at twice the size, so it stays sharp on high-resolution screens
        pixmap = QPixmap(ICON_STRIP_WIDTH * scale, ICON_SIZE * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        step = (ICON_SIZE + 6) * scale
        for n, name in enumerate(names):
            icon = theme.icon(name, tint=tint, size=ICON_SIZE)
            painter.drawPixmap(n * step, 0, icon.pixmap(ICON_SIZE * scale, ICON_SIZE * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap
