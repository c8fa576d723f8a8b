"""What an export holds, worked out once and drawn by every format the same way.

`prepare` picks the people and entries, puts them in date order, applies the
redactions, and works out for each entry what is shown and when that wording
was saved (companion/presentation/entry.py), and who kept the record.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from companion.export.options import ExportOptions, Part
from companion.export.redact import redact_record
from companion.fingerprint import Fingerprint
from companion.ledger import Saved
from companion.model import Appointment, Keeper, Person
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

    @cached_property
    def summary(self) -> Summary:
        """The counts for the cover page (worked out only by the formats that show them)."""
        return summarise(counted(self.entries))


@dataclass(frozen=True)
class ExportContent:
    options: ExportOptions
    generated_at: datetime
    fingerprint: Fingerprint
    people: list[PersonPart]
    keeper: Keeper | None = None

    @property
    def entries(self) -> list[Entry]:
        return [entry for part in self.people for entry in part.entries]

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
    chosen = select(
        [*vault.appointments(), *vault.events()],
        everyone,
        dataclasses.replace(selection, include_events=include_events),
    )
    wanted = selection.person_ids or {p.record.id for p in everyone}
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
        parts.append(PersonPart(saved_person, person, entries))  # type: ignore[arg-type]
    keeper = vault.keeper()
    return ExportContent(
        options, vault.now(), vault.fingerprint(), parts, None if keeper is None else keeper.record
    )
