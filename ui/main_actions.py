"""The main window's commands: the toolbar's buttons and their shortcuts, the shortcuts that
act on the entry chosen in the timeline, and the Help menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from companion.i18n import translate
from ui.main_tools import MainTools

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _tr(text: str) -> str:
    return translate("MainWindow", text)


def add_actions(window: MainWindow) -> list[QAction]:
    """Give the window its commands; returns those that work only while the records are open."""
    bar = window.toolbar = MainTools(_tr("Main tools"), window)
    window.addToolBar(bar)
    action = bar.add

    window.new_appointment_action = action(
        "new-appointment",
        _tr("New appointment"),
        _tr("Write down an appointment"),
        "Ctrl+N",
        window.new_appointment,
    )
    window.new_event_action = action(
        "new-event",
        _tr("New letter or event"),
        _tr("Write down a letter, complaint or reply"),
        "Ctrl+E",
        window.new_event,
    )
    window.export_action = action(
        "export",
        _tr("Export"),
        _tr("Make a PDF or other file to share or print"),
        "Ctrl+P",
        lambda: window.export(),
    )
    window.letters_action = action(
        "letters",
        _tr("Letters"),
        _tr("Write a letter from the record: a complaint, a request, a chaser"),
        "Ctrl+Shift+L",
        window.letters,
    )
    window.settings_action = action(
        "settings",
        _tr("Settings"),
        _tr("Locking, look, passphrase"),
        "Ctrl+,",
        window.open_settings,
    )
    window.lock_action = action(
        "lock", _tr("Lock"), _tr("Lock your records now"), "Ctrl+L", window.lock
    )
    # Acting on the entry chosen in the timeline, from anywhere in the window.
    window.correct_action = QAction(_tr("Correct this entry"), window)
    window.correct_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    window.correct_action.triggered.connect(lambda: window.entries.correct_current())
    window.delete_action = QAction(_tr("Delete this entry"), window)
    window.delete_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
    window.delete_action.triggered.connect(lambda: window.entries.delete_current())
    window.addActions([window.correct_action, window.delete_action])
    help_menu = window.menuBar().addMenu(_tr("&Help"))
    window.shortcuts_action = help_menu.addAction(_tr("&Keyboard shortcuts"))
    window.shortcuts_action.setShortcut(QKeySequence("F1"))
    window.shortcuts_action.triggered.connect(window.show_shortcuts)
    return [
        window.new_appointment_action,
        window.new_event_action,
        window.settings_action,
        window.lock_action,
        window.correct_action,
        window.delete_action,
    ]
