"""The dated log as Markdown: plain enough to paste into an email or a letter."""

from __future__ import annotations

from companion.export import facts
from companion.export.content import Entry, ExportContent, PersonPart
from companion.export.options import ATTESTATION, Part, intro, title
from companion.i18n import long_date, long_datetime, translate
from companion.model import Appointment
from companion.summary import sentences


def _entry(entry: Entry, part: PersonPart, parts: frozenset[Part]) -> list[str]:
    record, saved = entry.record, entry.saved
    lines = [f"### {facts.heading(record)}", ""]
    if saved.damaged:
        lines += [f"**{facts.damaged_note()}**", ""]
    lines += [f"*{facts.written_note(record.date, saved.written_at, saved.imported_at)}*", ""]
    pairs = (
        facts.appointment_facts(record)
        if isinstance(record, Appointment)
        else facts.event_facts(record)
    )
    lines += [f"- **{name}:** {text}" for name, text in pairs]
    if pairs:
        lines.append("")
    if isinstance(record, Appointment):
        if record.account and Part.ACCOUNT in parts:
            lines += [f"**{translate('Export', 'What happened')}:**", "", record.account, ""]
        if (record.impact or record.distress is not None) and Part.IMPACT in parts:
            name = part.person.display_name
            heading = translate("Export", "How it affected {name}").format(name=name)
            lines += [f"**{heading}:**", ""]
            if record.impact:
                lines.append(record.impact)
            if record.distress is not None:
                lines.append(
                    translate("Export", "Distress: {n} out of 10.").format(n=record.distress)
                )
            lines.append("")
    for correction in entry.corrections:
        when = translate("Export", "Corrected on {when}:").format(
            when=long_datetime(correction.saved_at)
        )
        lines.append(f"*{when}*")
        lines += [
            "- "
            + translate("Export", '{field}: was "{before}", now "{after}"').format(
                field=c.label, before=c.before, after=c.after
            )
            for c in correction.changes
        ]
        lines.append("")
    return lines


def render(content: ExportContent) -> str:
    options = content.options
    keeper = ", ".join(p.person.display_name for p in content.people)
    lines = [f"# {title(options.purpose)}", "", intro(options.purpose, keeper), ""]
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
    ]
    for part in content.people:
        heading = part.person.display_name
        if options.ni_shown and part.person.ni_number:
            heading += (
                " (" + translate("Export", "NI number {ni}").format(ni=part.person.ni_number) + ")"
            )
        lines += [f"## {heading}", ""]
        summary = sentences(part.summary)
        lines += [f"- {s}" for s in summary]
        if summary:
            lines.append("")
        if not part.entries:
            lines += [translate("Export", "Nothing recorded for this period."), ""]
        for entry in part.entries:
            lines += _entry(entry, part, options.parts)
    if options.attest_as is not None:
        lines += [
            f"## {translate('Export', 'Statement')}",
            "",
            translate("Purpose", ATTESTATION),
            "",
            translate("Export", "Name: {name}").format(name=options.attest_as),
            "",
            translate("Export", "Signed: ______________________   Date: ______________"),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
