"""The PDF's entries: each in full, or one short row each in the short version. Both lay out
companion/presentation/entry.py's words and add none of their own."""

from __future__ import annotations

from collections.abc import Callable

from companion.export.content import Entry, ExportContent, PersonPart
from companion.export.pdf_attachments import appendix, beside_entry
from companion.export.pdf_cover import attestation, cover, monthly_chart, names_of
from companion.export.pdf_dispute import beside_event, dispute, engaged
from companion.export.pdf_layout import Page, PageBreak, Piece, Style, paginate_with_breaks
from companion.export.pdf_styles import (
    BODY,
    H2,
    H3,
    LABEL,
    LEFT_OUT,
    NOTE,
    PROBLEM,
    SMALL,
    Layout,
)
from companion.i18n import short_date, translate, translate_n
from companion.model import Appointment
from companion.presentation.entry import Presented, present
from companion.problems import problems_of

MAX_CONCISE_PAGES = 4
# A short row's cells wrap onto as many lines as they need: nothing is cut off.
ROW_LINES = 1000


def entry_pieces(
    lay: Layout, shown: Presented, name: str, beside: list[Piece] | None = None
) -> list[Piece]:
    """One entry in full; `beside` is laid out after its facts (the deadline an event
    started)."""
    t = lay.type
    pieces = t.paragraph(shown.heading, H3, keep=True, section=name)
    pieces += t.paragraph(shown.written, NOTE, section=name)
    if shown.damaged:
        pieces += t.paragraph(shown.damaged, PROBLEM, section=name)
    if shown.problems:
        pieces += t.paragraph("; ".join(shown.problems), PROBLEM, section=name)
    for fact in [*shown.facts, *shown.words]:
        style = LEFT_OUT if fact.left_out else BODY
        pieces += t.row(fact.label, fact.text, LABEL, style, 42 * lay.mm, section=name)
    pieces += beside or []
    for correction in shown.corrections:
        pieces += t.paragraph(correction.heading, NOTE, keep=True, section=name)
        for change in correction.changes:
            pieces += t.paragraph(change, SMALL, indent=6 * lay.mm, section=name)
    continued = t.paragraph(
        translate("PDF", "{entry} (continued)").format(entry=shown.heading), NOTE, section=name
    )
    if len(continued) == 1:
        for piece in pieces[1:]:
            piece.continues = continued[0]
    return pieces


def _after_cover(lay: Layout, content: ExportContent) -> list[Piece]:
    """The dispute so far and, if chosen, the rules the record may engage, from a new page."""
    # One after the other, so a short section never takes a page of its own.
    pieces = [*dispute(lay, content), *engaged(lay, content)]
    return [*pieces, PageBreak()] if pieces else []


def full(lay: Layout, content: ExportContent) -> list[Page]:
    # The dispute so far is the second page: where there is one, the chart waits until after
    # it (a front page with a chart can run onto a second side), ahead of the entries.
    if content.has_dispute:
        pieces = [*cover(lay, content, chart=False), PageBreak(), *_after_cover(lay, content),
                  *monthly_chart(lay, content)]  # fmt: skip
    else:
        pieces = [*cover(lay, content), PageBreak(), *_after_cover(lay, content)]
    for part in content.people:
        name = part.person.display_name
        pieces += lay.type.paragraph(name, H2, section=name)
        if not part.entries:
            pieces += lay.type.paragraph(
                translate("PDF", "Nothing recorded for this period."), BODY, section=name
            )
        for entry in part.entries:
            step = part.step_for.get(entry.record.id)
            beside = beside_event(lay, step, content.today, name)
            beside += beside_entry(lay, content.attachments_of(entry.record.id), name)
            pieces += entry_pieces(lay, present(entry, name), name, beside)
    pieces += appendix(lay, content)
    pieces += attestation(lay, content)
    return paginate_with_breaks(pieces, lay.body_height)


def _row_maker(lay: Layout, content: ExportContent) -> tuple[Piece, Callable[..., Piece]]:
    """The table's header, and a function making the row for one (person, entry)."""
    several = len(content.people) > 1
    widths = [0.11, 0.13, 0.34, 0.15, 0.27] if several else [0.12, 0.40, 0.18, 0.30]
    widths = [w * lay.width for w in widths]
    heads = [
        translate("PDF", "Date"),
        translate("PDF", "Person"),
        translate("PDF", "What happened"),
        translate("PDF", "Where"),
        translate("PDF", "Problems"),
    ]
    if not several:
        heads.pop(1)
    names = names_of(content)
    header = lay.type.cells(heads, widths, Style(9, bold=True), section=names)

    def row(part: PersonPart, entry: Entry) -> Piece:
        shown = present(entry, part.person.display_name)
        what = f"{shown.kind}: {shown.summary}" if shown.summary else shown.kind
        cells = [
            short_date(entry.record.date),
            part.person.display_name,
            what,
            shown.where,
            "; ".join(shown.problems),
        ]
        if not several:
            cells.pop(1)
        return lay.type.cells(cells, widths, Style(9), section=names, lines=ROW_LINES)

    return header, row


def _has_problem(entry: Entry) -> bool:
    """Whether the entry has a problem, as the cover counts them (even where this copy leaves
    out the privacy facts that show it), without wording the whole entry."""
    return isinstance(entry.counted, Appointment) and bool(problems_of(entry.counted))


def _attached_note(lay: Layout, content: ExportContent) -> list[Piece]:
    """The short version has no room to list attached files: it says where they are."""
    if not content.attachment_count:
        return []
    return lay.type.paragraph(
        translate_n(
            "PDF",
            "%n file(s) attached to these entries are listed, each with its SHA-256, in the "
            "full timeline and in the log attached to this PDF.",
            content.attachment_count,
        ),
        NOTE,
        section=names_of(content),
    )


def concise(lay: Layout, content: ExportContent) -> list[Page]:
    """The front page and one short row per entry, in at most four pages; if the entries do not
    all fit, those with a problem come first and the rest are counted."""
    head = [*cover(lay, content, chart=False), PageBreak(), *_after_cover(lay, content)]
    names = names_of(content)
    heading = lay.type.paragraph(
        translate("PDF", "Every entry, in short"), H2, keep=True, section=names
    )
    header, make_row = _row_maker(lay, content)
    tail = [*_attached_note(lay, content), *attestation(lay, content)]
    everyone = [(part, entry) for part in content.people for entry in part.entries]
    # Rows are at least one line high, so no more than this many could ever fit; only these
    # are made, problems first (10,000 entries cost no more than a few hundred).
    most = MAX_CONCISE_PAGES * int(lay.body_height // header.height)
    problems = [pe for pe in everyone if _has_problem(pe[1])]
    chosen_first = set(map(id, problems[:most]))
    others = [pe for pe in everyone if id(pe) not in chosen_first]
    candidates = [*problems[:most], *others[: max(0, most - len(problems))]]
    rows = {id(pe): make_row(*pe) for pe in candidates}

    def pages(count: int) -> list[Page]:
        shown = set(map(id, candidates[:count]))
        chosen = [rows[id(pe)] for pe in everyone if id(pe) in shown]  # back in date order
        missing = len(everyone) - count
        note = (
            lay.type.paragraph(
                translate(
                    "PDF",
                    "{n} more entries are not listed here; the full timeline and the attached log "
                    "hold them all.",
                ).format(n=missing),
                NOTE,
            )
            if missing
            else []
        )
        return paginate_with_breaks(
            [*head, *heading, header, *chosen, *note, *tail], lay.body_height
        )

    if len(candidates) == len(everyone) and len(pages(len(everyone))) <= MAX_CONCISE_PAGES:
        return pages(len(everyone))
    low, high = 0, len(candidates)  # the most rows that fit, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if len(pages(middle)) <= MAX_CONCISE_PAGES:
            low = middle
        else:
            high = middle - 1
    return pages(low)
