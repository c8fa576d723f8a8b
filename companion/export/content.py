"""What an export holds, worked out once and drawn by every format the same way.

`prepare` picks the people and entries, puts them in date order, applies the
redactions, and works out for each entry what is shown and when that wording
was saved (companion/presentation/entry.py), the files attached to it, and who
kept the record.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from companion.chronology import Step, chronology
from companion.engaged import Finding, findings
from companion.export.options import ExportOptions, Part
from companion.export.redact import redact_record
from companion.fingerprint import Fingerprint
from companion.i18n import local
from companion.ledger import Saved
from companion.model import Appointment, Attachment, Event, Keeper, Person
from companion.presentation.entry import ShownEntry, shown_entry
from companion.presentation.keeper import kept_by
from companion.query import select
from companion.summary import Summary, summarise
from companion.vault import Vault

Entry = ShownEntry


def counted(entries: list[Entry]) -> list[Appointment]:
    """The appointments among `entries`, as the summary and the chart count them."""
    return [e.counted for e in entries if isinstance(e.counted, Appointment)]


@dataclass(frozen=True)
class PersonPart:
    saved: Saved[Person]
    person: Person  # redacted
    entries: list[Entry]
    # Every letter and event of the person in the vault, chosen or not: a step's answer may
    # fall outside the chosen dates, and "nothing recorded" must mean nothing in the record.
    all_events: tuple[Event, ...] = ()

    @cached_property
    def summary(self) -> Summary:
        """The counts for the cover page (worked out only by the formats that show them)."""
        return summarise(counted(self.entries))

    @cached_property
    def steps(self) -> list[Step]:
        """The dispute so far: the letters and events in this export, each with the deadline it
        started and its answer, looked for in the whole record."""
        shown = {e.record.id for e in self.entries if isinstance(e.record, Event)}
        steps = chronology(self.saved.record, self.all_events)
        return [step for step in steps if step.event.id in shown]

    @cached_property
    def step_for(self) -> dict[str, Step]:
        """The step each event with a deadline started, by the event's id."""
        return {s.event.id: s for s in self.steps if s.deadline is not None}

    @cached_property
    def findings(self) -> list[Finding]:
        """What the chosen appointments show, beside the rules it may engage (under the rules
        of the person's own nation)."""
        return findings(counted(self.entries), self.saved.record.region)


@dataclass(frozen=True)
class ExportContent:
    options: ExportOptions
    generated_at: datetime
    fingerprint: Fingerprint
    people: list[PersonPart]
    keeper: Keeper | None = None
    # The files attached to the entries in this copy, as kept (not deleted), by entry id, in
    # the order they were attached. Their contents are never in an export: only what they
    # are and their SHA-256, so a copy of each can be checked.
    attachments: dict[str, tuple[Saved[Attachment], ...]] = field(default_factory=dict)

    @property
    def entries(self) -> list[Entry]:
        return [entry for part in self.people for entry in part.entries]

    def attachments_of(self, entry_id: str) -> list[tuple[Attachment, Attachment]]:
        """An entry's attached files, each as shown (with what this copy leaves out emptied)
        and as kept."""
        redact = self.options.redactions
        return [
            (redact_record(s.record, redact), s.record)  # type: ignore[misc]
            for s in self.attachments.get(entry_id, ())
        ]

    @property
    def attachment_count(self) -> int:
        return sum(len(found) for found in self.attachments.values())

    @property
    def today(self) -> date:
        """The day the export was made, where the person is: what "overdue" is measured from."""
        return local(self.generated_at).date()

    @property
    def has_dispute(self) -> bool:
        return any(part.steps for part in self.people)

    def kept_by(self, names: list[str] | None = None) -> str:
        """ "Kept by A, official appointee for B", for everyone here or the people named."""
        people = [p.person for p in self.people]
        if names is not None:
            people = [p for p in people if p.display_name in names]
        return kept_by(self.keeper, people)

    def period(self) -> tuple[date | None, date | None]:
        """The chosen dates, or else the first and last entry's."""
        chosen = self.options.selection
        days = [e.record.date for e in self.entries]
        first = chosen.date_from or (min(days) if days else None)
        last = chosen.date_to or (max(days) if days else None)
        return first, last


def prepare(vault: Vault, options: ExportOptions) -> ExportContent:
    everyone = vault.people()
    selection = options.selection
    include_events = selection.include_events and Part.LETTERS in options.parts
    every_event = vault.events()
    chosen = select(
        [*vault.appointments(), *every_event],
        everyone,
        dataclasses.replace(selection, include_events=include_events),
    )
    wanted = selection.person_ids or {p.record.id for p in everyone}
    events: dict[str, list[Event]] = {}
    if include_events:
        for saved in every_event:
            events.setdefault(saved.record.person_id, []).append(saved.record)
    by_person: dict[str, list[Saved]] = {}
    for saved in chosen:  # date order is kept within each person's list
        by_person.setdefault(saved.record.person_id, []).append(saved)
    parts = []
    for saved_person in everyone:
        if saved_person.record.id not in wanted:
            continue
        entries = []
        for saved in by_person.get(saved_person.record.id, []):
            # Only a corrected entry has earlier versions to read.
            versions = vault.versions(saved.record.id) if saved.corrected else []
            entries.append(shown_entry(saved, versions, options))
        person = redact_record(saved_person.record, options.redactions)
        mine = tuple(events.get(saved_person.record.id, ()))
        parts.append(PersonPart(saved_person, person, entries, mine))  # type: ignore[arg-type]
    keeper = vault.keeper()
    return ExportContent(
        options,
        vault.now(),
        vault.fingerprint(),
        parts,
        None if keeper is None else keeper.record,
        _attached(vault, parts),
    )


def _attached(vault: Vault, parts: list[PersonPart]) -> dict[str, tuple[Saved[Attachment], ...]]:
    """The files attached to the entries chosen, by entry id (in the order attached)."""
    chosen = {entry.record.id for part in parts for entry in part.entries}
    found: dict[str, list[Saved[Attachment]]] = {}
    for saved in vault.attachments():
        if saved.record.entry_id in chosen:
            found.setdefault(saved.record.entry_id, []).append(saved)
    return {entry_id: tuple(kept) for entry_id, kept in found.items()}
