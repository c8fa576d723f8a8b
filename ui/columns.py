"""A layout of equal columns that takes fewer of them when it is narrow: tick boxes at a
large text size, or in a narrow window, never need more width than the widest one."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class Columns(QLayout):
    """Items in up to `most` equal columns, read along each row; fewer columns when the
    width is short, so it never needs more width than its widest item."""

    def __init__(self, parent: QWidget, most: int) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._most = max(1, most)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt naming)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt naming)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt naming)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt naming)
        return Qt.Orientation(0)

    def _gap(self) -> int:
        return self.spacing() if self.spacing() >= 0 else 6

    def _cell(self) -> QSize:
        hints = [item.sizeHint() for item in self._items] or [QSize(0, 0)]
        return QSize(max(h.width() for h in hints), max(h.height() for h in hints))

    def columns(self, width: int) -> int:
        gap = self._gap()
        return max(1, min(self._most, (width + gap) // (self._cell().width() + gap)))

    def _width(self, columns: int) -> int:
        return columns * self._cell().width() + (columns - 1) * self._gap()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt naming)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt naming)
        rows = -(-len(self._items) // self.columns(width))
        return rows * self._cell().height() + max(rows - 1, 0) * self._gap()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        width = self._width(self._most)
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt naming)
        # The height comes from heightForWidth, once the width is known.
        return QSize(self._width(1), self._cell().height())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt naming)
        super().setGeometry(rect)
        columns, gap, cell = self.columns(rect.width()), self._gap(), self._cell()
        width = max(cell.width(), (rect.width() - (columns - 1) * gap) // columns)
        for n, item in enumerate(self._items):
            row, column = divmod(n, columns)
            x = rect.x() + column * (width + gap)
            y = rect.y() + row * (cell.height() + gap)
            item.setGeometry(QRect(x, y, width, cell.height()))
