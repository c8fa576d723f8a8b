"""The notice shown before the idle lock: how long is left, and "Stay unlocked".

It does not take the keyboard from whatever was being typed into: any key press
counts as use of the app and takes the notice away, so a keyboard user never
needs to reach the button; a mouse user clicks it, and a screen reader reads
the notice as it appears.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

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
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)

    def warn(self, seconds: int) -> None:
        """Show the notice, counting down from `seconds`."""
        self._left = seconds
        self._say()
        self._tick.start()
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:  # centred near the top of the window it belongs to
            top = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top.x() + (parent.width() - self.width()) // 2, top.y() + 40)
        self.show()
        self.raise_()

    def take_back(self) -> None:
        self._tick.stop()
        self.hide()

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
