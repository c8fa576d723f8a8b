"""The notice shown before the idle lock: how long is left, and "Stay unlocked".

It does not take the keyboard from whatever was being typed into: any key press
counts as use of the app and takes the notice away, so a keyboard user never
needs to reach the button; a mouse user clicks it, and a screen reader reads
the notice as it appears.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from companion.i18n import translate_n
from ui.widgets import named


class LockWarning(QDialog):
    stayRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(self.tr("Your records will lock soon"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setModal(False)
        row = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("message")
        row.addWidget(self.text, 1)
        self.stay = named(
            QPushButton(self.tr("Stay unlocked")),
            self.tr("Stay unlocked"),
            self.tr("Keep your records open; any key press does the same"),
        )
        self.stay.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.stay.clicked.connect(self.stayRequested)
        row.addWidget(self.stay)
        self._left = 0
        self._home: QWidget | None = None
        self._typing_in: QWidget | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)

    def warn(self, seconds: int, over: QWidget | None = None) -> None:
        """Show the notice, counting down from `seconds`, over `over` (an open form, which
        would otherwise block its button) or the window it belongs to."""
        if over is not None and over is not self.parentWidget():
            self._home = self._home or self.parentWidget()
            self.setParent(over, self.windowFlags())
        self._left = seconds
        self._say()
        self._tick.start()
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:  # centred near the top of the window it belongs to
            top = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top.x() + (parent.width() - self.width()) // 2, top.y() + 40)
        self._typing_in = QApplication.focusWidget()
        self.show()
        self.raise_()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self._typing_in is not None:
            # A desktop that gives a new window the keyboard anyway: hand it straight back.
            typing_in, self._typing_in = self._typing_in, None
            QTimer.singleShot(0, lambda: _give_back(typing_in))
        return super().event(event)

    def take_back(self) -> None:
        self._tick.stop()
        self.hide()
        if self._home is not None:  # back to the window, before the form it was over closes
            self.setParent(self._home, self.windowFlags())
            self._home = None

    def _count_down(self) -> None:
        self._left = max(0, self._left - 1)
        self._say()

    def _say(self) -> None:
        text = translate_n(
            "LockWarning",
            "Your records will lock in %n second(s) because the app has not been used. "
            "Press any key or choose Stay unlocked to keep them open.",
            self._left,
        )
        self.text.setText(text)
        self.setAccessibleName(text)
        self.text.setAccessibleName(text)


def _give_back(widget: QWidget) -> None:
    with contextlib.suppress(RuntimeError):  # the widget may have closed meanwhile
        widget.activateWindow()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
