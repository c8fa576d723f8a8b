"""The control the keyboard moves to is scrolled into view, in a window whose contents scroll
(a small screen at a big text size): Tab never lands on something out of sight."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class FocusInView(QObject):
    """Kept by `window` (and gone with it): follows the keyboard's focus inside it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        QApplication.instance().focusChanged.connect(self._follow)  # type: ignore[union-attr]

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._window.isAncestorOf(new):
            # Once what was just shown or hidden is laid out (the focus often moves with it).
            QTimer.singleShot(0, self, lambda: self._show(new))

    def _show(self, widget: QWidget) -> None:
        if not shiboken6.isValid(widget) or not widget.hasFocus():
            return
        for area in self._window.findChildren(QScrollArea):
            inner = area.widget()
            if inner is not None and inner.isAncestorOf(widget):
                area.ensureWidgetVisible(widget, 10, 10)
