"""The ICO complaint and the ICE referral: the earlier complaint they rest on, its answers and
final response, named from the record, and the time limits measured from them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import deadlines as d
from companion.i18n import long_date
from companion.letters.drafting import Content
from companion.letters.drafting import tr as _tr
from companion.letters.record import Facts, last_before, organisation, replies_after
from companion.letters.template import Blank, Value
from companion.model import Event, EventKind, Region


def _answers(replies: list[Event]) -> str:
    """What the organisation answered, in one sentence: "It replied on Thursday 24 April 2025
    and gave its final response on Monday 30 June 2025."."""
    said = [
        (
            _tr("gave its final response on {date}")
            if e.kind is EventKind.FINAL_RESPONSE
            else _tr("replied on {date}")
        ).format(date=long_date(e.date))
        for e in replies
    ]
    if not said:
        return _tr("No answer to it is recorded.")
    joined = said[0] if len(said) == 1 else ", ".join(said[:-1]) + _tr(" and ") + said[-1]
    return _tr("It {answers}.").format(answers=joined)


def _complaint_values(
    facts: Facts, on: date, *, final_apart: bool = False
) -> tuple[dict[str, Value], Event | None]:
    """The earlier complaint, named from the record: who it went to, its date, reference and
    answers (without the final response where the letter says that on its own)."""
    earlier = last_before(facts, (EventKind.COMPLAINT_SENT,), on)
    complained_to: Value = (
        (earlier.organisation if earlier else "") or organisation(facts)
    ) or Blank(_tr("who you complained to"))
    if earlier is None:
        return {
            "complained_to": complained_to,
            "complained_on": Blank(_tr("the date you complained")),
            "complaint_reference": "",
            "answers": Blank(_tr("what they answered, and when")),
        }, None
    replies = replies_after(facts, earlier, on)
    if final_apart:
        replies = [e for e in replies if e.kind is not EventKind.FINAL_RESPONSE]
    return {
        "complained_to": complained_to,
        "complained_on": long_date(earlier.date),
        "complaint_reference": (
            _tr(" (reference {reference})").format(reference=earlier.reference)
            if earlier.reference
            else ""
        ),
        "answers": "" if final_apart and not replies else _answers(replies),
    }, earlier


def _already(facts: Facts, kind: EventKind, since: date, on: date) -> Event | None:
    """The first letter of this kind recorded from `since` up to `on`: the step this letter
    would take may already have been taken."""
    found = [e for e in facts.events if e.kind is kind and since <= e.date <= on]
    return found[0] if found else None


def ico(facts: Facts, on: date) -> Content:
    values, earlier = _complaint_values(facts, on)
    content = Content(values=values, recipient=_tr("Information Commissioner's Office"))
    content.flags["complaint_recorded"] = earlier is not None
    content.flags["acknowledgement"] = False
    content.flags["late"] = False
    content.flags["sent_before"] = False
    if earlier is not None:
        replies = replies_after(facts, earlier, on)
        last = max([earlier.date, *(e.received_on or e.date for e in replies)])
        due = d.ico(last).due
        before = _already(facts, EventKind.ICO_COMPLAINT, earlier.date, on)
        content.values["ico_by"] = long_date(due)
        content.values["sent_on"] = long_date(before.date) if before else ""
        content.flags["sent_before"] = before is not None
        content.flags["late"] = (before.date if before else on) > due
        content.values["why_late"] = Blank(_tr("why this comes later"))
        if earlier.date >= date(2026, 6, 19):
            content.flags["acknowledgement"] = True
            content.values["acknowledge_by"] = long_date(
                d.data_protection_acknowledgement(earlier.date).due
            )
            content.sources.append(
                (
                    _tr(
                        "From 19 June 2026 an organisation must acknowledge a data-protection "
                        "complaint within 30 days."
                    ),
                    d.RULES["dp_acknowledgement"].source,
                )
            )
    content.sources += [
        (
            _tr(
                "Complain to the organisation first, then to the ICO within 3 months of the "
                "last meaningful contact with it (guidance, not statute)."
            ),
            d.RULES["ico"].source,
        ),
        (_tr("The right to complain to the ICO."), "DPA 2018 s.165"),
    ]
    return content


ICE_RULE = QT_TRANSLATE_NOOP(
    "Letters",
    "Contact the Independent Case Examiner within 6 months of receiving DWP's final response.",
)
ICE_RULE_NI = QT_TRANSLATE_NOOP(
    "Letters",
    "Contact the Independent Case Examiner within 6 months of receiving the final response; "
    "ICE also covers the Department for Communities in Northern Ireland.",
)


def ice(facts: Facts, on: date) -> Content:
    values, _earlier = _complaint_values(facts, on, final_apart=True)
    final = last_before(facts, (EventKind.FINAL_RESPONSE,), on)
    content = Content(values=values, recipient=_tr("Independent Case Examiner"))
    content.values["why"] = Blank(_tr("why the final response did not put things right"))
    content.flags["final_recorded"] = final is not None
    content.flags["late"] = False
    content.flags["sent_before"] = False
    # In Northern Ireland the final response is the Department for Communities', not DWP's.
    northern_ireland = facts.person.region is Region.NORTHERN_IRELAND
    content.values["final_from"] = (
        _tr("The Department for Communities'") if northern_ireland else _tr("DWP's")
    )
    if final is None:
        content.values.update(
            final_on=Blank(
                _tr("the date of the Department for Communities' final response")
                if northern_ireland
                else _tr("the date of DWP's final response")
            ),
            final_reference="",
        )
    else:
        received = final.received_on or final.date
        due = d.ice(received).due
        before = _already(facts, EventKind.ICE_REFERRAL, final.date, on)
        content.values.update(
            final_on=long_date(final.date),
            final_received=long_date(received),
            final_reference=(
                _tr(" (reference {reference})").format(reference=final.reference)
                if final.reference
                else ""
            ),
            ice_by=long_date(due),
            why_late=Blank(_tr("why this comes later")),
            sent_on=long_date(before.date) if before else "",
        )
        # A referral already recorded is what counts: this letter only follows it up.
        content.flags["sent_before"] = before is not None
        content.flags["late"] = (before.date if before else on) > due
    content.sources.append(
        (_tr(ICE_RULE_NI if northern_ireland else ICE_RULE), d.RULES["ice"].source)
    )
    return content
