"""How a letter words the record: each incident in one line, who is writing and in what
capacity, the language to reply in, and whose rules apply."""

from __future__ import annotations

import companion.export  # noqa: F401 (presentation.entry needs it loaded whole first)
from companion.deadlines import Body, body_for
from companion.i18n import long_date, translate
from companion.labels import label
from companion.ledger import Saved
from companion.letters.record import Facts
from companion.letters.template import Blank, Items, Text
from companion.model import Appointment, Event, Language, Person, Region, Relationship, Role
from companion.presentation.entry import gap, heading
from companion.presentation.facts import where
from companion.presentation.keeper import capacities
from companion.problems import problem_label, problems_of


def _tr(text: str) -> str:
    return translate("Letters", text)


def own_claim(person: Person) -> bool:
    return person.role is Role.CLAIMANT and person.relationship is Relationship.SELF


def writing_as(person: Person) -> str:
    """Who is writing, in one sentence. A name is never made possessive ("Dylan Sample
    (fictional)'s" reads badly): the capacity comes first, as the signature words it."""
    name = person.display_name
    if own_claim(person):
        return _tr("I am writing about my own claim.")
    sentences = {
        Role.OFFICIAL_APPOINTEE: _tr("I am writing as the official appointee for {name}."),
        Role.INFORMAL_HELPER: _tr("I am writing on behalf of {name}, as their informal helper."),
        Role.POWER_OF_ATTORNEY: _tr(
            "I am writing as the attorney for {name}, under a power of attorney."
        ),
        Role.CLAIMANT: _tr("I am writing about the claim of {name}, and I keep the record of it."),
    }
    return sentences[person.role].format(name=name)


def capacity_line(person: Person) -> str:
    """The signature's second line: "Official appointee for Dylan", "The claimant"."""
    text = capacities([person])
    return text[:1].upper() + text[1:]


def reply_language(person: Person) -> Text:
    """Always stated: the language to reply in."""
    if person.preferred_language is Language.WELSH:
        return (_tr("Please reply in Welsh."),)
    if person.preferred_language is Language.OTHER:
        return (_tr("Please reply in "), Blank(_tr("the language to reply in")), ".")
    return (_tr("Please reply in English."),)


def _problems(record: Appointment) -> str:
    found = problems_of(record)
    if not found:
        return _tr("No problem recorded.")
    return _tr("Problems found: {list}.").format(list="; ".join(problem_label(p) for p in found))


def incident_line(saved: Saved, *, written: bool = False, problems: bool = True) -> Text:
    """One line: the date, what kind, where, and the problems found, in the words every
    export uses; with `written`, how soon after the day the note was written; without
    `problems`, only which appointment it was (a subject access request asks for the notes,
    it does not argue about them)."""
    record = saved.record
    if isinstance(record, Event):
        return (request_line(record),)
    parts = [heading(record)]
    place = where(record)
    if place:
        parts.append(place)
    if problems:
        parts.append(_problems(record))
    line = ". ".join(p.rstrip(".") for p in parts) + "."
    if written:
        line += " " + written_when(saved)
    return (line,)


def written_when(saved: Saved) -> str:
    """How soon after the day the note was written, and when it was last corrected: the
    problems listed come from its latest wording, so a correction is never passed off as
    written on the day."""
    day = saved.record.date
    if saved.imported_at is not None and saved.written_at == saved.imported_at:
        if saved.handed_over:
            return _tr(
                "When the note was written is not known: it was handed over from records "
                "someone else kept."
            )
        return _tr("When the note was written is not known: it was brought in from a file.")
    if saved.version_count > 1 and saved.last_saved_at != saved.written_at:
        return _tr("Note written {gap}; last corrected {later}.").format(
            gap=gap(day, saved.written_at), later=gap(day, saved.last_saved_at)
        )
    return _tr("Note written {gap}.").format(gap=gap(day, saved.written_at))


def request_line(event: Event) -> str:
    """A request in one line: "Monday 22 September 2025: Complaint sent, to DWP, reference X"."""
    text = f"{long_date(event.date)}: {label(event.kind)}"
    if event.organisation:
        text += _tr(", to {organisation}").format(organisation=event.organisation)
    if event.reference:
        text += _tr(", reference {reference}").format(reference=event.reference)
    return text


def incidents(facts: Facts, *, written: bool = False, problems: bool = True) -> Items | Blank:
    if not facts.chosen:
        return Blank(_tr("the appointments this is about"))
    return Items(tuple(incident_line(s, written=written, problems=problems) for s in facts.chosen))


def bodies(facts: Facts) -> set[Body]:
    """Whose rules apply to the person's benefits: DWP's for Great Britain, Social Security
    Scotland's, or the Department for Communities' in Northern Ireland."""
    benefits = {getattr(s.record, "benefit", None) for s in facts.chosen} | set(
        facts.person.benefits
    )
    benefits.discard(None)
    return {body_for(b, facts.person.region) for b in benefits or {None}}


def jurisdiction_notes(facts: Facts) -> list[str]:
    """Where the rules this letter names (DWP's, for Great Britain) may not be the person's:
    said in the draft notice, never applied silently."""
    name = facts.person.display_name
    found = bodies(facts)
    notes = []
    if Body.SOCIAL_SECURITY_SCOTLAND in found:
        notes.append(
            _tr(
                "Adult Disability Payment, recorded for {name}, is run by Social Security "
                "Scotland, not DWP: its own rules apply (complaints within 6 months, then the "
                "Scottish Public Services Ombudsman within 12 months, not the Independent Case "
                "Examiner), and any DWP rule named here is not one of them."
            ).format(name=name)
        )
    if facts.person.region is Region.NORTHERN_IRELAND:
        notes.append(
            _tr(
                "{name} lives in Northern Ireland, where the Department for Communities' own "
                "rules apply and the Disability Discrimination Act 1995 stands in place of the "
                "Equality Act 2010; a time limit named here may differ there."
            ).format(name=name)
        )
    return notes


def is_dwp(organisation: str) -> bool:
    """Whether the organisation recorded is DWP itself (a jobcentre included)."""
    text = organisation.casefold()
    return any(word in text for word in ("dwp", "jobcentre", "department for work and pensions"))
