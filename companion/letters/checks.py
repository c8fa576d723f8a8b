"""What the draft notice asks the writer to check before sending, from the record: an
appointment with another organisation than the one the letter goes to, or one an earlier
complaint may or may not have covered. Each is said plainly and states no rule."""

from __future__ import annotations

from datetime import date

from companion.i18n import long_date, translate_n
from companion.letters.record import Facts, last_before
from companion.model import EventKind
from companion.presentation.keeper import names_list


def _dates(days: list[date]) -> str:
    return names_list([long_date(day) for day in sorted(set(days))])


def other_organisations(facts: Facts, recipient: str) -> list[str]:
    """Where the appointments listed were with more than one organisation, which of them
    were not with the one the letter goes to: said in the draft notice, never sent astray."""
    if not recipient:
        return []
    elsewhere: dict[str, list[date]] = {}
    for a in facts.appointments:
        name = a.organisation.strip()
        if name and name.casefold() != recipient.casefold():
            elsewhere.setdefault(name, []).append(a.date)
    return [
        translate_n(
            "Letters",
            "The appointment(s) on {dates} (was|were) with {other}, not {recipient}: check "
            "whether {other} should have a letter of its own.",
            len(set(days)),
        ).format(dates=_dates(days), other=name, recipient=recipient)
        for name, days in elsewhere.items()
    ]


def after_complaint(facts: Facts, on: date) -> list[str]:
    """An ICO complaint or ICE referral rests on the earlier complaint: appointments listed
    that are later than it are pointed out in the draft notice."""
    earlier = last_before(facts, (EventKind.COMPLAINT_SENT,), on)
    later = [a.date for a in facts.appointments if earlier and a.date > earlier.date]
    if earlier is None or not later:
        return []
    return [
        translate_n(
            "Letters",
            "The appointment(s) on {dates} (is|are) later than the complaint of {complained}: "
            "check whether that complaint covered (it|them).",
            len(set(later)),
        ).format(dates=_dates(later), complained=long_date(earlier.date))
    ]


def complained_before(facts: Facts, on: date) -> list[str]:
    """A new complaint about appointments an earlier complaint may already have covered."""
    earlier = last_before(facts, (EventKind.COMPLAINT_SENT,), on)
    before = [a.date for a in facts.appointments if earlier and a.date <= earlier.date]
    if earlier is None or not before:
        return []
    return [
        translate_n(
            "Letters",
            "A complaint sent on {complained} is already recorded, and the appointment(s) on "
            "{dates} came before it: check whether that complaint covered (it|them), and name "
            "it if so.",
            len(set(before)),
        ).format(dates=_dates(before), complained=long_date(earlier.date))
    ]
