"""The mouse wheel scrolls the window; it never changes an answer nobody clicked into.

Without this, a person scrolling a form with the wheel changed whichever drop-down, number
or date happened to pass under the pointer ("What kind of appointment", an export's
purpose), and saved answers they never gave. One filter on the whole application: a control
that does not have the focus passes the wheel on to the scrolling area around it, and such
controls take the focus only from a click or Tab, never from the wheel. Once clicked into,
the wheel changes them as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)  # spin boxes include date edits


def guarded(obj: QObject) -> bool:
    """A control whose value the wheel would change (a scroll bar only scrolls)."""
    return isinstance(obj, GUARDED) and not isinstance(obj, QScrollBar)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        kind = event.type()
        if kind == QEvent.Type.Polish and guarded(watched):
            widget: QWidget = watched  # type: ignore[assignment]
            if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and guarded(watched) and not watched.hasFocus():  # type: ignore[attr-defined]
            self._scroll_instead(watched, event)  # type: ignore[arg-type]
            return True
        return False

    @staticmethod
    def _scroll_instead(control: QWidget, event: QEvent) -> None:
        area = control.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()  # nothing scrolls here: the window may use it
            return
        QApplication.sendEvent(area.viewport(), event)
        event.accept()


def install(app: QApplication) -> WheelGuard:
    """Guard every control in `app` (once; calling again keeps the one guard)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
