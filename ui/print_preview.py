"""The print preview, opened readable: as wide as the screen allows, its pages fitted to the
width (not a whole page shrunk to a third of its size), and its toolbar shown in full."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QToolBar, QWidget

from ui.screen_fit import fit_to_screen

# A comfortable preview: an A4 page across at about its printed size, and most of its height.
WIDTH, HEIGHT = 1000, 1000


def preview_dialog(
    parent: QWidget | None,
    title: str,
    setup: Callable[[QPrinter], None],
    paint: Callable[[QPrinter], None],
) -> QPrintPreviewDialog:
    """A print preview (not yet shown) whose pages are drawn by `paint`, on a printer made
    ready by `setup`."""
    dialog = QPrintPreviewDialog(parent)
    setup(dialog.printer())
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(paint)
    fit_preview(dialog)
    return dialog


def fit_preview(dialog: QPrintPreviewDialog) -> None:
    """Pages fitted to the width; the window wide enough for the whole toolbar where the
    screen allows, and never bigger than the screen."""
    pages = dialog.findChild(QPrintPreviewWidget)
    if pages is not None:
        pages.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    toolbar = dialog.findChild(QToolBar)
    margins = dialog.contentsMargins()
    needed = toolbar.sizeHint().width() + margins.left() + margins.right() if toolbar else 0
    fit_to_screen(dialog, max(WIDTH, needed), HEIGHT)
