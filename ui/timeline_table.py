"""The timeline's table as it is laid out: sorted by date, one whole row chosen at a time,
columns that fit their contents or share the room, rows and problem icons sized to the
text, and keys that leave the table (Tab) or open the chosen entry (Enter)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from companion.i18n import translate
from ui.timeline_model import (
    DATE,
    PERSON,
    PROBLEMS,
    SORT_ROLE,
    WHAT,
    WHERE,
    TimelineModel,
    strip_width,
)
from ui.widgets import named


def timeline_table(
    owner: QWidget, open_entry: Callable[[], None]
) -> tuple[TimelineModel, QSortFilterProxyModel, QTableView]:
    """The timeline's model, its sorting proxy (kept by `owner`) and the table showing them;
    `open_entry` is called when Enter is pressed on the table."""
    model = TimelineModel()
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = named(
        QTableView(),
        translate("Workspace", "Timeline"),
        translate("Workspace", "Appointments and letters in date order"),
    )
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    fitted, shared = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
    for column, mode in (
        (DATE, fitted),
        (PERSON, fitted),
        (WHAT, shared),
        (WHERE, shared),
        (PROBLEMS, fitted),
    ):
        header.setSectionResizeMode(column, mode)
    fit_text_size(table, model, owner.fontMetrics())
    # Tab leaves the table for the next control (it does not step from cell to cell),
    # Enter opens the entry to correct it, and the menu key offers what can be done.
    table.setTabKeyNavigation(False)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        opener = QShortcut(QKeySequence(key), table)
        opener.setContext(Qt.ShortcutContext.WidgetShortcut)
        opener.activated.connect(open_entry)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return model, proxy, table


def fit_text_size(table: QTableView, model: TimelineModel, metrics: QFontMetrics) -> None:
    """The problem icons as tall as a line of text, and rows tall enough for them, at any
    text size."""
    line = metrics.height()
    model.set_icon_size(line)
    table.setIconSize(QSize(strip_width(line), line))
    row = line + max(line // 2, 10)
    table.verticalHeader().setDefaultSectionSize(row)
    # However small the window, the timeline shows its headings and at least two entries.
    table.setMinimumHeight(row * 3 + table.frameWidth() * 2)
    # Each shared column keeps room for a few words; past that the table scrolls sideways.
    table.horizontalHeader().setMinimumSectionSize(metrics.averageCharWidth() * 8)
