"""The main window's toolbar: one button per action, each with a picture, its words, its
shortcut in the tooltip, and a place in the Tab order. Where the buttons are wider than the
window (a small screen, or a big text size), they show their words only, so none is hidden."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from ui import theme


class MainTools(QToolBar):
    def __init__(self, title: str, owner: QWidget) -> None:
        super().__init__(title)
        self.owner = owner
        self.setObjectName("main-tools")
        self.setMovable(False)
        # No menu to hide the toolbar: the menu key or a right-click on it offers nothing.
        self.toggleViewAction().setVisible(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._icons: list[tuple[QAction, str]] = []

    def add(self, icon: str, text: str, tip: str, keys: str, slot: Callable[[], Any]) -> QAction:
        act = QAction(theme.icon(icon), text, self.owner)
        self._icons.append((act, icon))
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tip} ({shown})")
        act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        self.addAction(act)
        button = self.widgetForAction(act)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached by Tab, like any button
        return act

    def refresh_look(self) -> None:
        """Pictures in the theme's colours."""
        for act, name in self._icons:
            act.setIcon(theme.icon(name))

    def fit(self, width: int) -> None:
        """Pictures and words where they fit in `width`; words only where they do not."""
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self.sizeHint().width() > width:
            self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
