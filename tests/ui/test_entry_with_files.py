"""The chosen entry with two or three files attached, on a small laptop's screen at both text
sizes: the entry's own words keep most of the room, the list of files is whole with what can
be done with them beside it, what is said of the chosen file scrolls on its own, and nothing
is cut off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.fit_probe import BUDGET, cut_off, settle, sideways
from ui import theme
from ui.main_window import MainWindow

FILES = {
    "PIP assessment, the assessor's end of the call.mp3": b"ID3" + bytes(range(256)) * 40,
    "Decision letter, page 1 of 3.pdf": b"%PDF-1.4\n" + b"x" * 5000,
    "Photo of the appointment letter.png": bytes.fromhex("89504e470d0a1a0a") + b"y" * 3000,
}


@pytest.fixture
def entry(window: MainWindow, person_vault: Vault, tmp_path: Path) -> Iterator[str]:
    """An appointment with three files attached, each described."""
    person = person_vault.people()[0].record.id
    record = person_vault.save(make_appointment(person, date=date(2026, 2, 17))).record
    for name, content in FILES.items():
        path = tmp_path / name
        path.write_bytes(content)
        person_vault.attach(record.id, path, description="Obtained with a subject access request")
    yield record.id


@pytest.fixture
def at_size(qapp, window: MainWindow, entry: str):  # type: ignore[no-untyped-def]
    """The window at a laptop's 1280 by 720, at a text size, with the entry chosen."""

    def show(percent: int) -> None:
        window.resize(BUDGET)
        theme.apply(qapp, "light", percent)
        window.refresh_look()
        window.workspace.reload(select_id=entry)
        settle()

    yield show
    theme.apply(qapp, "light", 100)
    window.refresh_look()


def shown_in(widget: QWidget, area: QWidget) -> bool:
    """`widget` is wholly within what `area` shows."""
    place = QRect(widget.mapTo(area, QPoint(0, 0)), widget.size())
    return area.rect().contains(place)


@pytest.mark.parametrize("percent", [100, 200])
def test_with_three_files_attached_the_entry_keeps_most_of_the_room(
    window: MainWindow, at_size, percent: int
) -> None:  # type: ignore[no-untyped-def]
    at_size(percent)
    view = window.workspace.entry
    panel = view.attachments
    assert panel.list.count() == 3
    assert cut_off(window) == [] and sideways(window) == []
    # The entry's own words get at least as much height as its files.
    assert view.browser.height() >= panel.height()
    # The files are listed whole, and what can be done with them is shown with them.
    viewport = panel.area.viewport()
    assert shown_in(panel.list, viewport)
    rows = [panel.list.visualItemRect(panel.list.item(n)) for n in range(3)]
    assert all(row.top() >= 0 and row.bottom() < panel.list.viewport().height() for row in rows)
    for button in (panel.attach_button, panel.save_button, panel.delete_button):
        assert button.isVisible() and shown_in(button, panel)
    if percent == 100:  # side by side, the window needs no scrolling
        assert window.workspace_area.verticalScrollBar().maximum() == 0


@pytest.mark.parametrize("percent", [100, 200])
def test_the_keyboard_brings_the_chosen_files_sha256_into_view(
    qtbot, window: MainWindow, at_size, percent: int
) -> None:  # type: ignore[no-untyped-def]
    at_size(percent)
    panel = window.workspace.entry.attachments
    panel.list.setFocus()
    settle()
    panel.sha.setFocus()  # as Tab moves to it from the list
    settle()
    assert shown_in(panel.sha, panel.area.viewport())
    panel.list.setFocus()
    settle()
    assert shown_in(panel.list, panel.area.viewport())
