"""Deadlines of a benefit dispute, each from a rule that names its source.

Every rule is as shared in docs/deadlines.md (taken from the re-checked table of
domain facts), with its source, how sure that source is (H: the legislation or
official guidance read; M: a secondary source or text not re-read) and the day
it was last reviewed. Nothing here is legal advice: every deadline shown says
"must be received by" and "check the current rules".

Months are calendar months, the day of notification itself not counted: a
letter dated 5 March must be received by 5 April; one dated 31 January by 28
February (29 in a leap year), the month's last day standing in for a day it
does not have. A deadline moves off a weekend or bank holiday only where the
rule says so (tribunal clocks and subject access requests), using the bank
holidays of the person's own nation from the `holidays` package; a mandatory
reconsideration's never does.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import holidays

from companion.errors import InvalidInput
from companion.model import Benefit, Region

REVIEWED = date(2026, 12, 1)


class Body(StrEnum):
    """Whose rules a deadline follows."""

    DWP = "dwp"  # DWP benefits in England, Wales and Scotland (GB rules)
    SOCIAL_SECURITY_SCOTLAND = "social_security_scotland"
    NORTHERN_IRELAND = "northern_ireland"  # the Department for Communities


# Benefits paid by Social Security Scotland, not DWP.
SCOTTISH_BENEFITS = frozenset({Benefit.ADULT_DISABILITY_PAYMENT})


def body_for(benefit: Benefit | None, region: Region) -> Body:
    """Whose rules apply: a Social Security Scotland benefit follows Scotland's, anything in
    Northern Ireland the Department for Communities', and every DWP benefit the GB rules, in
    Scotland too."""
    if benefit in SCOTTISH_BENEFITS:
        return Body.SOCIAL_SECURITY_SCOTLAND
    if region is Region.NORTHERN_IRELAND:
        return Body.NORTHERN_IRELAND
    return Body.DWP


@dataclass(frozen=True)
class Rule:
    key: str
    name: str  # in English; shown through translate("Deadlines", name)
    body: Body
    source: str
    confidence: str  # "H" or "M"
    moves_off_non_working_days: bool = False
    note: str = ""
    reviewed: date = REVIEWED


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    start: date  # the day the clock runs from
    due: date  # must be received by (the earliest safe date)
    late_until: date | None = None  # the last day a late request can be made at all
    moved_from: date | None = None  # the day it fell on, when a non-working day moved it
    latest: date | None = None  # a later date the law allows, shown after the safe one


def _rule(key: str, name: str, body: Body, source: str, conf: str, **kw: object) -> Rule:
    return Rule(key, name, body, source, conf, **kw)  # type: ignore[arg-type]


GB, SCOT, NI = Body.DWP, Body.SOCIAL_SECURITY_SCOTLAND, Body.NORTHERN_IRELAND
TRIBUNAL = "SEC Rules 2008 r12 (a deadline on a non-working day moves to the next working day)"

RULES: dict[str, Rule] = {
    r.key: r
    for r in (
        _rule("mr", "Mandatory reconsideration", GB,
              "SI 2013/381 reg 5; SI 1999/991 reg 3; GOV.UK Challenge a benefit decision", "H",
              note="Late: up to 13 months from the date of notification, with reasons."),
        _rule("statement_of_reasons", "Ask DWP for a written statement of reasons", GB,
              "SI 1999/991 reg 28; SI 2013/381 reg 51", "M"),
        _rule("appeal", "Appeal to the tribunal (SSCS)", GB,
              "SEC Rules 2008 r22(2)(d)(i), r22(8); " + TRIBUNAL, "H",
              moves_off_non_working_days=True,
              note="Late: up to 13 months in all; beyond that only exceptionally."),
        _rule("dwp_response", "DWP's response to the appeal", GB,
              "SEC Rules 2008 r24(1)(c); " + TRIBUNAL, "H", moves_off_non_working_days=True),
        _rule("reply", "Your reply to DWP's response", GB,
              "SEC Rules 2008 r24(6)-(7); " + TRIBUNAL, "H", moves_off_non_working_days=True),
        _rule("tribunal_reasons", "Ask the tribunal for its statement of reasons", GB,
              "SEC Rules 2008 r34; " + TRIBUNAL, "M", moves_off_non_working_days=True),
        _rule("set_aside", "Ask the tribunal to set its decision aside", GB,
              "SEC Rules 2008 r37; " + TRIBUNAL, "M", moves_off_non_working_days=True),
        _rule("ut_permission", "Ask for permission to appeal to the Upper Tribunal", GB,
              "SEC Rules 2008 r38; UT Rules r21(3)(b); " + TRIBUNAL, "M",
              moves_off_non_working_days=True),
        _rule("dwp_complaint", "DWP's answer to a complaint (a target, not a legal limit)", GB,
              "GOV.UK DWP complaints procedure", "M"),
        _rule("ice", "Go to the Independent Case Examiner", GB, "GOV.UK ICE", "H"),
        _rule("phso", "Go to the Parliamentary and Health Service Ombudsman, through an MP",
              GB, "ombudsman.org.uk", "H", note="Can be extended."),
        _rule("dp_acknowledgement", "The organisation acknowledges a data-protection complaint",
              GB, "DPA 2018 s.164A (from 19 June 2026); Data (Use and Access) Act 2025", "H"),
        _rule("ico", "Complain to the ICO", GB, "ICO guidance", "H",
              note="Guidance, not statute: within 3 months of the last meaningful contact."),
        _rule("sar", "Answer to a subject access request", GB,
              "UK GDPR Art 12(3); ICO right of access guidance", "H",
              moves_off_non_working_days=True),
        _rule("equality_act", "Equality Act claim in the county court", GB,
              "Equality Act 2010 s.118", "H", note="A court may extend it if just and equitable."),
        _rule("human_rights", "Human Rights Act claim", GB, "Human Rights Act 1998 s.7(5)", "H",
              note="Judicial review: promptly, and within 3 months."),
        _rule("redetermination", "Ask Social Security Scotland for a redetermination", SCOT,
              "Social Security Scotland decision-making guide", "M",
              note="A notice is taken to arrive 48 hours after it was sent. Late: up to 1 "
              "year, with good reason."),
        _rule("scottish_appeal", "Appeal to the tribunal (Social Security Scotland)", SCOT,
              "Social Security Scotland decision-making guide", "M",
              note="The tribunal accepts nothing after 1 year."),
        _rule("ni_mr", "Mandatory reconsideration (Department for Communities)", NI,
              "Citizens Advice NI", "M", note="Late: up to 13 months."),
        _rule("ni_appeal", "Appeal to the Appeals Service (Northern Ireland)", NI,
              "Citizens Advice NI", "M", note="Late: up to 13 months."),
    )
}  # fmt: skip


# -- calendar arithmetic -------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months on, or the month's last day if it has no such
    day (31 January + 1 month = 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


_SUBDIVISION = {
    Region.ENGLAND_AND_WALES: "ENG",
    Region.SCOTLAND: "SCT",
    Region.NORTHERN_IRELAND: "NIR",
}


@functools.lru_cache(maxsize=64)
def _bank_holidays(region: Region, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=_SUBDIVISION[region], years=year))


def is_working_day(day: date, region: Region) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(region, day.year)


def next_working_day(day: date, region: Region) -> date:
    """`day` itself if it is a working day in that nation, else the next one that is."""
    while not is_working_day(day, region):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int, region: Region) -> date:
    day = start
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1), region)
    return day


def _due(rule: Rule, start: date, day: date, region: Region, **kw: object) -> Deadline:
    if rule.moves_off_non_working_days:
        moved = next_working_day(day, region)
        if moved != day:
            return Deadline(rule, start, moved, moved_from=day, **kw)  # type: ignore[arg-type]
    return Deadline(rule, start, day, **kw)  # type: ignore[arg-type]


# -- the deadlines -------------------------------------------------------------------------


def mandatory_reconsideration(
    notified: date,
    region: Region = Region.ENGLAND_AND_WALES,
    benefit: Benefit | None = None,
    *,
    reasons_provided: date | None = None,
) -> Deadline:
    """Asking for the decision to be looked at again, counted from the date on the decision
    letter. If a written statement of reasons was asked for within the month, the law allows
    the later of 14 days after the month ends and 14 days after the statement was provided;
    the date shown first is the safer one GOV.UK gives (14 days from the statement, and never
    before the month is out)."""
    body = body_for(benefit, region)
    if body is Body.SOCIAL_SECURITY_SCOTLAND:
        return redetermination(notified)
    rule = RULES["ni_mr" if body is Body.NORTHERN_IRELAND else "mr"]
    month = add_months(notified, 1)
    late = add_months(notified, 13)
    if reasons_provided is None or body is not Body.DWP:
        return _due(rule, notified, month, region, late_until=late)  # the rule never moves
    statement = reasons_provided + timedelta(days=14)
    latest = max(month + timedelta(days=14), statement)
    safe = max(month, statement)
    return Deadline(
        rule, notified, safe, late_until=late, latest=latest if latest != safe else None
    )


def redetermination(sent: date) -> Deadline:
    """Social Security Scotland: 42 days from being told, a notice taken to arrive 48 hours
    after it was sent; late up to a year."""
    told = sent + timedelta(days=2)
    return Deadline(
        RULES["redetermination"],
        told,
        told + timedelta(days=42),
        late_until=add_months(told, 12),
    )


def appeal(
    mr_notice_sent: date,
    region: Region = Region.ENGLAND_AND_WALES,
    benefit: Benefit | None = None,
) -> Deadline:
    """Appealing to the tribunal, counted from the day the reconsideration notice was sent."""
    body = body_for(benefit, region)
    if body is Body.SOCIAL_SECURITY_SCOTLAND:
        rule = RULES["scottish_appeal"]
        return Deadline(
            rule,
            mr_notice_sent,
            mr_notice_sent + timedelta(days=31),
            late_until=add_months(mr_notice_sent, 12),
        )
    if body is Body.NORTHERN_IRELAND:  # the SEC Rules do not apply there
        rule = RULES["ni_appeal"]
        return Deadline(
            rule,
            mr_notice_sent,
            add_months(mr_notice_sent, 1),
            late_until=add_months(mr_notice_sent, 13),
        )
    rule = RULES["appeal"]
    return _due(
        rule,
        mr_notice_sent,
        add_months(mr_notice_sent, 1),
        region,
        late_until=add_months(mr_notice_sent, 13),
    )


def one_month_tribunal_step(key: str, start: date, region: Region) -> Deadline:
    """A step of a GB tribunal appeal due within a month: your reply to DWP's response, the
    tribunal's statement of reasons, setting aside, permission to appeal further."""
    if key not in ("reply", "tribunal_reasons", "set_aside", "ut_permission"):
        raise InvalidInput("", "deadline", key, "a step of a tribunal appeal")
    return _due(RULES[key], start, add_months(start, 1), region)


def dwp_response(appeal_received_by_dwp: date, region: Region) -> Deadline:
    return _due(
        RULES["dwp_response"],
        appeal_received_by_dwp,
        appeal_received_by_dwp + timedelta(days=28),
        region,
    )


def subject_access_request(
    received: date,
    region: Region,
    *,
    identity_received: date | None = None,
    extended: bool = False,
) -> Deadline:
    """One month from receipt (or from when the ID asked for arrived: the clock waits for it),
    two months more if extended; a weekend or bank holiday end moves to the next working day."""
    start = max(received, identity_received) if identity_received else received
    return _due(RULES["sar"], start, add_months(start, 3 if extended else 1), region)


def dwp_complaint(received: date, region: Region) -> Deadline:
    return Deadline(RULES["dwp_complaint"], received, add_working_days(received, 15, region))


def ice(final_response_received: date) -> Deadline:
    return Deadline(RULES["ice"], final_response_received, add_months(final_response_received, 6))


def ombudsman(first_aware: date) -> Deadline:
    return Deadline(RULES["phso"], first_aware, add_months(first_aware, 12))


def data_protection_acknowledgement(complaint_sent: date) -> Deadline:
    return Deadline(
        RULES["dp_acknowledgement"], complaint_sent, complaint_sent + timedelta(days=30)
    )


def ico(last_contact: date) -> Deadline:
    return Deadline(RULES["ico"], last_contact, add_months(last_contact, 3))


def equality_act(act: date, region: Region) -> Deadline:
    """Six months starting with the act (six months less a day). Great Britain only: in
    Northern Ireland the Disability Discrimination Act 1995 stands in its place."""
    if region is Region.NORTHERN_IRELAND:
        raise InvalidInput("", "region", region.value, "England, Wales or Scotland")
    return Deadline(RULES["equality_act"], act, add_months(act, 6) - timedelta(days=1))


def human_rights(act: date) -> Deadline:
    """One year beginning with the act."""
    return Deadline(RULES["human_rights"], act, add_months(act, 12) - timedelta(days=1))
