"""At twice the text size on a small laptop the window still fits, the timeline still shows
entries, and what the keyboard moves to is scrolled into view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication

from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.fit_probe import settle
from ui import theme
from ui.main_window import MainWindow

ROOM = QSize(1264, 672)  # a 1280 by 720 screen, less the window's edges


def test_at_twice_the_text_size_the_timeline_shows_entries_and_the_records_scroll(
    qtbot, qapp, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record.id
    for day in range(1, 13):
        person_vault.save(make_appointment(person, date=date(2026, 1, day)))
    window.workspace.reload()
    window.resize(ROOM)
    theme.apply(qapp, "high-contrast", 200)
    window.refresh_look()
    settle()
    assert window.height() <= ROOM.height()
    table = window.workspace.table
    row = table.verticalHeader().defaultSectionSize()
    shown = table.viewport().height() // row
    assert shown >= 2, f"the timeline shows {shown} whole entries"
    # The entry's buttons lie below the fold; moving the keyboard there brings them into view.
    button = window.workspace.entry.edit_button
    table.setFocus()
    table.selectRow(0)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert QApplication.focusWidget() is button
    area = window.workspace_area.viewport()
    top_left = button.mapTo(area, QPoint(0, 0))
    assert area.rect().contains(top_left) and area.rect().contains(
        top_left + QPoint(button.width() - 1, button.height() - 1)
    ), "the focused button is off screen"
    theme.apply(qapp, "light", 100)
    window.refresh_look()
