"""Fixtures for driving the real windows offscreen, with fast keys and the test's own folders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QWidget

from companion.vault import Vault
from tests.builders import make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, create_vault
from ui import theme, wheel_guard
from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def fusion(qapp: QApplication) -> None:
    theme.use_fusion(qapp)
    wheel_guard.install(qapp)  # as the app does when it starts


@pytest.fixture(autouse=True)
def background_work_finished(qapp: QApplication, qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """No work started on the thread pool (a page count, a key derivation) outlives its test:
    a window torn down under a job still drawing crashed the run now and then. (Set up after
    qtbot, so this waits before qtbot closes the test's windows.)"""
    yield
    QThreadPool.globalInstance().waitForDone(60_000)
    qapp.processEvents()
    # The test's windows were closed and marked for deletion, but a deletion only happens when
    # an event loop is entered afresh: done here, so they do not pile up and make every later
    # change of theme restyle hundreds of windows nobody can see.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def light_theme(qapp: QApplication, fusion: None) -> None:
    theme.apply(qapp, "light", 100)


@pytest.fixture
def person_vault(vault_path: Path, clock: Clock) -> Vault:
    vault = create_vault(vault_path, clock)
    vault.save(make_person(display_name="Alex Example"))
    return vault


def shown_window(qtbot, vault_path: Path, vault: Vault | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on screen: open on `vault`, or locked on the file at `vault_path`."""
    win = MainWindow(vault_path, policy=FAST_KDF, vault=vault)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def unlock_by_typing(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Type the passphrase on the locked screen and press Enter, as a person would."""
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(win.vaultUnlocked, timeout=10_000):
        qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)


@pytest.fixture
def window(qtbot, person_vault: Vault, vault_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = shown_window(qtbot, vault_path, person_vault)
    yield win
    win.close()


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Run `action` on the next modal dialog as soon as it opens (dialogs block with exec)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def visible_texts(root: QWidget, *, hidden: bool = False) -> str:
    """Everything a person could read on screen in this window, joined; with `hidden`, what
    hidden widgets hold too (a page shown again, or a screen reader, would find it)."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    parts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() and not hidden:
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            top = QModelIndex()
            rows = model.rowCount(top)
            # A list model's column count is private in PySide; its one column is column 0.
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            for row in range(rows):
                for column in range(columns):
                    parts.append(str(model.index(row, column).data() or ""))
    return "\n".join(parts)
