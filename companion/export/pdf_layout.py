"""A small page-layout engine for the PDF timeline, on QPainter and QTextLayout.

Content is a list of pieces (lines of paragraphs, label-and-value rows, table
rows, a chart), each of a known height. Laying out measures them at the page
width and splits them into pages without drawing; drawing then paints each
page, so the total page count is known for "Page X of Y" and for the live
count in the export dialog.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QRawFont,
    QTextLayout,
    QTextOption,
)

from companion.export.fonts import ensure_fonts
from companion.resources import resource


class Cancelled(Exception):
    """The person stopped the export; nothing was written."""


@functools.cache
def _shipped_font() -> QRawFont:
    ensure_fonts()
    return QRawFont(str(resource("fonts", "AtkinsonHyperlegibleNext-Regular.ttf")), 12)


_WRAP_ANYWHERE = QTextOption()
_WRAP_ANYWHERE.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

# Paragraphs and values of this many lines or fewer are kept whole on one page.
KEEP_TOGETHER = 4
_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@functools.lru_cache(maxsize=16384)
def printable(text: str) -> str:
    """Text as the PDF can show it and as PDF readers can copy it.

    Letters of any script are kept (Qt finds them in the computer's fonts).
    Symbols the shipped font cannot draw, emoji among them, are written as
    their names, like "[worried face]": PDF readers could not copy or read
    them aloud otherwise. Joiners and variation selectors inside emoji are
    dropped. The exact characters stay in the attached log.
    """
    if text.isascii() and not _PLAIN.search(text):
        return text.replace("\t", " ")  # the usual case, and already as it should be
    raw = _shipped_font()
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn") or 0xFE00 <= ord(ch) <= 0xFE0F:
            continue
        elif (category[0] in "LMNZ" and ord(ch) <= 0xFFFF) or raw.supportsCharacter(ord(ch)):
            out.append(ch)
        else:
            out.append("[" + unicodedata.name(ch, "symbol").lower() + "]")
    return "".join(out)


@dataclass(frozen=True)
class Style:
    points: float = 10.5
    bold: bool = False
    italic: bool = False
    colour: str = "#111111"
    before: float = 0.0  # space above, in points
    after: float = 0.0  # space below, in points

    def font(self) -> QFont:
        return QFont(_font(self))


@functools.cache
def _font(style: Style) -> QFont:
    font = QFont(ensure_fonts())
    font.setPointSizeF(style.points)
    font.setBold(style.bold)
    font.setItalic(style.italic)
    return font


SHORT_VALUE = 80  # characters: values this short recur, so their layouts are kept


@dataclass
class Piece:
    """Something drawn as a unit: a line, a row, a chart. Heights are in device pixels."""

    height: float
    draw: Callable[[QPainter, float, float], None]  # (painter, left x, top y)
    keep_with_next: bool = False
    section: str = ""  # whose pages these are (shown in the page header)
    # Drawn first on a page that this piece starts part-way through something (an entry),
    # so a reader who picks up that page knows what it continues.
    continues: Piece | None = None
    # The height of a block this piece starts that must not be split across pages (such as
    # the statement and its signature line); 0 for none.
    keep_block: float = 0.0


@dataclass
class Page:
    pieces: list[tuple[Piece, float]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # whose record is on it, in order


class Typesetter:
    """Turns text into pieces, measured for one paint device and column width."""

    def __init__(self, device: QPaintDevice, width: float) -> None:
        self.device = device
        self.width = width
        self.dpi = device.logicalDpiY()
        self._fonts: dict[Style, QFont] = {}
        self._labels: dict[tuple[str, Style, float], QTextLayout] = {}
        self._values: dict[tuple[str, Style, float], QTextLayout] = {}

    def device_font(self, style: Style) -> QFont:
        """The style's font, sized for this device (made once per style)."""
        if style not in self._fonts:
            self._fonts[style] = QFont(style.font(), self.device)
        return self._fonts[style]

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0

    def _layout(self, text: str, style: Style, width: float) -> QTextLayout:
        # The font carries the device's resolution, so the layout keeps no pointer to the
        # device, which may be gone before the layout is freed.
        layout = QTextLayout(text, self.device_font(style))
        # A word longer than the line (a Welsh place name, a long reference) breaks inside
        # itself rather than run past the edge or be cut off.
        layout.setTextOption(_WRAP_ANYWHERE)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def paragraph(
        self, text: str, style: Style, *, indent: float = 0.0, keep: bool = False, section: str = ""
    ) -> list[Piece]:
        """One piece per line, so a long paragraph can run over a page break."""
        pieces: list[Piece] = []
        for block in printable(text).split("\n"):
            layout = self._layout(block or " ", style, self.width - indent)
            count = layout.lineCount()
            if count <= KEEP_TOGETHER:  # short: one piece, drawn in one call, never split
                height = sum(layout.lineAt(n).height() for n in range(count))

                def whole(painter: QPainter, x: float, y: float, layout=layout) -> None:  # type: ignore[no-untyped-def]
                    painter.setPen(QColor(style.colour))
                    layout.draw(painter, QPointF(x + indent, y))

                pieces.append(Piece(height, whole, keep, section))
                continue
            for n in range(count):
                line = layout.lineAt(n)
                top = line.y()

                def draw(
                    painter: QPainter, x: float, y: float, layout=layout, n=n, top=top
                ) -> None:  # type: ignore[no-untyped-def]
                    painter.setPen(QColor(style.colour))
                    layout.lineAt(n).draw(painter, QPointF(x + indent, y - top))

                pieces.append(Piece(line.height(), draw, keep, section))
        if pieces:
            pieces[0].height += self.pt(style.before)
            first = pieces[0].draw
            shift = self.pt(style.before)
            pieces[0].draw = lambda p, x, y, f=first: f(p, x, y + shift)  # type: ignore[misc]
            pieces[-1].height += self.pt(style.after)
        return pieces

    def row(
        self,
        label: str,
        value: str,
        label_style: Style,
        value_style: Style,
        label_width: float,
        section: str = "",
    ) -> list[Piece]:
        """A label on the left and its value wrapped on the right; the value may run on."""
        key = (label, label_style, label_width)
        if key not in self._labels:  # the same few labels recur in every entry
            self._labels[key] = self._layout(
                printable(label), label_style, label_width - self.pt(6)
            )
        left = self._labels[key]
        # QTextLayout breaks lines at U+2028, not at a newline.
        text = printable(value).replace("\n", "\u2028") or " "
        if len(text) <= SHORT_VALUE:  # "Yes", "Open plan", a place: laid out once, drawn often
            key = (text, value_style, label_width)
            if key not in self._values:
                self._values[key] = self._layout(text, value_style, self.width - label_width)
            right = self._values[key]
        else:
            right = self._layout(text, value_style, self.width - label_width)
        pieces: list[Piece] = []
        count = right.lineCount()
        if count <= KEEP_TOGETHER:  # short: one piece, drawn in two calls, never split

            def whole(painter: QPainter, x: float, y: float) -> None:
                painter.setPen(QColor(label_style.colour))
                left.draw(painter, QPointF(x, y))
                painter.setPen(QColor(value_style.colour))
                right.draw(painter, QPointF(x + label_width, y))

            height = sum(right.lineAt(n).height() for n in range(count))
            pieces.append(Piece(height, whole, False, section))
        for n in range(count if count > KEEP_TOGETHER else 0):
            line = right.lineAt(n)
            top = line.y()

            def draw(painter: QPainter, x: float, y: float, n=n, top=top) -> None:  # type: ignore[no-untyped-def]
                if n == 0:
                    painter.setPen(QColor(label_style.colour))
                    left.draw(painter, QPointF(x, y))
                painter.setPen(QColor(value_style.colour))
                right.lineAt(n).draw(painter, QPointF(x + label_width, y - top))

            pieces.append(Piece(line.height(), draw, n == 0, section))
        # A label longer than its value keeps the next row from drawing over it.
        shortfall = left.boundingRect().height() - right.boundingRect().height()
        pieces[-1].height += max(shortfall, 0.0) + self.pt(3)
        return pieces

    def cells(
        self,
        texts: list[str],
        widths: list[float],
        style: Style,
        section: str = "",
        lines: int = 1,
    ) -> Piece:
        """One table row; each cell wraps onto at most `lines` lines, and text that still
        does not fit ends with an ellipsis."""
        font = self.device_font(style)
        metrics = QFontMetricsF(font)
        fitted = [
            self._cell_lines(printable(t).replace("\n", " "), w - self.pt(6), style, lines)
            for t, w in zip(texts, widths, strict=True)
        ]
        tallest = max((len(cell) for cell in fitted), default=1)

        def draw(painter: QPainter, x: float, y: float) -> None:
            painter.setFont(font)
            painter.setPen(QColor(style.colour))
            left = x
            for cell, width in zip(fitted, widths, strict=True):
                for n, text in enumerate(cell):
                    painter.drawText(
                        QPointF(left, y + metrics.ascent() + n * metrics.lineSpacing()), text
                    )
                left += width

        return Piece(tallest * metrics.lineSpacing() + self.pt(3), draw, False, section)

    def _cell_lines(self, text: str, width: float, style: Style, most: int) -> list[str]:
        metrics = QFontMetricsF(self.device_font(style))
        elide = Qt.TextElideMode.ElideRight
        if most <= 1 or metrics.horizontalAdvance(text) <= width:
            return [metrics.elidedText(text, elide, width)]
        layout = self._layout(text, style, width)
        spans = [layout.lineAt(n) for n in range(layout.lineCount())]
        parts = [text[line.textStart() : line.textStart() + line.textLength()] for line in spans]
        if len(parts) > most:
            parts = [*parts[: most - 1], "".join(parts[most - 1 :])]
        return [metrics.elidedText(part.strip(), elide, width) for part in parts]


def paginate(pieces: list[Piece], body_height: float) -> list[Page]:
    """Split pieces into pages, never leaving a heading alone at the foot of a page."""
    pages = [Page()]
    y = 0.0
    for i, piece in enumerate(pieces):
        needed = piece.height
        if piece.keep_with_next and i + 1 < len(pieces):
            needed += pieces[i + 1].height
        needed = max(needed, piece.keep_block)
        if y > 0 and y + needed > body_height:
            pages.append(Page())
            y = 0.0
            if piece.continues is not None:
                pages[-1].pieces.append((piece.continues, y))
                y += piece.continues.height
        page = pages[-1]
        if piece.section and piece.section not in page.sections:
            page.sections.append(piece.section)  # a page where one person's part ends and
            # the next begins names both
        page.pieces.append((piece, y))
        y += piece.height
    return pages


class PageBreak(Piece):
    """Forces what follows onto a new page."""

    def __init__(self) -> None:
        super().__init__(float("inf"), lambda _p, _x, _y: None)


def paginate_with_breaks(pieces: list[Piece], body_height: float) -> list[Page]:
    pages: list[Page] = []
    run: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, PageBreak):
            pages += paginate(run, body_height) if run else []
            run = []
        else:
            run.append(piece)
    if run or not pages:
        pages += paginate(run, body_height)
    return pages
