"""The PDF timeline: a front page with the summary and a chart, then every entry in date
order, with a header and "Page X of Y" on every page, the log attached inside, and beside
it a list of the finished pages' hashes, so a page changed later shows when it is checked.

Drawn with Qt's own PDF writer and the shipped font (embedded), in memory; the
file is written only where the person chose. Qt offers PDF/A only as PDF/A-1b,
which may not carry an attached file, and the attached log is what makes the
PDF checkable, so this is a PDF 1.6 document.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from companion.export.content import ExportContent
from companion.export.json_log import build_log
from companion.export.options import Mode, purpose_label, title
from companion.export.pdf_entries import concise, full
from companion.export.pdf_layout import Page, printable
from companion.export.pdf_pages import LOG_ATTACHMENT, add_page_list
from companion.export.pdf_spaces import fix_spaces
from companion.export.pdf_styles import SMALL, Layout
from companion.i18n import local, long_date, translate
from companion.vault import Vault

ATTACHMENT = LOG_ATTACHMENT
RESOLUTION = 300


def lay_out(device: QPagedPaintDevice, content: ExportContent) -> tuple[Layout, list[Page]]:
    lay = Layout(device)
    pages = concise(lay, content) if content.options.mode is Mode.CONCISE else full(lay, content)
    return lay, pages


def _furniture(
    painter: QPainter, lay: Layout, content: ExportContent, page: Page, number: int, total: int
) -> None:
    """The header (whose record, NI number, reference) and footer (who kept it and in what
    capacity, page X of Y, the date it was made)."""
    t = lay.type
    options = content.options
    who = "; ".join(page.sections)
    if options.ni_shown:
        everyone = ", ".join(p.person.display_name for p in content.people)
        numbers = [
            p.person.ni_number
            for p in content.people
            if (everyone in page.sections or p.person.display_name in page.sections)
            and p.person.ni_number
        ]
        if numbers:
            who += "   " + translate("PDF", "NI number {ni}").format(ni=", ".join(numbers))
    right = (
        translate("PDF", "Reference: {ref}").format(ref=options.reference)
        if options.reference
        else ""
    )
    # Whose record on the left, shortened with an ellipsis if need be; the reference on the right.
    widths = [lay.width * 0.64, lay.width * 0.36] if right else [lay.width, 0.0]
    # Two lines at most fit above the rule: enough for two people and their NI numbers.
    t.cells([who, ""], widths, SMALL, lines=2).draw(painter, lay.left, lay.top)
    if right:
        painter.save()
        metrics = QFontMetricsF(SMALL.font(), lay.device)
        shown = metrics.elidedText(printable(right), Qt.TextElideMode.ElideLeft, widths[1])
        painter.setFont(SMALL.font())
        painter.setPen(QColor(SMALL.colour))
        x = lay.left + lay.width - metrics.horizontalAdvance(shown)
        painter.drawText(QPointF(x, lay.top + metrics.ascent()), shown)
        painter.restore()
    painter.setPen(QPen(QColor("#888888"), max(1.0, lay.mm / 5)))
    rule = lay.top + lay.header - 2 * lay.mm
    painter.drawLine(QPointF(lay.left, rule), QPointF(lay.left + lay.width, rule))
    bottom = lay.page_height - lay.footer
    kept = t.paragraph(content.kept_by(_people_on(content, page)), SMALL)
    y = bottom - sum(piece.height for piece in kept)
    for piece in kept:
        piece.draw(painter, lay.left, y)
        y += piece.height
    footer = translate("PDF", "Page {n} of {total}").format(n=number, total=total)
    made = translate("PDF", "Made on {date}").format(
        date=long_date(local(content.generated_at).date())
    )
    for text, x in ((footer, lay.left), (made, lay.left + lay.width * 0.62)):
        t.paragraph(text, SMALL)[0].draw(painter, x, bottom)


def _people_on(content: ExportContent, page: Page) -> list[str]:
    """The names of the people whose record is on this page."""
    everyone = [p.person.display_name for p in content.people]
    if ", ".join(everyone) in page.sections:
        return everyone
    return [name for name in everyone if name in page.sections]


def draw_pages(device: QPagedPaintDevice, content: ExportContent, progress=None) -> int:  # type: ignore[no-untyped-def]
    """Paint every page on a printer or PDF writer; returns the page count."""
    lay, pages = lay_out(device, content)
    painter = QPainter(device)
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            _furniture(painter, lay, content, page, number, len(pages))
            for piece, y in page.pieces:
                piece.draw(painter, lay.left, lay.body_top + y)
            if progress is not None:
                progress(number, len(pages))
    finally:
        painter.end()
    return len(pages)


def page_layout() -> QPageLayout:
    """A4, portrait, margins drawn by the layout itself: for the PDF and for printers alike,
    so a printed copy has the same pages as the file."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
    )


def new_writer(buffer: QIODevice) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_1_6)
    return writer


def page_count(content: ExportContent) -> int:
    """How many pages the PDF will have, without drawing it (for the export dialog)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer)
    return len(lay_out(writer, content)[1])


def render(vault: Vault, content: ExportContent, progress=None) -> bytes:  # type: ignore[no-untyped-def]
    return render_with_log(content, build_log(vault, content), progress)


def render_with_log(content: ExportContent, log_doc: dict, progress=None) -> bytes:  # type: ignore[no-untyped-def,type-arg]
    """The PDF from prepared content and its log; reads nothing from the vault, so it can
    run away from the window's thread. Once the pages are finished, a fingerprint of each
    is attached beside the log (companion/export/pdf_pages.py), so a page changed later
    shows when the file is checked."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer)
    writer.setTitle(title(content.options.purpose))
    # The author is whoever kept the record; the people it is about are in the subject.
    writer.setAuthor(content.keeper.name if content.keeper else "")
    writer.setCreator(translate("PDF", "Appointment privacy companion"))
    log = json.dumps(log_doc, ensure_ascii=False, check_circular=False).encode()  # acyclic
    writer.addFileAttachment(ATTACHMENT, log, "application/json")
    draw_pages(writer, content, progress)
    del writer  # finishes the document
    subject = f"{purpose_label(content.options.purpose)}. {content.kept_by()}"
    return add_page_list(fix_spaces(bytes(buffer.data()), {"/Subject": subject}), log)
