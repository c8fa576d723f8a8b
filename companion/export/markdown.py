"""The dated log as Markdown: plain enough to paste into an email or a letter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from companion.export import facts
from companion.fingerprint import Fingerprint
from companion.i18n import long_datetime, translate
from companion.ledger import Saved, Version
from companion.model import Appointment, Person


def _entry(saved: Saved, person: Person, history: Callable[[str], list[Version]]) -> list[str]:
    record = saved.record
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
        if record.account:
            lines += [f"**{translate('Export', 'What happened')}:**", "", record.account, ""]
        if record.impact or record.distress is not None:
            title = translate("Export", "How it affected {name}").format(name=person.display_name)
            lines += [f"**{title}:**", ""]
            if record.impact:
                lines.append(record.impact)
            if record.distress is not None:
                lines.append(
                    translate("Export", "Distress: {n} out of 10.").format(n=record.distress)
                )
            lines.append("")
    if saved.corrected:
        note = facts.corrections_note([v.saved_at for v in history(record.id)])
        lines += [f"*{note}*", ""]
    return lines


def render(
    people: list[Saved[Person]],
    entries: list[Saved],
    history: Callable[[str], list[Version]],
    exported_at: datetime,
    fingerprint: Fingerprint,
) -> str:
    lines = [f"# {translate('Export', 'Record of appointments and letters')}", ""]
    lines.append(
        translate(
            "Export", "Exported {when}. Vault fingerprint {short} ({size} saved changes)."
        ).format(when=long_datetime(exported_at), short=fingerprint.short(), size=fingerprint.size)
    )
    lines.append("")
    for person in people:
        mine = [e for e in entries if e.record.person_id == person.record.id]
        lines += [f"## {person.record.display_name}", ""]
        if not mine:
            lines += [translate("Export", "Nothing recorded for this period."), ""]
        for saved in mine:
            lines += _entry(saved, person.record, history)
    return "\n".join(lines).rstrip() + "\n"
