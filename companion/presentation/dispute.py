"""The dispute so far, in words: each step, the deadline it started and whether the answer
came in time, worded once for the command line, the app, every export and the letters.

Every deadline is said as "must be received by" a date in words, with whose rules they are,
the rule's source and "check the current rules"; never as advice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.chronology import Step, chronology
from companion.deadlines import Body, Deadline
from companion.i18n import long_date, translate
from companion.labels import label
from companion.model import Event, Person

BODIES = {
    Body.DWP: QT_TRANSLATE_NOOP("Deadlines", "the rules for DWP benefits in Great Britain"),
    Body.SOCIAL_SECURITY_SCOTLAND: QT_TRANSLATE_NOOP(
        "Deadlines", "Social Security Scotland's rules"
    ),
    Body.NORTHERN_IRELAND: QT_TRANSLATE_NOOP(
        "Deadlines", "the Department for Communities' rules (Northern Ireland)"
    ),
}


def _tr(text: str) -> str:
    return translate("Deadlines", text)


def deadline_sentence(deadline: Deadline) -> str:
    """ "{rule}: must be received by {day}", any move off a non-working day, the latest the law
    allows and the last day for a late request, whose rules, the source, and the caution."""
    rule = deadline.rule
    text = _tr("{rule}: must be received by {day}").format(
        rule=_tr(rule.name), day=long_date(deadline.due)
    )
    if deadline.moved_from is not None:
        text += _tr(" (moved from {day}, not a working day)").format(
            day=long_date(deadline.moved_from)
        )
    if deadline.latest is not None:
        text += _tr("; the law allows until {day} at the latest").format(
            day=long_date(deadline.latest)
        )
    if deadline.late_until is not None:
        text += _tr("; a late request is possible until {day}, with reasons").format(
            day=long_date(deadline.late_until)
        )
    return text + _tr(". Under {body}; source: {source}. Check the current rules.").format(
        body=_tr(BODIES[rule.body]), source=rule.source
    )


# Steps that are a choice, not a duty: said plainly once their deadline has passed.
OPTIONAL = {
    "reply": QT_TRANSLATE_NOOP(
        "Deadlines", "A reply to DWP's response is optional; none is recorded."
    ),
    "tribunal_reasons": QT_TRANSLATE_NOOP(
        "Deadlines", "Needed only to challenge the decision; no request is recorded."
    ),
}
# A target an organisation sets itself, not a legal limit: met or missed in those words.
TARGETS = {
    "dwp_complaint": (
        QT_TRANSLATE_NOOP("Deadlines", "within DWP's own target"),
        QT_TRANSLATE_NOOP("Deadlines", "after DWP's own target"),
    )
}


def _timing(step: Step) -> str:
    if step.deadline is not None and step.deadline.rule.key in TARGETS:
        within, after = TARGETS[step.deadline.rule.key]
        return _tr(within) if step.in_time else _tr(after)
    if step.in_time:
        return _tr("in time")
    if step.dated_in_time:
        return _tr("dated by the deadline, and received after it")
    return _tr("after the deadline")


def _answered(step: Step) -> str:
    """The answer, its date (and the day it arrived, where that was another), and whether it
    met the deadline: "Appeal sent to the tribunal on Monday 3 March 2025, after the
    deadline"."""
    answer = step.answer
    assert answer is not None
    if answer.received_on is not None and answer.received_on != answer.date:
        return _tr("{what}, dated {day} and received {received}, {met}.").format(
            what=label(answer.kind),
            day=long_date(answer.date),
            received=long_date(answer.received_on),
            met=_timing(step),
        )
    return _tr("{what} on {day}, {met}.").format(
        what=label(answer.kind), day=long_date(answer.date), met=_timing(step)
    )


def outcome_sentence(step: Step, today: date) -> str:
    """ "Next step: ..." with whether it came in time; or that nothing has come and the
    deadline has passed; or, for an optional step, that it is optional; "" when there is no
    clock, or it is still running."""
    if step.deadline is None:
        return ""
    if step.answer is not None:
        return _tr("Next step: {answer}").format(answer=_answered(step))
    if step.overdue(today):
        return _tr("No next step recorded, and the deadline has passed.")
    if today > step.deadline.due:
        optional = OPTIONAL.get(step.deadline.rule.key)
        return _tr(optional) if optional else _tr("Nothing in the record answers this step.")
    return ""


@dataclass(frozen=True)
class StepWords:
    """One step of the dispute, worded."""

    day: date
    what: str  # the kind of step, and its reference where it has one
    deadline: str  # the deadline sentence, or ""
    outcome: str  # the outcome sentence, or ""
    overdue: bool
    event_id: str
    late: bool = False  # missed, or answered after the deadline (shown in bold as well)
    answer: str = ""  # the answer alone, for a row labelled "Next step", or ""


def step_words(step: Step, today: date) -> StepWords:
    event = step.event
    what = label(event.kind)
    if event.reference:
        what += " " + _tr("(reference {ref})").format(ref=event.reference)
    deadline = ""
    if step.deadline is not None:
        deadline = deadline_sentence(step.deadline)
        if step.deadline.start != event.date:
            deadline += " " + _tr("Counted from {day}, the day it was received.").format(
                day=long_date(step.deadline.start)
            )
    late = step.overdue(today) or (step.in_time is False and not step.dated_in_time)
    return StepWords(
        event.date,
        what,
        deadline,
        outcome_sentence(step, today),
        step.overdue(today),
        event.id,
        late,
        _answered(step) if step.answer is not None else "",
    )


def dispute_of(person: Person, events: Iterable[Event], today: date) -> list[StepWords]:
    """The person's whole dispute so far, worded, from every letter and event recorded."""
    return [step_words(step, today) for step in chronology(person, events)]
