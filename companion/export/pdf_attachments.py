"""The PDF's attached files: listed beside each entry, and all together in an appendix, so an
adviser given a copy of a file can check it is the one attached. The files' contents are
never in the PDF: only what each is and its SHA-256."""

from __future__ import annotations

from companion.export.content import ExportContent
from companion.export.pdf_layout import PageBreak, Piece, Style
from companion.export.pdf_styles import BODY, H2, H3, LABEL, LEFT_OUT, NOTE, Layout
from companion.i18n import translate
from companion.model import Attachment
from companion.presentation.attachments import AttachmentShown, shown_attachment
from companion.presentation.entry import heading

# A SHA-256's 64 characters on one line of the value column, so it reads (and copies) whole.
HASH = Style(9)
LABEL_MM = 42


def _rows(lay: Layout, shown: AttachmentShown, section: str, with_entry: str = "") -> list[Piece]:
    t = lay.type
    width = LABEL_MM * lay.mm
    name_style = LEFT_OUT if shown.name_left_out else BODY
    pieces = t.row(translate("PDF", "Attached file"), shown.summary, LABEL, name_style, width,
                   section=section)  # fmt: skip
    if with_entry:
        pieces += t.row(translate("PDF", "With"), with_entry, LABEL, BODY, width, section=section)
    pieces += t.row(translate("PDF", "Attached on"), shown.captured, LABEL, BODY, width,
                    section=section)  # fmt: skip
    pieces += t.row(translate("PDF", "SHA-256"), shown.sha256, LABEL, HASH, width, section=section)
    if shown.description:
        style = LEFT_OUT if shown.description_left_out else BODY
        pieces += t.row(translate("PDF", "Description"), shown.description, LABEL, style, width,
                        section=section)  # fmt: skip
    return pieces


def beside_entry(lay: Layout, found: list[tuple[Attachment, Attachment]], name: str) -> list[Piece]:
    """An entry's attached files, each as (shown, kept), under its facts."""
    pieces: list[Piece] = []
    for shown, kept in found:
        pieces += _rows(lay, shown_attachment(shown, kept), name)
    return pieces


def appendix(lay: Layout, content: ExportContent) -> list[Piece]:
    """Every attached file in this copy, person by person, from a new page; nothing when
    there are none."""
    if not content.attachment_count:
        return []
    t = lay.type
    everyone = ", ".join(p.person.display_name for p in content.people)
    pieces: list[Piece] = [PageBreak()]
    pieces += t.paragraph(translate("PDF", "Attached files"), H2, keep=True, section=everyone)
    pieces += t.paragraph(
        translate(
            "PDF",
            "These files are kept, sealed, with the entries named. This PDF holds none of "
            "their contents: only what each is and its SHA-256, a fingerprint of its exact "
            "bytes taken when it was attached. A copy whose SHA-256 is the same is exactly that "
            "file; the app's verify command checks a copy against this PDF, with --attachment "
            "and the copy's file.",
        ),
        NOTE,
        section=everyone,
    )
    for part in content.people:
        name = part.person.display_name
        listed = [(entry, content.attachments_of(entry.record.id)) for entry in part.entries]
        listed = [(entry, found) for entry, found in listed if found]
        if not listed:
            continue
        pieces += t.paragraph(name, H3, keep=True, section=name)
        for entry, found in listed:
            for shown, kept in found:
                rows = _rows(lay, shown_attachment(shown, kept), name, heading(entry.record))
                rows[0].keep_block = sum(piece.height for piece in rows)  # one file, one page
                pieces += rows
    return pieces
