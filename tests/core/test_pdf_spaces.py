"""Text in the app's PDFs copies out exactly as it was written, spaces and Welsh letters too."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QPainter, QPdfWriter

from companion.export.fonts import ensure_fonts
from companion.export.pdf_spaces import fix_spaces

TEXT = "Gwŷn and Siân said “no” — 9 ARR café £5, ŵ ŷ Ŵ Ŷ."


def draw(text: str, bold: bool, italic: bool) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    painter = QPainter(writer)
    font = QFont(ensure_fonts(), 12)
    font.setBold(bold)
    font.setItalic(italic)
    painter.setFont(font)
    painter.drawText(200, 400, text)
    painter.end()
    del writer
    return bytes(buffer.data())


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("italic", [False, True])
def test_every_character_of_the_shipped_font_reads_back(qapp, bold: bool, italic: bool) -> None:  # type: ignore[no-untyped-def]
    raw = draw(TEXT, bold, italic)
    before = PdfReader(io.BytesIO(raw)).pages[0].extract_text()
    assert before != TEXT  # Qt alone leaves the spaces unmapped
    after = PdfReader(io.BytesIO(fix_spaces(raw))).pages[0].extract_text()
    assert after == TEXT


def test_a_pdf_with_nothing_to_fix_is_returned_unchanged(qapp) -> None:  # type: ignore[no-untyped-def]
    raw = draw("Nothing", False, False)
    assert fix_spaces(raw) == raw


def test_information_is_added_without_rewriting_the_file(qapp) -> None:  # type: ignore[no-untyped-def]
    from companion.export.pdf_spaces import add_info

    raw = draw("Some words", False, False)
    updated = add_info(raw, {"/Subject": "A tribunal appeal >> ŵ (Gwŷn)"})
    assert updated.startswith(raw)  # an incremental update: every earlier byte stays put
    reader = PdfReader(io.BytesIO(updated))
    assert reader.metadata.subject == "A tribunal appeal >> ŵ (Gwŷn)"
    assert reader.pages[0].extract_text() == PdfReader(io.BytesIO(raw)).pages[0].extract_text()
    # A file not laid out as Qt writes one still gets its information, the slower way.
    odd = raw.replace(b"/Info", b"/Note")  # no information dictionary named in the trailer
    assert PdfReader(io.BytesIO(add_info(odd, {"/Subject": "x"}))).metadata.subject == "x"
