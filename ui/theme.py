"""Look and feel: the shipped font, text size, and the light, dark and high-contrast themes.

Each theme is one style sheet in resources/styles/; its first comment lists
the palette, which also colours the parts Qt draws itself.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from companion.export.fonts import ensure_fonts
from companion.resources import resource

BASE_POINTS = 11.0
_PALETTE = re.compile(r"/\* palette\n(.*?)\*/", re.S)
_current: dict[str, str] = {}


def palette_colours(theme: str) -> dict[str, str]:
    """The named colours a theme's style sheet declares."""
    text = resource("styles", f"{theme}.qss").read_text(encoding="utf-8")
    block = _PALETTE.search(text)
    pairs = (line.split(":", 1) for line in block.group(1).splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def _palette(colours: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in [
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "text"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlighted-text"),
        (role.ToolTipBase, "base"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "placeholder"),
        (role.Link, "link"),
        (role.BrightText, "problem"),
    ]:
        p.setColor(r, QColor(colours[key]))
    disabled = QColor(colours["disabled"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, disabled)  # greyed, so a ticked box looks off
    return p


def use_fusion(app: QApplication) -> None:
    """Qt's Fusion style, set once at start-up.

    Not inside `apply`: asking the application for its style once a style sheet is set
    hands Python Qt's internal style-sheet style, which then gets freed while Qt still
    uses it (a crash on the next theme change).
    """
    app.setStyle("Fusion")


def apply(app: QApplication, theme: str, text_percent: int) -> None:
    """Use the shipped font at the chosen size, and the chosen theme, everywhere."""
    font = QFont(ensure_fonts())
    font.setPointSizeF(BASE_POINTS * text_percent / 100)
    app.setFont(font)
    colours = palette_colours(theme)
    _current.clear()
    _current.update(colours)
    app.setPalette(_palette(colours))
    app.setStyleSheet(style_sheet(theme))


def style_sheet(theme: str) -> str:
    """A theme's style sheet, its pictures (the tick in a tick box) found wherever the app is."""
    text = resource("styles", f"{theme}.qss").read_text(encoding="utf-8")
    return text.replace("url(STYLES/", f"url({resource('styles').as_posix()}/")


def colour(name: str) -> QColor:
    """A colour of the theme in use (the light theme's before any is applied)."""
    return QColor((_current or palette_colours("light"))[name])


def icon(name: str, tint: str = "text", size: int = 24) -> QIcon:
    """An SVG icon from resources/icons, drawn in one of the theme's colours."""
    svg = resource("icons", f"{name}.svg").read_bytes()
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size * 2, size * 2))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour(tint))
    painter.end()
    return QIcon(pixmap)
