"""Help > Keyboard shortcuts: every key the app answers to, in one list.

The same list is the keyboard table of docs/using-the-app.md (a test holds the two
together), and every action of the main window with a shortcut is in it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import translate
from ui.widgets import named
from ui.window_size import fit_to_text

# (keys, what they do), in the order they are listed.
KEYS: list[tuple[str, str]] = [
    ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "new appointment")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "new letter or event")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "export: a PDF timeline, spreadsheet, text or log")),
    (
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "letters: a complaint, a request or a chaser, from the record"
        ),
    ),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "lock now")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "settings")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("Shortcuts", "correct the entry chosen in the timeline")),
    (
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "delete the entry chosen in the timeline (asks first; Enter alone keeps it)",
        ),
    ),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "this list of keys (Help > Keyboard shortcuts)")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Enter (in the timeline)"),
        QT_TRANSLATE_NOOP("Shortcuts", "open the chosen entry to correct it"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Menu key (in the timeline)"),
        QT_TRANSLATE_NOOP("Shortcuts", "what can be done with the chosen entry"),
    ),
    (
        "Tab, Shift+Tab",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "move to the next or previous question or part of the window (the timeline's "
            "arrow keys move between entries; Tab leaves it)",
        ),
    ),
    ("Space", QT_TRANSLATE_NOOP("Shortcuts", "tick a box; open a list")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Alt+Down (in a date)"),
        QT_TRANSLATE_NOOP("Shortcuts", "open the calendar; Up and Down step a day"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "typing in a list"),
        QT_TRANSLATE_NOOP("Shortcuts", "jumps to the choice that starts with those letters"),
    ),
    ("Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "save the form")),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "save (in a form, except in a box for several lines), unlock (on the locked screen)",
        ),
    ),
    (
        "Escape",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "close a form or window (a form with typing in it asks first)"
        ),
    ),
]


def rows() -> list[tuple[str, str]]:
    """The list in the language in use."""
    return [(translate("Shortcuts", keys), translate("Shortcuts", does)) for keys, does in KEYS]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        box = QVBoxLayout(self)
        intro = QLabel(self.tr("Everything in the app can be done from the keyboard."))
        intro.setWordWrap(True)
        box.addWidget(intro)
        listed = rows()
        self.table = named(QTableWidget(len(listed), 2), self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the Close button
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, does) in enumerate(listed):
            for column, text in enumerate((keys, does)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        box.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        named(close, self.tr("Close"))
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        fit_to_text(self, 100, 30)  # grows with the text size, never past the screen
        self.table.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        # Once the columns have their new widths, each row takes the lines its words need.
        QTimer.singleShot(0, self.table.resizeRowsToContents)
