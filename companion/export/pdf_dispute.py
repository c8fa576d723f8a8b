"""The PDF's "The dispute so far" page, the deadline beside each event that started one, and
the optional "What the record shows, and the rules it may engage". All the words come from
companion/presentation/dispute.py and companion/engaged.py; this only lays them out."""

from __future__ import annotations

from datetime import date

from companion.chronology import Step
from companion.engaged import caution
from companion.export.content import ExportContent
from companion.export.pdf_cover import names_of
from companion.export.pdf_layout import Piece, Style
from companion.export.pdf_styles import BODY, H2, H3, LABEL, NOTE, PROBLEM, SMALL, Layout
from companion.i18n import long_date, translate, translate_n
from companion.presentation.dispute import StepWords, step_words


def _tr(text: str) -> str:
    return translate("PDF", text)


def dispute(lay: Layout, content: ExportContent) -> list[Piece]:
    """Each person's steps in date order, each with the deadline it started and whether the
    answer came in time; nothing when the export holds no letters or events."""
    if not content.has_dispute:
        return []
    t = lay.type
    names = names_of(content)
    pieces = t.paragraph(_tr("The dispute so far"), H2, keep=True, section=names)
    pieces += t.paragraph(
        _tr(
            "The letters and steps in this record, in date order, each with the deadline it "
            "started and whether the next step met it. Each date is when a thing must be "
            "received by, under the rules named, with where the rule is written. This is not "
            "legal advice: check the current rules. Overdue is measured from {today}, the day "
            "this copy was made."
        ).format(today=long_date(content.today)),
        NOTE,
        section=names,
    )
    several = len(content.people) > 1
    for part in content.people:
        if not part.steps:
            continue
        name = part.person.display_name
        if several:
            pieces += t.paragraph(name, H3, keep=True, section=names)
        for step in part.steps:
            words = step_words(step, content.today)
            block = t.paragraph(f"{long_date(words.day)}: {words.what}", STEP, section=names)
            for text, style in ((words.deadline, STEP_TEXT), (words.outcome, _late(words))):
                if text:
                    block += t.paragraph(text, style, indent=6 * lay.mm, section=names)
            # A step and its deadline stay together on one page.
            block[0].keep_block = sum(piece.height for piece in block)
            pieces += block
    return pieces


STEP = Style(10.5, bold=True, before=4, after=1)
STEP_TEXT = Style(10, colour="#333333", after=1)
LATE = Style(10, bold=True, colour=PROBLEM.colour, after=3)


def _late(words: StepWords) -> Style:
    """Missed or late is said in words, and also in bold red; anything else in plain type."""
    return LATE if words.late else STEP_TEXT


def beside_event(lay: Layout, step: Step | None, today: date, name: str) -> list[Piece]:
    """The deadline an event started, beside the event in the timeline."""
    if step is None or step.deadline is None:
        return []
    words = step_words(step, today)
    t = lay.type
    pieces = t.row(_tr("Deadline it started"), words.deadline, LABEL, BODY, 42 * lay.mm,
                   section=name)  # fmt: skip
    after = words.answer or words.outcome
    if after:
        style = PROBLEM if words.late else BODY
        pieces += t.row(_tr("Next step"), after, LABEL, style, 42 * lay.mm, section=name)
    return pieces


def engaged(lay: Layout, content: ExportContent) -> list[Piece]:
    """For each person, each kind of finding with its count and dates, beside the rule it may
    engage and where that rule is written; only when chosen."""
    if not content.options.rules_engaged:
        return []
    t = lay.type
    names = names_of(content)
    pieces = t.paragraph(
        _tr("What the record shows, and the rules it may engage"), H2, keep=True, section=names
    )
    pieces += t.paragraph(caution(), NOTE, section=names)
    several = len(content.people) > 1
    for part in content.people:
        if several:
            pieces += t.paragraph(part.person.display_name, H3, keep=True, section=names)
        if not part.findings:
            pieces += t.paragraph(
                _tr("The appointments in this copy show nothing this section covers."),
                BODY,
                section=names,
            )
        for finding in part.findings:
            block = t.paragraph(finding.what, STEP, keep=True, section=names)
            shown = translate_n("PDF", "%n appointment(s): {dates}", finding.count).format(
                dates=", ".join(long_date(day) for day in finding.dates)
            )
            block += t.paragraph(shown, BODY, indent=6 * lay.mm, section=names)
            block += t.paragraph(
                _tr("May be relevant: {rule}").format(rule=finding.rule),
                BODY,
                indent=6 * lay.mm,
                section=names,
            )
            block += t.paragraph(
                _tr("Source: {source}").format(source=finding.source),
                SMALL,
                indent=6 * lay.mm,
                section=names,
            )
            block[0].keep_block = sum(piece.height for piece in block)
            pieces += block
    return pieces
