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
from datetime import date, timedelta

from companion import deadlines as d
from companion.i18n import long_date, translate, translate_n
from companion.model import APP_WRITTEN_KINDS, Benefit, Event, EventKind, Person

Clock = Callable[[Event, Person, Benefit | None], d.Deadline | None]

# How a complaint's recipient is written when it is DWP itself.
DWP_NAMES = ("dwp", "department for work", "jobcentre")


def _received(event: Event) -> date:
    return event.received_on or event.date


def _dwp_complaint(event: Event, person: Person, benefit: Benefit | None) -> d.Deadline | None:
    """DWP's 15 working days is DWP's own target: not Social Security Scotland's, not the
    Department for Communities', and not an assessment provider's, so a complaint to any of
    them starts no clock here."""
    if d.body_for(benefit, person.region) is not d.Body.DWP:
        return None
    to = event.organisation.casefold()
    if to and not any(name in to for name in DWP_NAMES):
        return None
    return d.dwp_complaint(_received(event), person.region)


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
        _dwp_complaint,
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

    @property
    def dated_in_time(self) -> bool | None:
        """Whether the answer's own date (when it was sent) was by the deadline, however late
        it arrived; None if there is no answer (or no clock)."""
        if self.deadline is None or self.answer is None:
            return None
        return self.answer.date <= self.deadline.due

    @property
    def answerable(self) -> bool:
        """Whether the record has a step that answers this one. Your reply to DWP's response,
        or asking the tribunal for its reasons, is a choice the record has no place for."""
        clock = CLOCKS.get(self.event.kind)
        return clock is not None and bool(clock[1])

    def overdue(self, today: date) -> bool:
        """Its deadline has passed with no answer recorded, where the record has a place for
        one (an optional step is never overdue)."""
        return (
            self.deadline is not None
            and self.answer is None
            and self.answerable
            and today > self.deadline.due
        )


def chronology(person: Person, events: Iterable[Event]) -> list[Step]:
    """The person's steps in date order, each with the clock it started and its answer."""
    mine = sorted(
        (e for e in events if e.person_id == person.id and e.kind not in APP_WRITTEN_KINDS),
        key=lambda e: e.date,
    )  # a note the app wrote itself (records handed over) is no step of a dispute
    steps = []
    for index, event in enumerate(mine):
        clock = CLOCKS.get(event.kind)
        if clock is None:
            steps.append(Step(event))
            continue
        make, answered_by = clock
        benefit = event.benefit or (person.benefits[0] if person.benefits else None)
        deadline = make(event, person, benefit)
        if deadline is None:
            steps.append(Step(event))
            continue
        later = mine[index + 1 :]
        answer = next((e for e in later if e.kind in answered_by), None)
        steps.append(Step(event, deadline, answer))
    return steps


def due_soon(steps: Iterable[Step], today: date, days: int = 30) -> list[Step]:
    """Steps still waiting for an answer whose deadline is within `days`, or overdue while
    something can still be done: a late request is still possible, or (where the rule has no
    late window) for `days` after the deadline. A step whose answer the record has no place
    for (your reply to DWP's response, say) is listed only until its deadline. The soonest
    first."""
    waiting = []
    for step in steps:
        deadline = step.deadline
        if deadline is None or step.answer is not None:
            continue
        left = (deadline.due - today).days
        if left > days:
            continue
        if left < 0:
            answerable = bool(CLOCKS[step.event.kind][1])
            last = deadline.late_until or deadline.due + timedelta(days=days)
            if not answerable or today > last:
                continue
        waiting.append(step)
    return sorted(waiting, key=lambda s: s.deadline.due)  # type: ignore[union-attr]


@dataclass(frozen=True)
class DueItem:
    """A deadline still waiting for its answer, said in one line for a list."""

    person: Person
    step: Step
    days_left: int  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def text(self) -> str:
        deadline = self.step.deadline
        assert deadline is not None
        when = long_date(deadline.due)
        what = translate("Deadlines", deadline.rule.name)
        name = self.person.display_name
        if self.overdue:
            return translate_n(
                "Deadlines", "Overdue by %n day(s): {what} for {name}, due {when}", -self.days_left
            ).format(what=what, name=name, when=when)
        if self.days_left == 0:
            return translate("Deadlines", "Due today: {what} for {name}").format(
                what=what, name=name
            )
        return translate_n(
            "Deadlines", "Due in %n day(s): {what} for {name}, by {when}", self.days_left
        ).format(what=what, name=name, when=when)


def due_for_everyone(
    people: Iterable[Person], events: Iterable[Event], today: date, days: int = 30
) -> list[DueItem]:
    """Everything overdue or due within `days`, for every person, the soonest first."""
    events = list(events)
    items = [
        DueItem(person, step, (step.deadline.due - today).days)  # type: ignore[union-attr]
        for person in people
        for step in due_soon(chronology(person, events), today, days)
    ]
    return sorted(items, key=lambda item: item.days_left)
