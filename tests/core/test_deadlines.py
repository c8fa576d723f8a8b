"""Worked deadline examples, each naming the row of the domain facts' deadline table it checks
(shared/domain/FACTS.md, "Deadlines" and "Jurisdictions"; docs/deadlines.md)."""

from __future__ import annotations

from datetime import date

import pytest

from companion import deadlines as d
from companion.errors import InvalidInput
from companion.model import Benefit, Region

EW, SCOT, NI = Region.ENGLAND_AND_WALES, Region.SCOTLAND, Region.NORTHERN_IRELAND


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2026, 3, 5), date(2026, 4, 5)),  # "a letter dated 5 March: received by 5 April"
        (date(2025, 1, 31), date(2025, 2, 28)),  # no 31 February: the month's last day
        (date(2024, 1, 31), date(2024, 2, 29)),  # ... which is the 29th in a leap year
        (date(2026, 12, 15), date(2027, 1, 15)),  # into the next year
        (date(2026, 8, 31), date(2026, 9, 30)),
    ],
)
def test_a_month_is_a_calendar_month_the_first_day_not_counted(start: date, due: date) -> None:
    assert d.add_months(start, 1) == due


def test_an_appeal_after_a_notice_sent_on_31_january() -> None:
    # Row "Tribunal (SSCS) appeal": 1 month after the MR notice was sent.
    assert d.appeal(date(2025, 1, 31), EW).due == date(2025, 2, 28)
    assert d.appeal(date(2024, 1, 31), EW).due == date(2024, 2, 29)  # a leap year
    assert d.appeal(date(2025, 1, 31), EW).late_until == date(2026, 2, 28)  # 13 months in all


def test_a_tribunal_deadline_on_an_english_bank_holiday_moves_in_england_only() -> None:
    # Row "Tribunal clocks": a non-working day moves it to the next working day, by the
    # bank holidays of the person's own nation. Easter Monday, 6 April 2026, is a bank
    # holiday in England and Wales and a working day in Scotland.
    england = d.appeal(date(2026, 3, 6), EW)
    scotland = d.appeal(date(2026, 3, 6), SCOT)
    assert (england.due, england.moved_from) == (date(2026, 4, 7), date(2026, 4, 6))
    assert (scotland.due, scotland.moved_from) == (date(2026, 4, 6), None)


def test_a_tribunal_deadline_on_a_scottish_bank_holiday_moves_in_scotland_only() -> None:
    # 2 January 2026 is a bank holiday in Scotland only; the 3rd and 4th are a weekend.
    scotland = d.appeal(date(2025, 12, 2), SCOT)
    england = d.appeal(date(2025, 12, 2), EW)
    assert (scotland.due, scotland.moved_from) == (date(2026, 1, 5), date(2026, 1, 2))
    assert (england.due, england.moved_from) == (date(2026, 1, 2), None)


def test_a_reconsideration_deadline_on_a_sunday_stays_on_the_sunday() -> None:
    # Row "Mandatory reconsideration": a non-working day does NOT move it.
    mr = d.mandatory_reconsideration(date(2026, 2, 1), EW)
    assert mr.due == date(2026, 3, 1) and mr.due.weekday() == 6 and mr.moved_from is None
    assert mr.late_until == date(2027, 3, 1)  # 13 months from the date of notification


def test_a_statement_of_reasons_provided_inside_the_month() -> None:
    # Row "Mandatory reconsideration", extension: the later of 14 days after the month ends
    # and 14 days after the statement; GOV.UK's safer date (14 days from the statement) first,
    # never before the month itself is out.
    mr = d.mandatory_reconsideration(date(2026, 3, 2), EW, reasons_provided=date(2026, 3, 10))
    assert mr.due == date(2026, 4, 2)  # the month: 14 days from the statement is earlier
    assert mr.latest == date(2026, 4, 16)  # what the law allows at the latest

    later = d.mandatory_reconsideration(date(2026, 3, 2), EW, reasons_provided=date(2026, 3, 25))
    assert later.due == date(2026, 4, 8)  # 14 days from the statement, after the month
    assert later.latest == date(2026, 4, 16)


def test_a_statement_of_reasons_provided_after_the_month() -> None:
    mr = d.mandatory_reconsideration(date(2026, 3, 2), EW, reasons_provided=date(2026, 4, 20))
    assert mr.due == date(2026, 5, 4) and mr.latest is None  # both readings agree


def test_a_subject_access_request_extended_and_waiting_for_identity() -> None:
    # Row "Subject access request": 1 month from receipt of the request or of the ID asked
    # for; 2 months more if extended; a weekend or bank holiday end moves on.
    plain = d.subject_access_request(date(2026, 3, 10), EW)
    assert plain.due == date(2026, 4, 10)
    waited = d.subject_access_request(
        date(2026, 3, 10), EW, identity_received=date(2026, 3, 20), extended=True
    )
    assert (waited.start, waited.due) == (date(2026, 3, 20), date(2026, 6, 22))
    assert waited.moved_from == date(2026, 6, 20)  # a Saturday


def test_adult_disability_payment_follows_scotlands_42_days_never_the_gb_month() -> None:
    # "Jurisdictions": a Social Security Scotland benefit: 42 days from being told, a notice
    # taken to arrive 48 hours after it was sent.
    adp = d.mandatory_reconsideration(
        date(2026, 3, 2), SCOT, benefit=Benefit.ADULT_DISABILITY_PAYMENT
    )
    assert adp.rule.body is d.Body.SOCIAL_SECURITY_SCOTLAND
    assert adp.due == date(2026, 4, 15)  # 4 March + 42 days
    assert adp.due != d.add_months(date(2026, 3, 2), 1)
    # PIP in Scotland is a DWP benefit: the GB month.
    pip = d.mandatory_reconsideration(date(2026, 3, 2), SCOT, benefit=Benefit.PIP)
    assert (pip.rule.body, pip.due) == (d.Body.DWP, date(2026, 4, 2))


def test_northern_ireland_has_its_own_rules_and_no_equality_act() -> None:
    mr = d.mandatory_reconsideration(date(2026, 3, 2), NI, benefit=Benefit.PIP)
    assert mr.rule.body is d.Body.NORTHERN_IRELAND and mr.due == date(2026, 4, 2)
    # The SEC Rules do not apply: no move off the Easter Monday bank holiday.
    assert d.appeal(date(2026, 3, 6), NI).moved_from is None
    with pytest.raises(InvalidInput):
        d.equality_act(date(2026, 3, 2), NI)


def test_the_other_clocks() -> None:
    assert d.dwp_response(date(2026, 3, 2), EW).due == date(2026, 3, 30)  # 28 days
    assert d.ice(date(2026, 3, 2)).due == date(2026, 9, 2)  # 6 months
    assert d.ombudsman(date(2026, 3, 2)).due == date(2027, 3, 2)  # 12 months
    assert d.ico(date(2026, 3, 2)).due == date(2026, 6, 2)  # 3 months
    assert d.data_protection_acknowledgement(date(2026, 7, 1)).due == date(2026, 7, 31)
    assert d.equality_act(date(2026, 3, 2), EW).due == date(2026, 9, 1)  # 6 months less a day
    assert d.human_rights(date(2026, 3, 2)).due == date(2027, 3, 1)  # 1 year beginning with
    # 15 working days, over the Easter weekend in England: Good Friday and Easter Monday.
    assert d.dwp_complaint(date(2026, 3, 30), EW).due == date(2026, 4, 22)
    assert d.dwp_complaint(date(2026, 3, 30), SCOT).due == date(2026, 4, 21)  # Monday worked
    reply = d.one_month_tribunal_step("reply", date(2026, 3, 6), EW)
    assert (reply.due, reply.moved_from) == (date(2026, 4, 7), date(2026, 4, 6))
    with pytest.raises(InvalidInput):
        d.one_month_tribunal_step("mr", date(2026, 3, 6), EW)


def test_every_rule_names_its_source_confidence_and_review_date() -> None:
    for rule in d.RULES.values():
        assert rule.source and rule.confidence in ("H", "M") and rule.reviewed == d.REVIEWED


def test_the_deadlines_guide_lists_every_rule_with_its_source() -> None:
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "deadlines.md").read_text(encoding="utf-8")
    for rule in d.RULES.values():
        row = next((line for line in guide.splitlines() if line.startswith(f"| {rule.name} |")), "")
        assert row, rule.name
        moves = "| yes |" in row
        assert moves == rule.moves_off_non_working_days or "working days" in row, rule.name
        assert f"| {rule.confidence} |" in row, rule.name
        for part in rule.source.split("; "):
            if "r12" not in part:  # the tribunal clock rule is explained once, above the table
                assert part in row, (rule.name, part)
