"""The shipped font (Atkinson Hyperlegible Next), registered once with Qt.

Designed for low-vision readers; merged from its Latin and Latin Extended
subsets so one face prints Welsh (ŵ, ŷ) and accented names. See
resources/fonts/README.md for how the files were made.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from companion.resources import resource

FAMILY = "Atkinson Hyperlegible Next"
_loaded = False


def ensure_fonts() -> str:
    """Register the shipped faces (once per run); returns the family name."""
    global _loaded
    if not _loaded:
        for path in sorted(resource("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _loaded = True
    return FAMILY
