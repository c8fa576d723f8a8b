"""Windows that never open bigger than the screen they are on.

A laptop at 1366 by 768 pixels, with a panel at the bottom, leaves about 720
pixels for a window; a window taller than that hides its Save button below the
edge. Every window opens at a comfortable size, made smaller where the screen
is smaller, and its contents scroll inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# The window's own edges and title bar are drawn around its size by the desktop.
FRAME = 16
TITLE_BAR = 48


def available(window: QWidget) -> QRect:
    """The part of the window's screen that windows may use (without panels and docks)."""
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def room(window: QWidget) -> QSize:
    """The largest size the window can have and still fit, frame and title bar included."""
    area = available(window)
    return QSize(max(area.width() - FRAME, 320), max(area.height() - TITLE_BAR, 240))


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width` by `height`, or smaller where the screen is smaller."""
    most = room(window)
    window.resize(min(width, most.width()), min(height, most.height()))


def clamp_to_screen(window: QWidget) -> None:
    """Shrink a window that has grown (or was restored) bigger than its screen, and move it
    back onto the screen if it lies partly off it."""
    most = room(window)
    size = window.size()
    if size.width() > most.width() or size.height() > most.height():
        window.resize(min(size.width(), most.width()), min(size.height(), most.height()))
    area = available(window)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), max(area.right() - frame.width() + 1, area.x()))
    y = min(max(frame.y(), area.y()), max(area.bottom() - frame.height() + 1, area.y()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
