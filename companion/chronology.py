"""The dispute so far: each step of a person's record in date order, the clock it started,
and whether the step that answers it came in time.

Only steps with a rule in companion/deadlines.py start a clock; nothing else is given a
deadline (an adjustment request, for one, has none in law). A step's clock runs from the
date the rule names: the date on a letter (a decision, a reconsideration notice, a response
sent) or the day a request was received (a complaint, a subject access request, DWP's final
response), taken as the day it was marked received, or else its date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from companion import deadlines as d
from companion.model import Benefit, Event, EventKind, Person

Clock = Callable[[Event, Person, Benefit | None], d.Deadline]


def _received(event: Event) -> date:
    return event.received_on or event.date


# What starts a clock, how it is worked out, and which later steps answer it.
CLOCKS: dict[EventKind, tuple[Clock, tuple[EventKind, ...]]] = {
    EventKind.DECISION_LETTER: (
        lambda e, p, b: d.mandatory_reconsideration(e.date, p.region, b),
        (EventKind.MR_REQUESTED,),
    ),
    EventKind.MR_NOTICE: (
        lambda e, p, b: d.appeal(e.date, p.region, b),
        (EventKind.APPEAL_LODGED,),
    ),
    EventKind.DWP_RESPONSE: (
        lambda e, p, _b: d.one_month_tribunal_step("reply", e.date, p.region),
        (),
    ),
    EventKind.TRIBUNAL_DECISION: (
        lambda e, p, _b: d.one_month_tribunal_step("tribunal_reasons", e.date, p.region),
        (),
    ),
    EventKind.COMPLAINT_SENT: (
        lambda e, p, _b: d.dwp_complaint(_received(e), p.region),
        (EventKind.REPLY_RECEIVED, EventKind.FINAL_RESPONSE),
    ),
    EventKind.FINAL_RESPONSE: (
        lambda e, _p, _b: d.ice(_received(e)),
        (EventKind.ICE_REFERRAL,),
    ),
    EventKind.SAR_SENT: (
        lambda e, p, _b: d.subject_access_request(_received(e), p.region),
        (EventKind.SAR_ANSWERED,),
    ),
}


@dataclass(frozen=True)
class Step:
    event: Event
    deadline: d.Deadline | None = None  # the clock this step started, if any
    answer: Event | None = None  # the first later step that answers it

    @property
    def in_time(self) -> bool | None:
        """True if the answer came by the deadline, False if after it, None if no answer yet
        (or no clock). The answer's own received date is used where it was marked."""
        if self.deadline is None or self.answer is None:
            return None
        return _received(self.answer) <= self.deadline.due

    def overdue(self, today: date) -> bool:
        return self.deadline is not None and self.answer is None and today > self.deadline.due


def chronology(person: Person, events: Iterable[Event]) -> list[Step]:
    """The person's steps in date order, each with the clock it started and its answer."""
    mine = sorted((e for e in events if e.person_id == person.id), key=lambda e: e.date)
    steps = []
    for index, event in enumerate(mine):
        clock = CLOCKS.get(event.kind)
        if clock is None:
            steps.append(Step(event))
            continue
        make, answered_by = clock
        benefit = event.benefit or (person.benefits[0] if person.benefits else None)
        later = mine[index + 1 :]
        answer = next((e for e in later if e.kind in answered_by), None)
        steps.append(Step(event, make(event, person, benefit), answer))
    return steps


def due_soon(steps: Iterable[Step], today: date, days: int = 30) -> list[Step]:
    """Steps still waiting for an answer whose deadline is overdue or within `days`, the
    soonest first."""
    waiting = [
        s
        for s in steps
        if s.deadline is not None and s.answer is None and (s.deadline.due - today).days <= days
    ]
    return sorted(waiting, key=lambda s: s.deadline.due)  # type: ignore[union-attr]
