"""What a letter is filled from: the person, the keeper, the entries chosen, and the steps of
the dispute the record already holds (an earlier complaint, DWP's final response, a request
still waiting for its answer)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from companion.chronology import Step, chronology
from companion.errors import InvalidInput
from companion.ledger import Saved
from companion.letters.kinds import CHASED, LetterKind
from companion.model import Appointment, Event, EventKind, Keeper, Person
from companion.problems import problems_of
from companion.vault import Vault


@dataclass(frozen=True)
class Facts:
    """Everything a letter about one person is filled from."""

    person: Person
    keeper: Keeper | None
    chosen: tuple[Saved, ...]  # appointments, or for a chaser the requests, in date order
    events: tuple[Event, ...]  # every event of the person, in date order
    steps: tuple[Step, ...]  # the person's dispute so far (companion/chronology.py)

    @property
    def appointments(self) -> list[Appointment]:
        return [s.record for s in self.chosen if isinstance(s.record, Appointment)]

    @property
    def requests(self) -> list[Event]:
        return [s.record for s in self.chosen if isinstance(s.record, Event)]


def _order(saved: Saved) -> tuple[date, time, str]:
    record = saved.record
    return (record.date, getattr(record, "time", None) or time(0), record.id)


def find_person(vault: Vault, person_id: str) -> Person:
    for saved in vault.people():
        if saved.record.id == person_id and not saved.damaged:
            return saved.record
    raise InvalidInput("", "person", person_id, "the id of a person in the vault")


def _answer_to_adjustment(request: Event, events: Iterable[Event]) -> Event | None:
    """An adjustment request has no clock, so its answer is found here: the first answer
    recorded on or after the day it was sent."""
    later = [
        e for e in events if e.kind is EventKind.ADJUSTMENT_ANSWERED and e.date >= request.date
    ]
    return min(later, key=lambda e: e.date, default=None)


def waiting(person: Person, events: list[Event]) -> list[Event]:
    """The complaints, subject access requests and adjustment requests with no answer."""
    answered = {s.event.id for s in chronology(person, events) if s.answer is not None}
    mine = [e for e in events if e.person_id == person.id and e.kind in CHASED]
    return [
        e
        for e in mine
        if e.id not in answered
        and not (e.kind is EventKind.ADJUSTMENT_REQUESTED and _answer_to_adjustment(e, events))
    ]


def candidates(vault: Vault, person_id: str, kind: LetterKind) -> list[Saved]:
    """What the person choosing may tick, in date order: the person's appointments, or for a
    chaser the requests still waiting for an answer."""
    person = find_person(vault, person_id)
    if kind is LetterKind.CHASER:
        saved = [s for s in vault.events() if s.record.person_id == person.id]
        open_ids = {e.id for e in waiting(person, [s.record for s in saved])}
        return sorted((s for s in saved if s.record.id in open_ids), key=_order)
    mine = [s for s in vault.appointments() if s.record.person_id == person.id]
    return sorted(mine, key=_order)


def _with_problem(saved: Saved) -> bool:
    return isinstance(saved.record, Appointment) and bool(problems_of(saved.record))


def gather(
    vault: Vault,
    person_id: str,
    kind: LetterKind,
    entry_ids: tuple[str, ...] | None,
    on: date | None = None,
) -> Facts:
    """The facts for a letter dated `on`; an entry id that is not one of the choices is
    refused. Without a choice, nothing dated after the letter is listed."""
    person = find_person(vault, person_id)
    offered = candidates(vault, person_id, kind)
    if entry_ids is None:
        chosen = [
            s
            for s in offered
            if (kind is LetterKind.CHASER or _with_problem(s))
            and (on is None or s.record.date <= on)
        ]
    else:
        by_id = {s.record.id: s for s in offered}
        for entry_id in entry_ids:
            if entry_id not in by_id:
                what = (
                    "the id of a request recorded for {name} that is still waiting for an answer"
                    if kind is LetterKind.CHASER
                    else "the id of an appointment recorded for {name}"
                )
                raise InvalidInput("", "entry", entry_id, what.format(name=person.display_name))
        chosen = sorted({by_id[i].record.id: by_id[i] for i in entry_ids}.values(), key=_order)
    events = sorted(
        (s.record for s in vault.events() if s.record.person_id == person.id),
        key=lambda e: e.date,
    )
    keeper = vault.keeper()
    return Facts(
        person=person,
        keeper=keeper.record if keeper else None,
        chosen=tuple(chosen),
        events=tuple(events),
        steps=tuple(chronology(person, events)),
    )


def latest_reference(facts: Facts) -> str:
    """The most recent reference on the chosen entries ("" if none has one)."""
    dated = [
        (r.date, r.complaint_reference if isinstance(r, Appointment) else r.reference)
        for r in (s.record for s in facts.chosen)
    ]
    found = [(day, ref.strip()) for day, ref in dated if ref.strip()]
    return max(found, key=lambda pair: pair[0])[1] if found else ""


# An evidence summary goes with a reconsideration or an appeal, so it quotes their reference.
APPEAL_STEPS = (
    EventKind.DECISION_LETTER,
    EventKind.MR_REQUESTED,
    EventKind.MR_NOTICE,
    EventKind.APPEAL_LODGED,
    EventKind.DWP_RESPONSE,
    EventKind.HEARING,
    EventKind.ADJOURNMENT,
    EventKind.TRIBUNAL_DECISION,
)
# The letters about a complaint (or, for a chaser, about the requests chased) quote the
# reference on the entries they list.
ABOUT_ENTRIES = (LetterKind.COMPLAINT, LetterKind.ICO, LetterKind.ICE, LetterKind.CHASER)


def reference_for(kind: LetterKind, facts: Facts, on: date) -> str:
    """The reference a letter quotes when none is given: a complaint's reference only in a
    letter about that complaint, a reconsideration's or appeal's in an evidence summary, and
    none in a new request (a subject access or reasonable-adjustment request), where a
    complaint's reference would send it to the wrong team."""
    if kind in ABOUT_ENTRIES:
        return latest_reference(facts)
    if kind is LetterKind.EVIDENCE:
        found = [
            e.reference.strip()
            for e in facts.events
            if e.kind in APPEAL_STEPS and e.date <= on and e.reference.strip()
        ]
        return found[-1] if found else ""
    return ""


def organisation(facts: Facts) -> str:
    """The organisation recorded on the chosen entries: the one named most often, the most
    recent where two are named as often; "" where none is recorded."""
    names = [s.record.organisation.strip() for s in facts.chosen if s.record.organisation.strip()]
    if not names:
        return ""
    counts = Counter(names)
    most = max(counts.values())
    return next(n for n in reversed(names) if counts[n] == most)


def last_before(facts: Facts, kinds: tuple[EventKind, ...], on: date) -> Event | None:
    """The most recent event of these kinds dated on or before `on`."""
    found = [e for e in facts.events if e.kind in kinds and e.date <= on]
    return found[-1] if found else None


def replies_after(facts: Facts, complaint: Event, on: date) -> list[Event]:
    """The replies and final responses recorded after a complaint, up to `on`."""
    kinds = (EventKind.REPLY_RECEIVED, EventKind.FINAL_RESPONSE)
    return [e for e in facts.events if e.kind in kinds and complaint.date <= e.date <= on]


def step_of(facts: Facts, event: Event) -> Step | None:
    return next((s for s in facts.steps if s.event.id == event.id), None)
