"""A form layout whose rows are as tall as their answers need at the width they are given.

Qt's QFormLayout keeps one table of row heights, made for the last width it was asked
about, and remembers the height at its preferred width apart. When it is asked about its
preferred width after being laid out at another (a scrolling area asks), the table then
holds the preferred width's rows, yet the next layout at the real width uses it as if it
were made for that width. A grid of tick boxes that takes fewer columns at the real width
is then given the height of fewer rows, and its last row lies hidden under the next
question, where Tab and Space still reach it. Here the table is made afresh for the width
given, every time the form is laid out.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QFormLayout, QWidget


class FormRows(QFormLayout):
    """A QFormLayout that never lays its rows out with heights made for another width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt naming)
        if self.hasHeightForWidth():
            rect = self._made_afresh(rect)
        super().setGeometry(rect)

    def _made_afresh(self, rect: QRect) -> QRect:
        """Leave Qt's remembered table for two other widths, so that laying out at `rect`'s
        width works the rows out again. The preferred width's heights are never worked out
        again once remembered, so a form exactly that wide is laid out a pixel narrower."""
        preferred = self.sizeHint().width()
        if rect.width() == preferred:
            rect = rect.adjusted(0, 0, -1, 0)
        others = [w for w in range(rect.width() + 1, rect.width() + 4) if w != preferred]
        for width in others[:2]:  # one of them at least is not the table's width now
            self.heightForWidth(width)
        return rect
