"""The shipped font (Atkinson Hyperlegible Next), registered once with Qt.

Designed for low-vision readers; merged from its Latin and Latin Extended
subsets so one face prints Welsh (ŵ, ŷ) and accented names. See
resources/fonts/README.md for how the files were made.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QFontDatabase, QGuiApplication

from companion.resources import resource

FAMILY = "Atkinson Hyperlegible Next"
_loaded = False
_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Fonts and PDF writing need Qt's GUI side; from the command line, start it without a
    screen (the desktop app's own is used when it is running)."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


def ensure_fonts() -> str:
    """Register the shipped faces (once per run); returns the family name."""
    global _loaded
    ensure_gui()
    if not _loaded:
        for path in sorted(resource("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _loaded = True
    return FAMILY
