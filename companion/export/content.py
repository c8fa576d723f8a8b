"""What an export holds, worked out once and drawn by every format the same way.

`prepare` picks the people and entries, puts them in date order, applies the
redactions, and gathers each entry's corrections and the summary.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from companion.export.options import ExportOptions, Part
from companion.export.redact import redact_record
from companion.fingerprint import Fingerprint
from companion.history import Correction, corrections
from companion.ledger import Saved, Version
from companion.model import Appointment, Event, Person
from companion.query import select
from companion.summary import Summary, summarise
from companion.vault import Vault


@dataclass(frozen=True)
class Entry:
    saved: Saved  # as stored, for its times and flags
    record: Appointment | Event  # as it will be shown: redacted, and without the parts left out
    corrections: list[Correction]
    counted: Appointment | Event  # redacted only: what the summary counts


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

    @property
    def entries(self) -> list[Entry]:
        return [entry for part in self.people for entry in part.entries]

    def period(self) -> tuple[date | None, date | None]:
        """The chosen dates, or else the first and last entry's."""
        chosen = self.options.selection
        days = [e.record.date for e in self.entries]
        first = chosen.date_from or (min(days) if days else None)
        last = chosen.date_to or (max(days) if days else None)
        return first, last


def _redacted_versions(versions: list[Version], options: ExportOptions) -> list[Version]:
    return [
        Version(
            v.saved_at,
            None if v.record is None else redact_record(v.record, options.redact, options.left_out),
            v.imported_at,
        )
        for v in versions
    ]


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
    left_out = options.left_out
    by_person: dict[str, list[Saved]] = {}
    for saved in chosen:  # date order is kept within each person's list
        by_person.setdefault(saved.record.person_id, []).append(saved)
    parts = []
    for saved_person in everyone:
        if saved_person.record.id not in wanted:
            continue
        entries = []
        for saved in by_person.get(saved_person.record.id, []):
            fixes: list[Correction] = []
            if saved.corrected and Part.CORRECTIONS in options.parts:
                fixes = corrections(_redacted_versions(vault.versions(saved.record.id), options))
                # A correction only to what was left out shows nothing: leave it out too.
                fixes = [fix for fix in fixes if fix.changes]
            shown = redact_record(saved.record, options.redact, left_out)
            tallied = redact_record(saved.record, options.redact)
            entries.append(Entry(saved, shown, fixes, tallied))  # type: ignore[arg-type]
        person = redact_record(saved_person.record, options.redact)
        parts.append(PersonPart(saved_person, person, entries))  # type: ignore[arg-type]
    return ExportContent(options, vault.now(), vault.fingerprint(), parts)
