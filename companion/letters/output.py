"""A composed letter as an editable ODT or a PDF, made in memory and written only where the
person chose, whole or not at all; and logging it as sent, which starts its clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextDocumentWriter,
)

from companion.errors import InvalidInput
from companion.export import check_target, write_file
from companion.export.fonts import ensure_fonts
from companion.export.pdf_spaces import fix_spaces
from companion.i18n import translate
from companion.ledger import Saved
from companion.letters.compose import Letter
from companion.letters.kinds import LetterFormat
from companion.model import Event
from companion.vault import Vault

POINT_SIZE = 11
RESOLUTION = 300


def _document(letter: Letter) -> QTextDocument:
    family = ensure_fonts()
    document = QTextDocument()
    document.setDefaultFont(QFont(family, POINT_SIZE))
    document.setHtml(letter.html)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, letter.title)
    return document


def _odt(document: QTextDocument) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, b"ODF")
    if not writer.write(document):
        raise RuntimeError("the ODF writer refused the letter")
    return bytes(buffer.data())


def _pdf(document: QTextDocument, letter: Letter) -> bytes:
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
    writer.setTitle(letter.title)
    writer.setCreator(translate("PDF", "Appointment privacy companion"))
    document.print_(writer)
    del writer  # finishes the document
    return fix_spaces(bytes(buffer.data()))


def render(letter: Letter, fmt: LetterFormat) -> bytes:
    """The letter's bytes, made in memory: nothing is written anywhere."""
    document = _document(letter)
    if LetterFormat(fmt) is LetterFormat.ODT:
        return _odt(document)
    return _pdf(document, letter)


def save_letter(vault: Vault, letter: Letter, fmt: LetterFormat, path: Path) -> None:
    """Write the letter to `path`, whole or not at all; never over the vault itself."""
    check_target(vault, path)
    write_file(path, render(letter, fmt))


def log_sent(vault: Vault, letter: Letter, on: date) -> Saved:
    """Record that the letter was sent on `on`: an event for the person, which starts the
    clock its kind has (companion/chronology.py)."""
    if letter.sent_kind is None:
        raise InvalidInput(
            "", "kind", letter.kind.value, "a letter that is sent (an evidence summary goes "
            "with another letter, so it is not logged on its own)",
        )  # fmt: skip
    return vault.save(
        Event(
            person_id=letter.person_id,
            date=on,
            kind=letter.sent_kind,
            organisation=letter.recipient,
            reference=letter.reference,
            summary=letter.title,
        )
    )
