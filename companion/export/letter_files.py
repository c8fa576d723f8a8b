"""A letter's words as an editable ODT or a PDF, made in memory with Qt's own writers (the
only part of the core besides the PDF timeline that draws with Qt): nothing is written
anywhere here."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextDocumentWriter,
)

from companion.export.fonts import ensure_fonts
from companion.export.pdf_spaces import fix_spaces
from companion.i18n import translate

POINT_SIZE = 11
RESOLUTION = 300


class Kind(StrEnum):
    ODT = "odt"
    PDF = "pdf"


def _document(html: str, title: str) -> QTextDocument:
    family = ensure_fonts()
    document = QTextDocument()
    document.setDefaultFont(QFont(family, POINT_SIZE))
    document.setHtml(html)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return document


def _odt(document: QTextDocument) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, b"ODF")
    if not writer.write(document):
        raise RuntimeError("the ODF writer refused the letter")
    return bytes(buffer.data())


def _pdf(document: QTextDocument, title: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    # Qt's printing of a document gives every page 2 cm margins and its number at the
    # foot; the page itself adds none, or the margins would be doubled.
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(title)
    writer.setCreator(translate("PDF", "Appointment privacy companion"))
    document.print_(writer)
    del writer  # finishes the document
    return fix_spaces(bytes(buffer.data()))


def document_bytes(html: str, title: str, kind: str) -> bytes:
    """`html` (Qt rich text) as ODT or PDF bytes, titled `title`."""
    document = _document(html, title)
    if Kind(kind) is Kind.ODT:
        return _odt(document)
    return _pdf(document, title)
