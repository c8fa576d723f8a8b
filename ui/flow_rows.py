"""Controls that sit side by side while there is room, and wrap onto more rows when there is not.

Used for rows of filters: at twice the text size, or in a narrow window, a row of six
controls does not fit, and a control squeezed below its size is cut off. Here each control
keeps at least its own width; the row wraps instead. The order, and so the Tab order,
never changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class FlowRows(QWidget):
    """Lays out its controls left to right, starting a new row where the next would not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[QWidget, int]] = []
        self._rows: list[list[int]] = []
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        """Add a control; one with a `stretch` takes a share of its row's spare room."""
        widget.setParent(self)
        self._items.append((widget, stretch))
        self._arrange(force=True)

    def widgets(self) -> list[QWidget]:
        return [w for w, _ in self._items]

    def rows(self) -> list[list[QWidget]]:
        """The controls on each row, as laid out now."""
        return [[self._items[i][0] for i in row] for row in self._rows]

    @staticmethod
    def _width(widget: QWidget) -> int:
        return max(
            widget.sizeHint().width(), widget.minimumSizeHint().width(), widget.minimumWidth()
        )

    def _plan(self, width: int) -> list[list[int]]:
        gap = self._spacing()
        rows: list[list[int]] = []
        used = 0
        for n, (widget, _stretch) in enumerate(self._items):
            if widget.isHidden():
                continue
            need = self._width(widget)
            if rows and rows[-1] and used + gap + need <= width:
                rows[-1].append(n)
                used += gap + need
            else:
                rows.append([n])
                used = need
        return rows

    def _spacing(self) -> int:
        return max(self._box.spacing(), 6)

    def _arrange(self, force: bool = False) -> None:
        # Until it is on screen its width means nothing: one row, the fewest. Hidden (behind
        # the unlock screen, say), it is laid out again from its real width when shown.
        plan = self._plan(self.contentsRect().width() if self.isVisible() else 1 << 20)
        if plan == self._rows and not force:
            return
        self._rows = plan
        while self._box.count():
            row = self._box.takeAt(0).layout()
            if row is not None:
                while row.count():
                    row.takeAt(0)
                row.deleteLater()
        for indexes in plan:
            row = QHBoxLayout()
            row.setSpacing(self._spacing())
            stretchy = False
            for n in indexes:
                widget, stretch = self._items[n]
                row.addWidget(widget, stretch)
                stretchy = stretchy or stretch > 0
            if not stretchy:
                row.addStretch(1)
            self._box.addLayout(row)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """As narrow as the widest control (the rows wrap below that), as tall as the rows
        laid out now want to be (squeezed lower, a button's text would be clipped)."""
        margins = self.contentsMargins()
        widest = max((self._width(w) for w, _ in self._items if not w.isHidden()), default=0)
        height = self._box.sizeHint().height() if self._rows else 0
        return QSize(widest + margins.left() + margins.right(), height)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(self._box.sizeHint().width(), self.minimumSizeHint().height())

    def font_changed(self) -> None:
        """Called when the text size or style changes, before the rows are laid out again."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        # Shown again (say, on unlocking), possibly at another width than when it was hidden,
        # and with no resize to tell it so.
        super().showEvent(event)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._arrange()

    def event(self, event: QEvent) -> bool:
        # A new text size or style changes every control's width: lay the rows out again.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.font_changed()
            self._arrange(force=True)
        elif event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        return super().event(event)
