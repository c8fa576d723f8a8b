"""The dated log as Markdown: plain enough to paste into an email or a letter."""

from __future__ import annotations

from companion.engaged import caution
from companion.export.content import ExportContent
from companion.export.options import ATTESTATION, intro, title
from companion.i18n import long_date, long_datetime, translate, translate_n
from companion.model import Attachment
from companion.presentation.attachments import shown_attachment
from companion.presentation.dispute import step_words
from companion.presentation.entry import Presented, heading, present
from companion.presentation.keeper import signer_capacity
from companion.presentation.omissions import left_out_lines
from companion.summary import Group, breakdown, group_title, tallies


def _entry(shown: Presented) -> list[str]:
    lines = [f"### {shown.heading}", ""]
    if shown.damaged:
        lines += [f"**{shown.damaged}**", ""]
    lines += [f"*{shown.written}*", ""]
    if shown.problems:
        lines += [f"**{translate('Export', 'Problems')}:** " + "; ".join(shown.problems), ""]
    lines += [
        f"- **{fact.label}:** " + (f"*{fact.text}*" if fact.left_out else fact.text)
        for fact in shown.facts
    ]
    if shown.facts:
        lines.append("")
    for words in shown.words:
        lines += [
            f"**{words.label}:**",
            "",
            f"*{words.text}*" if words.left_out else words.text,
            "",
        ]
    for correction in shown.corrections:
        lines.append(f"*{correction.heading}*")
        lines += [f"- {change}" for change in correction.changes]
        lines.append("")
    return lines


def _attached(found: list[tuple[Attachment, Attachment]], with_entry: str = "") -> list[str]:
    """Attached files, each as (shown, kept): what each is, when, and its SHA-256."""
    lines = []
    for shown_record, kept in found:
        shown = shown_attachment(shown_record, kept)
        name = f"*{shown.summary}*" if shown.name_left_out else shown.summary
        lines.append(f"- **{translate('Export', 'Attached file')}:** {name}")
        if with_entry:
            lines.append("  " + translate("Export", "With: {entry}").format(entry=with_entry))
        lines.append("  " + translate("Export", "Attached on {when}").format(when=shown.captured))
        lines.append("  " + translate("Export", "SHA-256: `{sha}`").format(sha=shown.sha256))
        if shown.description:
            words = f"*{shown.description}*" if shown.description_left_out else shown.description
            lines.append("  " + translate("Export", "Description: {words}").format(words=words))
    return [*lines, ""] if lines else []


def _appendix(content: ExportContent) -> list[str]:
    """Every attached file in this copy, as at the end of the PDF."""
    if not content.attachment_count:
        return []
    lines = [
        f"## {translate('Export', 'Attached files')}",
        "",
        translate(
            "Export",
            "These files are kept, sealed, with the entries named. This text holds none of "
            "their contents: only what each is and its SHA-256, a fingerprint of its exact "
            "bytes taken when it was attached. A copy whose SHA-256 is the same is exactly that "
            "file.",
        ),
        "",
    ]
    for part in content.people:
        listed = [(e, content.attachments_of(e.record.id)) for e in part.entries]
        listed = [(e, found) for e, found in listed if found]
        if not listed:
            continue
        lines += [f"### {part.person.display_name}", ""]
        for entry, found in listed:
            lines += _attached(found, heading(entry.record))
    return lines


def _cover(content: ExportContent) -> list[str]:
    options = content.options
    lines = [f"# {title(options.purpose)}", "", intro(options.purpose, content.kept_by()), ""]
    if options.reference:
        lines += [translate("Export", "Reference: {ref}").format(ref=options.reference), ""]
    first, last = content.period()
    if first and last:
        lines += [
            translate("Export", "Period: {first} to {last}.").format(
                first=long_date(first), last=long_date(last)
            ),
            "",
        ]
    fp = content.fingerprint
    lines += [
        translate(
            "Export", "Made {when}. Vault fingerprint {short} ({size} saved changes)."
        ).format(when=long_datetime(content.generated_at), short=fp.short(), size=fp.size),
        "",
        f"## {translate('Export', 'What this copy leaves out')}",
        "",
    ]
    omitted = left_out_lines(
        options, (p.saved.record for p in content.people), content.attachment_count
    )
    lines += [f"- {line}" for line in omitted] or [
        translate("Export", "Nothing: every entry is shown in full.")
    ]
    lines.append("")
    return lines


def _statement(content: ExportContent) -> list[str]:
    name = content.options.attest_as
    if name is None:
        return []
    keeper = content.keeper
    lines = [f"## {translate('Export', 'Statement')}", "", translate("Purpose", ATTESTATION), "",
             translate("Export", "Name: {name}").format(name=name), ""]  # fmt: skip
    capacity = signer_capacity(name, keeper, (p.person for p in content.people))
    if capacity:
        lines += [translate("Export", "Capacity: {capacity}").format(capacity=capacity), ""]
    return [
        *lines,
        translate("Export", "Signed: ______________________   Date: ______________"),
        "",
    ]


def _dispute(content: ExportContent) -> list[str]:
    """The dispute so far, as in the PDF: each step, its deadline, and whether it was met."""
    if not content.has_dispute:
        return []
    lines = [f"## {translate('Export', 'The dispute so far')}", ""]
    lines += [
        "*"
        + translate(
            "Export",
            "Each date is when a thing must be received by, under the rules named. This is "
            "not legal advice: check the current rules. Overdue is measured from {today}.",
        ).format(today=long_date(content.today))
        + "*",
        "",
    ]
    for part in content.people:
        if not part.steps:
            continue
        lines += [f"### {part.person.display_name}", ""]
        for step in part.steps:
            words = step_words(step, content.today)
            lines.append(f"- **{long_date(words.day)}: {words.what}**")
            lines += [f"  {text}" for text in (words.deadline, words.outcome) if text]
        lines.append("")
    return lines


def _engaged(content: ExportContent) -> list[str]:
    """What the record shows, beside the rules it may engage, if chosen."""
    if not content.options.rules_engaged:
        return []
    heading = translate("Export", "What the record shows, and the rules it may engage")
    lines = [f"## {heading}", "", f"*{caution()}*", ""]
    for part in content.people:
        lines += [f"### {part.person.display_name}", ""]
        if not part.findings:
            lines += [
                translate(
                    "Export", "The appointments in this copy show nothing this section covers."
                ),
                "",
            ]
        for finding in part.findings:
            dates = ", ".join(long_date(day) for day in finding.dates)
            lines += [
                f"- **{finding.what}**: "
                + translate_n("Export", "%n appointment(s): {dates}", finding.count).format(
                    dates=dates
                ),
                "  " + translate("Export", "May be relevant: {rule}").format(rule=finding.rule),
                "  " + translate("Export", "Source: {source}").format(source=finding.source),
            ]
        lines.append("")
    return lines


def render(content: ExportContent) -> str:
    options = content.options
    lines = [*_cover(content), *_dispute(content), *_engaged(content)]
    for part in content.people:
        name = part.person.display_name
        heading = name
        if options.ni_shown and part.person.ni_number:
            heading += (
                " (" + translate("Export", "NI number {ni}").format(ni=part.person.ni_number) + ")"
            )
        lines += [f"## {heading}", "", f"*{content.kept_by([name])}*", ""]
        found = tallies(part.summary)
        lines += [tally.text for tally in found if tally.group is None]
        lines += [""] if any(tally.group is None for tally in found) else []
        for group in Group:
            grouped = [tally.text for tally in found if tally.group is group]
            if grouped:
                lines += [f"**{group_title(group)}**", "", *[f"- {s}" for s in grouped], ""]
            if grouped and group is Group.PRIVACY:
                lines += [f"- {name}: {text}." for name, text in breakdown(part.summary)]
                lines.append("")
        if not part.entries:
            lines += [translate("Export", "Nothing recorded for this period."), ""]
        for entry in part.entries:
            lines += _entry(present(entry, name))
            lines += _attached(content.attachments_of(entry.record.id))
    lines += _appendix(content)
    lines += _statement(content)
    return "\n".join(lines).rstrip() + "\n"
