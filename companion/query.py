"""Choosing entries: by person, dates, kind, text, and "only appointments with a problem".

Search runs in memory over decrypted records: the vault file holds no
plaintext to search. The same selection drives the command line's `list`,
every export and the desktop timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from enum import Enum

from companion.labels import label, source_label
from companion.ledger import Saved
from companion.model import (
    Adjustment,
    Appointment,
    AppointmentKind,
    Event,
    EventKind,
    Person,
)
from companion.presentation.facts import appointment_facts, event_facts
from companion.problems import problem_label, problems_of


@dataclass(frozen=True)
class Selection:
    """Which entries to show or export. Empty means "everything"."""

    person_ids: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    kinds: frozenset[AppointmentKind | EventKind] = frozenset()
    problems_only: bool = False  # appointments with any problem; letters and events stay
    text: str = ""
    include_events: bool = True

    @property
    def dates_in_order(self) -> bool:
        """False when the start date is after the end date (nothing could match)."""
        return not (self.date_from and self.date_to and self.date_from > self.date_to)


def sort_key(saved: Saved) -> tuple[date, time, datetime]:
    """Date order: the day, then the time (events and untimed entries first), then when written."""
    record = saved.record
    at = record.time if isinstance(record, Appointment) and record.time else time.min
    return (record.date, at, saved.written_at)


# Ids are not words a person searches for (a short search would match their hex digits).
_NOT_SEARCHED = frozenset({"id", "person_id"})


def _searchable(record: Appointment | Event, person: Person | None) -> str:
    """Everything a person could search an entry for: what was typed, the labels of its
    answers (in English and as shown), and the entry's facts and problems as they are worded
    on screen ("They said they wore headphones: Yes", "Private room asked for and refused")."""
    parts: list[str] = [person.display_name] if person else []
    for f in fields(record):
        if f.name in _NOT_SEARCHED:
            continue
        value = getattr(record, f.name)
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, Enum):
                parts += [source_label(item), label(item)]
            elif isinstance(item, str):
                parts.append(item)
            elif isinstance(item, Adjustment):
                parts += [item.detail, item.reason_given]
                parts += [
                    w for v in (item.kind, item.outcome) if v for w in (source_label(v), label(v))
                ]
    if isinstance(record, Appointment):
        facts = appointment_facts(record, record)
        parts += [problem_label(p) for p in problems_of(record)]
    else:
        facts = event_facts(record, record)
    parts += [f"{fact.label}: {fact.text}" for fact in facts]
    return "\n".join(parts).casefold()


class TextIndex:
    """Each entry's searchable text, folded once, so search can run as a person types.

    Build a new one whenever the vault's contents change.
    """

    def __init__(self, entries: Iterable[Saved], people: Iterable[Saved[Person]]) -> None:
        by_id = {p.record.id: p.record for p in people}
        self._text = {
            e.record.id: _searchable(e.record, by_id.get(e.record.person_id)) for e in entries
        }

    def contains_all(self, record_id: str, words: list[str]) -> bool:
        haystack = self._text.get(record_id, "")
        return all(word in haystack for word in words)


def matches(
    saved: Saved, selection: Selection, people: dict[str, Person], index: TextIndex | None = None
) -> bool:
    record = saved.record
    if selection.person_ids and record.person_id not in selection.person_ids:
        return False
    if selection.date_from and record.date < selection.date_from:
        return False
    if selection.date_to and record.date > selection.date_to:
        return False
    if isinstance(record, Event):
        if not selection.include_events:
            return False
    elif selection.problems_only and not problems_of(record):
        return False
    # Compare by type too: AppointmentKind.OTHER and EventKind.OTHER are both "other".
    if selection.kinds and (type(record.kind), record.kind) not in {
        (type(k), k) for k in selection.kinds
    }:
        return False
    if selection.text:
        words = selection.text.casefold().split()
        if index is not None:
            return index.contains_all(record.id, words)
        haystack = _searchable(record, people.get(record.person_id))
        if not all(word in haystack for word in words):
            return False
    return True


def select(
    entries: Iterable[Saved],
    people: Iterable[Saved[Person]],
    selection: Selection,
    index: TextIndex | None = None,
) -> list[Saved]:
    """The entries that match, in date order."""
    by_id = {p.record.id: p.record for p in people}
    return sorted((e for e in entries if matches(e, selection, by_id, index)), key=sort_key)


def previous_values(appointments: Iterable[Saved[Appointment]], field: str) -> list[str]:
    """What was written in a text field before (places, staff names), most recent first."""
    ordered = sorted(appointments, key=sort_key, reverse=True)
    seen: dict[str, str] = {}
    for saved in ordered:
        value = getattr(saved.record, field).strip()
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return list(seen.values())


def find_people(people: Iterable[Saved[Person]], name: str) -> list[Person]:
    """People whose name matches exactly (ignoring case and extra spaces)."""
    wanted = " ".join(name.split()).casefold()
    return [
        p.record for p in people if " ".join(p.record.display_name.split()).casefold() == wanted
    ]
