"""By Tab alone: every control of the main window and of the appointment form is reached,
and Tab comes back to where it started, so nothing traps the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from companion import demo
from companion.vault import Vault
from tests.conftest import FAST_KDF, Clock, create_vault
from tests.ui.conftest import shown_window, when_modal
from ui.main_window import MainWindow


def target(widget: QWidget) -> QWidget:
    """Where focus really goes when `widget` is given it (following focus proxies)."""
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def tab_stops(top: QWidget) -> set[QWidget]:
    """Every control the keyboard should reach: shown, enabled, taking focus by Tab."""
    found = set()
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or not widget.isEnabled():
            continue
        if widget.focusProxy() is None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.add(widget)
    return found


def name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"


def tab_round(qtbot, start: QWidget, limit: int = 500) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab from `start` until the focus comes back to it; fail if it never does."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target(start))
    visited = [target(start)]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"the focus was lost after {name(visited[-1])}"
        if now is visited[0]:
            return visited
        visited.append(now)
    last = ", ".join(name(w) for w in visited[-8:])
    pytest.fail(f"Tab never came back to the start: a trap (last stops: {last})")


@pytest.fixture
def sample(vault_path: Path, clock: Clock) -> Vault:
    vault = create_vault(vault_path, clock)
    demo.fill(vault)
    return vault


def test_tab_reaches_every_control_of_the_main_window_and_comes_back(
    qtbot, sample: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(vault_path, policy=FAST_KDF, vault=sample)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    visited = tab_round(qtbot, window.workspace.table)
    missed = tab_stops(window) - set(visited)
    assert not missed, "not reached by Tab: " + ", ".join(sorted(map(name, missed)))
    toolbar = {w for w in visited if isinstance(w, QToolButton) and w.parent() is window.toolbar}
    assert {w.accessibleName() for w in toolbar} >= {"New appointment", "Export", "Lock"}
    window.close()


def walk_each_window(qtbot, window: MainWindow, open_it, *, also=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Open a window, then Tab round it from where the keyboard starts (and again after
    `also(window)`); returns the controls Tab never reached."""
    missed: list[str] = []

    def walk(dialog: QWidget) -> None:
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=5_000)
        for step in (None, also):
            if step is not None:
                step(dialog)
            visited = set(tab_round(qtbot, QApplication.focusWidget()))
            missed.extend(name(w) for w in tab_stops(dialog) - visited)
        if hasattr(dialog, "close_without_asking"):
            dialog.close_without_asking()
        else:
            dialog.reject()

    when_modal(walk)
    open_it()
    return sorted(set(missed))


@pytest.fixture
def shown(qtbot, sample: Vault, vault_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, vault_path, sample)
    yield window
    window.close()


def test_tab_reaches_every_question_of_the_appointment_form_and_comes_back(
    qtbot, shown: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    def more_details(form: QWidget) -> None:
        assert not form.fields["conduct"].isVisible()  # folded away at first
        form.more.click()  # "Show more details": every question of the form
        assert form.fields["conduct"].isVisible()
        form.more.setFocus()

    missed = walk_each_window(qtbot, shown, shown.new_appointment_action.trigger, also=more_details)
    assert not missed, "not reached by Tab: " + ", ".join(missed)


@pytest.mark.parametrize("opener", ["settings_action", "export_action", "shortcuts_action"])
def test_each_window_opens_with_the_keyboard_inside_it_and_no_trap(
    qtbot, shown: MainWindow, opener: str
) -> None:  # type: ignore[no-untyped-def]
    missed = walk_each_window(qtbot, shown, getattr(shown, opener).trigger)
    assert not missed, "not reached by Tab: " + ", ".join(missed)


@pytest.mark.parametrize("percent", [100, 200])
def test_the_keyboard_shortcuts_window_shows_every_line_whole(qtbot, qapp, percent: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect

    from tests.ui.fit_probe import settle
    from ui import theme
    from ui.shortcuts import ShortcutsDialog

    theme.apply(qapp, "light", percent)
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    table = dialog.table
    metrics = table.fontMetrics()
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    for width in (dialog.width(), dialog.width() * 2 // 3):  # as opened, and made narrower
        dialog.resize(width, dialog.height())
        settle()
        for row in range(table.rowCount()):
            for column in range(2):
                room = table.columnWidth(column) - 6  # less the cell's own margins
                text = table.item(row, column).text()
                needed = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, text).height()
                assert table.rowHeight(row) >= needed, f"{text!r} is cut at {percent}%"
    theme.apply(qapp, "light", 100)


def test_no_menu_can_hide_the_toolbar(qtbot, sample: Vault, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The menu key or a right-click on the toolbar offers nothing that would hide it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    window = MainWindow(vault_path, policy=FAST_KDF, vault=sample)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), window.toolbar.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(window.toolbar, event)
    qtbot.wait(50)
    menus = [m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible()]
    for menu in menus:
        menu.close()
    assert menus == [] and window.toolbar.isVisible()
    window.close()
