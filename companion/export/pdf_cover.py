"""The PDF's front page (who kept the record, what it covers, what this copy leaves out, and
the counts) and the closing statement."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from companion.export.chart import draw_chart
from companion.export.content import ExportContent, PersonPart, counted
from companion.export.options import ATTESTATION, intro, purpose_label, title
from companion.export.pdf_layout import Piece
from companion.export.pdf_styles import BODY, H1, H2, H3, LABEL, NOTE, Layout
from companion.i18n import long_date, long_datetime, translate
from companion.presentation.keeper import capacities, signer_capacity
from companion.presentation.omissions import left_out_lines
from companion.summary import Group, breakdown, group_title, monthly, tallies


def names_of(content: ExportContent) -> str:
    return ", ".join(p.person.display_name for p in content.people)


def _who_and_what(lay: Layout, part: PersonPart, names: str) -> list[Piece]:
    """Who could hear, and what was said with others present, counted by kind."""
    pieces: list[Piece] = []
    for name, text in breakdown(part.summary):
        pieces += lay.type.row(name, text, LABEL, BODY, 38 * lay.mm, section=names)
    return pieces


def _summary(lay: Layout, content: ExportContent, names: str) -> list[Piece]:
    t = lay.type
    pieces: list[Piece] = []
    for part in content.people:
        heading = translate("PDF", "Summary for {name}").format(name=part.person.display_name)
        pieces += t.paragraph(heading, H2, keep=True, section=names)
        found = tallies(part.summary)
        if not found:
            pieces += t.paragraph(
                translate("PDF", "No problems are recorded for this period."), BODY, section=names
            )
        for tally in found:
            if tally.group is None:
                pieces += t.paragraph(tally.text, BODY, section=names)
        for group in Group:
            lines = [tally.text for tally in found if tally.group is group]
            if not lines:
                continue
            pieces += t.paragraph(group_title(group), H3, keep=True, section=names)
            for line in lines:
                pieces += t.paragraph("• " + line, BODY, section=names)
            if group is Group.PRIVACY:
                pieces += _who_and_what(lay, part, names)
    return pieces


def cover(lay: Layout, content: ExportContent, *, chart: bool = True) -> list[Piece]:
    """The front page; the short version leaves out the chart (its counts are given in words)
    to keep its four sides for the entries."""
    options = content.options
    t = lay.type
    names = names_of(content)
    pieces = t.paragraph(title(options.purpose), H1, section=names)
    pieces += t.paragraph(intro(options.purpose, content.kept_by()), BODY, section=names)
    first, last = content.period()
    keeper = content.keeper
    rows = [
        (translate("PDF", "About"), names),
        (translate("PDF", "Kept by"), keeper.name if keeper else translate("PDF", "Not recorded")),
        (
            translate("PDF", "In the capacity of"),
            capacities(p.person for p in content.people) if keeper else "",
        ),
        (
            translate("PDF", "Period"),
            f"{long_date(first)} – {long_date(last)}"
            if first and last
            else translate("PDF", "No entries"),
        ),
        (translate("PDF", "For"), purpose_label(options.purpose)),
        (translate("PDF", "Reference"), options.reference),
        (translate("PDF", "Made on"), long_datetime(content.generated_at)),
        (
            translate("PDF", "Fingerprint"),
            f"{content.fingerprint.short()} ({content.fingerprint.size} "
            + translate("PDF", "saved changes")
            + ")",
        ),
    ]
    for name, value in rows:
        if value:
            pieces += t.row(name, value, LABEL, BODY, 38 * lay.mm, section=names)
    omitted = left_out_lines(
        options, (p.saved.record for p in content.people), content.attachment_count
    )
    pieces += t.paragraph(
        translate("PDF", "What this copy leaves out"), H2, keep=True, section=names
    )
    if not omitted:
        pieces += t.paragraph(
            translate("PDF", "Nothing: every entry is shown in full."), BODY, section=names
        )
    for line in omitted:
        pieces += t.paragraph("• " + line, BODY, section=names)
    if omitted:
        pieces += t.paragraph(
            translate(
                "PDF",
                "Where something was left out, its place in the entry says "
                '"left out of this copy".',
            ),
            NOTE,
            section=names,
        )
    pieces += _summary(lay, content, names)
    if chart:
        pieces += monthly_chart(lay, content)
    pieces += t.paragraph(
        translate(
            "PDF",
            "The log of these entries is attached inside this PDF. The app's verify command "
            "checks it against the fingerprint above; compare that fingerprint with a copy kept "
            "elsewhere, such as an email sent on the day.",
        ),
        NOTE,
        section=names,
    )
    return pieces


def monthly_chart(lay: Layout, content: ExportContent) -> list[Piece]:
    """The appointments in each month, and among them those where private details were said,
    or asked for, with others present; nothing when there are no appointments."""
    months = monthly(counted(content.entries))
    if not months:
        return []
    names = names_of(content)
    pieces = lay.type.paragraph(
        translate("PDF", "Appointments each month"), H2, keep=True, section=names
    )
    height = 55 * lay.mm
    pieces.append(
        Piece(
            height,
            lambda p, x, y: draw_chart(p, QRectF(x, y, lay.width, height), months, 8.5),
            section=names,
        )
    )
    return pieces


def attestation(lay: Layout, content: ExportContent) -> list[Piece]:
    """The statement of truth, signed by the keeper in their capacity."""
    name = content.options.attest_as
    if name is None:
        return []
    t = lay.type
    names = names_of(content)
    pieces = t.paragraph(translate("PDF", "Statement"), H2, keep=True, section=names)
    pieces += t.paragraph(translate("Purpose", ATTESTATION), BODY, section=names)
    pieces += t.paragraph(translate("PDF", "Name: {name}").format(name=name), BODY, section=names)
    capacity = signer_capacity(name, content.keeper, (p.person for p in content.people))
    if capacity:
        pieces += t.paragraph(
            translate("PDF", "Capacity: {capacity}").format(capacity=capacity), BODY, section=names
        )
    pieces += t.paragraph(
        translate("PDF", "Signed: ______________________    Date: ______________"),
        BODY,
        section=names,
    )
    # The statement is one block: never a signature line alone on a page.
    pieces[0].keep_block = sum(piece.height for piece in pieces)
    return pieces
