"""The PDF timeline: a front page with the summary and a chart, then every entry in date
order, with a header and "Page X of Y" on every page and the log attached inside.

Drawn with Qt's own PDF writer and the shipped font (embedded), in memory; the
file is written only where the person chose. Qt offers PDF/A only as PDF/A-1b,
which may not carry an attached file, and the attached log is what makes the
PDF checkable, so this is a PDF 1.6 document.
"""

from __future__ import annotations

import json
from collections import Counter

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
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

from companion.export import facts
from companion.export.chart import draw_chart
from companion.export.content import Entry, ExportContent, PersonPart, counted
from companion.export.json_log import build_log
from companion.export.options import ATTESTATION, Mode, Part, intro, purpose_label, title
from companion.export.pdf_layout import (
    Page,
    PageBreak,
    Piece,
    Style,
    Typesetter,
    paginate_with_breaks,
    printable,
)
from companion.export.pdf_spaces import fix_spaces
from companion.i18n import local, long_date, long_datetime, short_date, translate
from companion.labels import label
from companion.model import Appointment
from companion.query import privacy_problems
from companion.summary import monthly, sentences
from companion.vault import Vault

ATTACHMENT = "appointment-log.json"
MAX_CONCISE_PAGES = 4
RESOLUTION = 300

H1 = Style(20, bold=True, after=6)
H2 = Style(15, bold=True, before=10, after=4)
H3 = Style(12, bold=True, before=12, after=2)
BODY = Style(10.5, after=3)
NOTE = Style(9.5, italic=True, colour="#444444", after=3)
LABEL = Style(9.5, bold=True, colour="#333333")
PROBLEM = Style(10.5, bold=True, colour="#8f1d1d", after=3)
SMALL = Style(8.5, colour="#444444")


def _t(text: str) -> str:
    return translate("PDF", text)


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
        self.footer = 12 * self.mm
        self.width = self.page_width - 2 * self.left
        self.body_top = self.top + self.header
        self.body_height = self.page_height - self.body_top - self.footer - 8 * self.mm
        self.type = Typesetter(device, self.width)


def _cover(lay: Layout, content: ExportContent) -> list[Piece]:
    options = content.options
    t = lay.type
    names = ", ".join(p.person.display_name for p in content.people)
    pieces = t.paragraph(title(options.purpose), H1, section=names)
    pieces += t.paragraph(intro(options.purpose, names), BODY, section=names)
    first, last = content.period()
    rows = [
        (_t("About"), names),
        (
            _t("Period"),
            f"{long_date(first)} – {long_date(last)}" if first and last else _t("No entries"),
        ),
        (_t("For"), purpose_label(options.purpose)),
        (_t("Reference"), options.reference),
        (_t("Made on"), long_datetime(content.generated_at)),
        (
            _t("Fingerprint"),
            f"{content.fingerprint.short()} ({content.fingerprint.size} "
            + _t("saved changes")
            + ")",
        ),
    ]
    for name, value in rows:
        if value:
            pieces += t.row(name, value, LABEL, BODY, 38 * lay.mm, section=names)
    for part in content.people:
        pieces += t.paragraph(
            _t("Summary for {name}").format(name=part.person.display_name),
            H2,
            keep=True,
            section=names,
        )
        lines = sentences(part.summary) or [_t("No privacy problems are recorded for this period.")]
        for line in lines:
            pieces += t.paragraph("• " + line, BODY, section=names)
        heard = Counter(part.summary.overheard_by)
        if heard:
            text = ", ".join(f"{label(who)} ({n})" for who, n in heard.most_common())
            pieces += t.row(_t("Who could hear"), text, LABEL, BODY, 38 * lay.mm, section=names)
        said = part.summary.said_aloud
        if said:
            text = ", ".join(f"{label(topic)} ({n})" for topic, n in said.most_common())
            pieces += t.row(
                _t("Said where others could hear"), text, LABEL, BODY, 38 * lay.mm, section=names
            )
    months = monthly(counted(content.entries))
    if months:
        pieces += t.paragraph(_t("Appointments each month"), H2, keep=True, section=names)
        height = 55 * lay.mm
        pieces.append(
            Piece(
                height,
                lambda p, x, y: draw_chart(p, QRectF(x, y, lay.width, height), months, 8.5),
                section=names,
            )
        )
    pieces += t.paragraph(
        _t(
            "The log of these entries is attached inside this PDF. The app's verify command "
            "checks it against the fingerprint above; compare that fingerprint with a copy kept "
            "elsewhere, such as an email sent on the day."
        ),
        NOTE,
        section=names,
    )
    return pieces


def _entry(lay: Layout, entry: Entry, part: PersonPart, parts: frozenset[Part]) -> list[Piece]:
    t, record, saved = lay.type, entry.record, entry.saved
    name = part.person.display_name
    heading = facts.heading(record)
    pieces = t.paragraph(heading, H3, keep=True, section=name)
    pieces += t.paragraph(
        facts.written_note(record.date, saved.written_at, saved.imported_at), NOTE, section=name
    )
    if saved.damaged:
        pieces += t.paragraph(facts.damaged_note(), PROBLEM, section=name)
    if isinstance(record, Appointment):
        found = privacy_problems(record)  # none when the privacy facts are left out
        if found:
            pieces += t.paragraph("; ".join(label(p) for p in found), PROBLEM, section=name)
    pairs = (
        facts.appointment_facts(record)
        if isinstance(record, Appointment)
        else facts.event_facts(record)
    )
    for key, value in pairs:
        pieces += t.row(key, value, LABEL, BODY, 42 * lay.mm, section=name)
    if isinstance(record, Appointment):
        if record.account and Part.ACCOUNT in parts:
            pieces += t.row(
                _t("What happened"), record.account, LABEL, BODY, 42 * lay.mm, section=name
            )
        if (record.impact or record.distress is not None) and Part.IMPACT in parts:
            text = record.impact
            if record.distress is not None:
                text = (text + "\n" if text else "") + _t("Distress: {n} out of 10.").format(
                    n=record.distress
                )
            pieces += t.row(
                _t("How it affected {name}").format(name=name),
                text,
                LABEL,
                BODY,
                42 * lay.mm,
                section=name,
            )
    for correction in entry.corrections:
        pieces += t.paragraph(
            _t("Corrected on {when}:").format(when=long_datetime(correction.saved_at)),
            NOTE,
            keep=True,
            section=name,
        )
        for c in correction.changes:
            pieces += t.paragraph(
                _t('{field}: was "{before}", now "{after}"').format(
                    field=c.label, before=c.before, after=c.after
                ),
                SMALL,
                indent=6 * lay.mm,
                section=name,
            )
    continued = t.paragraph(_t("{entry} (continued)").format(entry=heading), NOTE, section=name)
    if len(continued) == 1:
        for piece in pieces[1:]:
            piece.continues = continued[0]
    return pieces


def _attestation(lay: Layout, content: ExportContent) -> list[Piece]:
    name = content.options.attest_as
    if name is None:
        return []
    t = lay.type
    pieces = t.paragraph(_t("Statement"), H2, keep=True)
    pieces += t.paragraph(translate("Purpose", ATTESTATION), BODY)
    pieces += t.paragraph(_t("Name: {name}").format(name=name), BODY)
    pieces += t.paragraph(_t("Signed: ______________________    Date: ______________"), BODY)
    return pieces


def _concise_table(lay: Layout, content: ExportContent):  # type: ignore[no-untyped-def]
    """The table's header, and a function making the row for one (person, entry)."""
    several = len(content.people) > 1
    widths = [0.12, 0.15, 0.20, 0.15, 0.38] if several else [0.13, 0.25, 0.18, 0.44]
    widths = [w * lay.width for w in widths]
    heads = [_t("Date"), _t("Person"), _t("What"), _t("Where"), _t("Privacy problems")]
    if not several:
        heads.pop(1)
    names = ", ".join(p.person.display_name for p in content.people)
    header = lay.type.cells(heads, widths, Style(9, bold=True), section=names)

    def row(part: PersonPart, entry: Entry) -> Piece:
        r = entry.record
        found = privacy_problems(r) if isinstance(r, Appointment) else []
        if isinstance(r, Appointment):
            where = r.location or (label(r.channel) if r.channel else "")
        else:
            where = r.organisation
        cells = [
            short_date(r.date),
            part.person.display_name,
            facts.heading(r).split(": ", 1)[-1],
            where,
            "; ".join(label(p) for p in found),
        ]
        if not several:
            cells.pop(1)
        return lay.type.cells(cells, widths, Style(9), section=names, lines=2)

    return header, row


def _concise(lay: Layout, content: ExportContent) -> list[Page]:
    """The front page and one short row per entry, in at most four pages; if the entries do not
    all fit, those with a privacy problem come first and the rest are counted."""
    head = [*_cover(lay, content), PageBreak()]
    names = ", ".join(p.person.display_name for p in content.people)
    heading = lay.type.paragraph(_t("Every entry, in short"), H2, keep=True, section=names)
    header, make_row = _concise_table(lay, content)
    tail = _attestation(lay, content)
    everyone = [(part, entry) for part in content.people for entry in part.entries]
    # Rows are all one line high, so no more than this many could ever fit; only these are
    # made, problems first (10,000 entries cost no more than 200).
    most = MAX_CONCISE_PAGES * int(lay.body_height // header.height)
    problems = [
        pe
        for pe in everyone
        if isinstance(pe[1].record, Appointment) and privacy_problems(pe[1].record)
    ]
    chosen_first = set(map(id, problems[:most]))
    others = [pe for pe in everyone if id(pe) not in chosen_first]
    candidates = [*problems[:most], *others[: max(0, most - len(problems))]]
    rows = {id(pe): make_row(*pe) for pe in candidates}

    def pages(count: int) -> list[Page]:
        shown = set(map(id, candidates[:count]))
        chosen = [rows[id(pe)] for pe in everyone if id(pe) in shown]  # back in date order
        left_out = len(everyone) - count
        note = (
            lay.type.paragraph(
                _t(
                    "{n} more entries are not listed here; the full timeline and the attached log "
                    "hold them all."
                ).format(n=left_out),
                NOTE,
            )
            if left_out
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


def lay_out(device: QPagedPaintDevice, content: ExportContent) -> tuple[Layout, list[Page]]:
    lay = Layout(device)
    if content.options.mode is Mode.CONCISE:
        return lay, _concise(lay, content)
    pieces = [*_cover(lay, content), PageBreak()]
    for part in content.people:
        pieces += lay.type.paragraph(part.person.display_name, H1, section=part.person.display_name)
        if not part.entries:
            pieces += lay.type.paragraph(
                _t("Nothing recorded for this period."), BODY, section=part.person.display_name
            )
        for entry in part.entries:
            pieces += _entry(lay, entry, part, content.options.parts)
    pieces += _attestation(lay, content)
    return lay, paginate_with_breaks(pieces, lay.body_height)


def _furniture(
    painter: QPainter, lay: Layout, content: ExportContent, page: Page, number: int, total: int
) -> None:
    """The header (whose record, NI number, reference) and footer (page X of Y, date)."""
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
            who += "   " + _t("NI number {ni}").format(ni=", ".join(numbers))
    right = _t("Reference: {ref}").format(ref=options.reference) if options.reference else ""
    # Whose record on the left, shortened with an ellipsis if need be; the reference on the right.
    widths = [lay.width * 0.64, lay.width * 0.36] if right else [lay.width, 0.0]
    t.cells([who, ""], widths, SMALL).draw(painter, lay.left, lay.top)
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
    footer = _t("Page {n} of {total}").format(n=number, total=total)
    made = _t("Made on {date}").format(date=long_date(local(content.generated_at).date()))
    for text, x in ((footer, lay.left), (made, lay.left + lay.width * 0.62)):
        t.paragraph(text, SMALL)[0].draw(painter, x, bottom)


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
    return render_with_log(content, build_log(vault, content, attached=True), progress)


def render_with_log(content: ExportContent, log_doc: dict, progress=None) -> bytes:  # type: ignore[no-untyped-def,type-arg]
    """The PDF from prepared content and its log; reads nothing from the vault, so it can
    run away from the window's thread."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer)
    names = ", ".join(p.person.display_name for p in content.people)
    writer.setTitle(title(content.options.purpose))
    writer.setAuthor(names)
    writer.setCreator(translate("PDF", "Appointment privacy companion"))
    log = json.dumps(log_doc, ensure_ascii=False, check_circular=False).encode()  # acyclic
    writer.addFileAttachment(ATTACHMENT, log, "application/json")
    draw_pages(writer, content, progress)
    del writer  # finishes the document
    subject = purpose_label(content.options.purpose)
    return fix_spaces(bytes(buffer.data()), {"/Subject": subject})
