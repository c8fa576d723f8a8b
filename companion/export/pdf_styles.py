"""The PDF's page geometry and text styles, shared by its cover, entries and furniture."""

from __future__ import annotations

from PySide6.QtGui import QPagedPaintDevice

from companion.export.pdf_layout import Style, Typesetter

H1 = Style(20, bold=True, after=6)
H2 = Style(15, bold=True, before=10, after=4)
H3 = Style(12, bold=True, before=12, after=2)
BODY = Style(10.5, after=3)
NOTE = Style(9.5, italic=True, colour="#444444", after=3)
LABEL = Style(9.5, bold=True, colour="#333333")
PROBLEM = Style(10.5, bold=True, colour="#8f1d1d", after=3)
LEFT_OUT = Style(10.5, italic=True, colour="#444444")
SMALL = Style(8.5, colour="#444444")


class Layout:
    """Page geometry in device pixels, and the typesetter for the text column."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.mm = device.logicalDpiX() / 25.4
        self.page_width = device.width()
        self.page_height = device.height()
        self.left = 18 * self.mm
        self.top = 14 * self.mm
        self.header = 11 * self.mm
        self.footer = 16 * self.mm
        self.width = self.page_width - 2 * self.left
        self.body_top = self.top + self.header
        self.body_height = self.page_height - self.body_top - self.footer - 8 * self.mm
        self.type = Typesetter(device, self.width)
