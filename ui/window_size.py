"""Windows sized in lines and characters of their text, and contents that scroll inside them.

At twice the text size a dialog made for 640 pixels cuts its words off or needs scrolling
sideways; one made for 80 characters grows with the text, up to the size of the screen
(ui/screen_fit.py), and past that its contents scroll up and down inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ui.screen_fit import fit_to_screen


def fit_to_text(window: QWidget, columns: int, lines: int) -> None:
    """Open `window` about `columns` characters wide and `lines` lines of text high, or
    smaller where the screen is smaller."""
    metrics = window.fontMetrics()
    fit_to_screen(window, metrics.averageCharWidth() * columns, metrics.lineSpacing() * lines)


def scrolling(owner: QWidget, layout: QVBoxLayout | None = None) -> QVBoxLayout:
    """A frameless area in `owner` (added to `layout`, or to a new one) whose contents scroll
    up and down when there is not room for them all; returns the layout to fill."""
    outer = layout if layout is not None else QVBoxLayout(owner)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside, not the frame
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget()
    box = QVBoxLayout(inner)
    box.setContentsMargins(0, 0, 0, 0)
    area.setWidget(inner)
    outer.addWidget(area, 1)
    return box
