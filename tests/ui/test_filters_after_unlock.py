"""The timeline's filters after locking and unlocking: laid out again for the window they
come back to, none cut off and none on top of another, at either text size, and also when
the window was made narrower or wider while it was locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from companion.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.fit_probe import cut_off, settle
from tests.ui.test_timeline_narrow import with_entries
from ui import theme
from ui.main_window import MainWindow


def place(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def overlaps(window: MainWindow) -> list[str]:
    """Pairs of filter controls that lie partly on top of each other."""
    shown = [w for w in window.workspace.filters.widgets() if w.isVisible()]
    found = []
    for n, first in enumerate(shown):
        for second in shown[n + 1 :]:
            if place(first, window).intersects(place(second, window)):
                found.append(f"{first.accessibleName()!r} and {second.accessibleName()!r}")
    return found


def lock_and_unlock(qtbot, window: MainWindow, while_locked=lambda: None) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.vaultLocked):
        window.lock()
    settle()
    while_locked()
    settle()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    settle()


def fits(window: MainWindow) -> None:
    filters = window.workspace.filters
    assert window.stack.currentWidget() is window.workspace_area
    assert cut_off(window) == []
    assert overlaps(window) == []
    for widget in filters.widgets():  # each within the filters' own width
        assert place(widget, filters).right() <= filters.contentsRect().right(), (
            widget.accessibleName()
        )
    assert [w for row in filters.rows() for w in row] == filters.widgets()


@pytest.mark.parametrize("percent", [100, 200])
def test_the_filters_fit_after_locking_and_unlocking(
    qtbot, window: MainWindow, person_vault: Vault, qapp, percent: int
) -> None:  # type: ignore[no-untyped-def]
    with_entries(person_vault, 5, 20)
    theme.apply(qapp, "light", percent)
    window.refresh_look()
    window.resize(1280, 700)
    window.workspace.reload()
    settle()
    fits(window)
    before = len(window.workspace.filters.rows())

    lock_and_unlock(qtbot, window)
    fits(window)
    assert len(window.workspace.filters.rows()) == before  # the same rows as before locking

    lock_and_unlock(qtbot, window)  # and again
    fits(window)


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize(("start", "locked"), [(1280, 800), (800, 1280)])
def test_the_filters_fit_a_window_resized_while_locked(
    qtbot, window: MainWindow, person_vault: Vault, qapp, percent: int, start: int, locked: int
) -> None:  # type: ignore[no-untyped-def]
    with_entries(person_vault, 5, 20)
    theme.apply(qapp, "light", percent)
    window.refresh_look()
    window.resize(start, 700)
    window.workspace.reload()
    settle()
    fits(window)

    lock_and_unlock(qtbot, window, lambda: window.resize(locked, 700))
    assert window.width() == locked
    fits(window)
