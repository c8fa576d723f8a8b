"""Room for the files attached to the chosen entry (ui/attachment_panel.py), below the entry:
the list of files and what is said of the one chosen take the height they need, up to a share
of the entry's height (with the heading and the buttons, which are always shown). Past that
they scroll within their own area, the list of files always whole, so the entry's own words
keep most of the room with two or three files attached, at any text size. The control the
keyboard moves to is scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

SHARE = 0.4  # the most of the entry's height its files take before they scroll


class FilesArea(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.inner = QWidget()
        self._box = QVBoxLayout(self.inner)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._least: QWidget | None = None
        self._entry_height = 0  # (until the entry is laid out, no limit)
        self._hinted = -1  # the height last asked for
        self._watching = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside
        self.setWidget(self.inner)
        self.inner.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]

    def add(self, widget: QWidget, always_shown: bool = False) -> None:
        """Below what is there; `always_shown` (the list of files) is never scrolled away."""
        self._box.addWidget(widget)
        if always_shown:
            self._least = widget

    def set_room(self, entry_height: int) -> None:
        """The entry is this tall now: its files may take their share of it."""
        self._entry_height = entry_height
        self._refit()

    def _refit(self) -> None:
        if self.isVisible() and self._height() != self._hinted:
            self.updateGeometry()

    def _room(self) -> int:
        """The entry's share for its files, less what is always shown beside this area (the
        heading, the buttons, what was said)."""
        panel = self.parentWidget()
        layout = panel.layout() if panel is not None else None
        if not self._entry_height or layout is None:
            return self.need()
        spacing = max(layout.spacing(), 0)
        items = [layout.itemAt(n) for n in range(layout.count())]
        shown = [i for i in items if i is not None and i.widget() is not self and not i.isEmpty()]
        beside = sum(i.sizeHint().height() + spacing for i in shown)
        return int(self._entry_height * SHARE) - beside

    def need(self) -> int:
        """The height all of it needs, at the width it has."""
        need = self.inner.minimumSizeHint().height()
        width = self.viewport().width()
        if width > 0 and self.inner.hasHeightForWidth():
            need = max(need, self.inner.heightForWidth(width))
        return need

    def least(self) -> int:
        """However short the entry, the list of files is shown whole."""
        if self._least is None or self._least.isHidden():
            return min(self.need(), self.fontMetrics().lineSpacing() * 2)
        return min(self.need(), self._least.minimumHeight() or self._least.sizeHint().height())

    def _height(self) -> int:
        least, room = self.least(), self._room()
        if room < least + self.fontMetrics().lineSpacing():
            room = least  # no sliver of a line below the list
        return min(self.need(), room)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        self._hinted = self._height()
        return QSize(self.minimumSizeHint().width(), self._hinted)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        # As wide as what it holds needs, with a scroll bar beside it: never sideways.
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self.inner.minimumSizeHint().width() + bar, self.least())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LayoutRequest:
            self._refit()  # more files or fewer, more words about the one chosen, or said
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        panel = self.parentWidget()
        if panel is not None and not self._watching:
            self._watching = True
            panel.installEventFilter(self)  # what is beside it changes its room
        self._refit()

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.inner.isAncestorOf(new):
            QTimer.singleShot(0, self, self._show_focus)  # once what it moved to is laid out

    def _show_focus(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or not self.inner.isAncestorOf(focus):
            return
        # The whole control (Qt's own would show only a box's text cursor, not its frame).
        top = focus.mapTo(self.inner, QPoint(0, 0)).y()
        half = focus.height() // 2
        margin = max(0, min(10, (self.viewport().height() - focus.height()) // 2))
        self.ensureVisible(0, top + half, 0, half + margin)
