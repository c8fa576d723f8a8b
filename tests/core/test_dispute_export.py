"""The dispute so far in the exports: the PDF's second page read back as an adviser reads it,
the deadline beside each event that started one, and the optional page of what the record
shows beside the rules it may engage."""

from __future__ import annotations

from datetime import date

import pytest

from companion.export import Format, render
from companion.export.options import ExportOptions, Mode, Part
from companion.model import EventKind, Person, Region
from companion.query import Selection
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.readback import flat, pages_text


@pytest.fixture
def appeal(new_vault: Vault) -> Person:
    """FACTS.md, the tribunal appeal row: an MR notice sent 31 January 2025 must be answered by
    an appeal received by 28 February 2025; this one was lodged on 3 March."""
    person = new_vault.save(make_person(display_name="Sam Example")).record
    new_vault.save(make_appointment(person.id, date=date(2024, 11, 20)))
    steps = [
        (date(2024, 12, 2), EventKind.DECISION_LETTER, "PIP/DEC"),
        (date(2024, 12, 20), EventKind.MR_REQUESTED, ""),
        (date(2025, 1, 31), EventKind.MR_NOTICE, "PIP/MR"),
        (date(2025, 3, 3), EventKind.APPEAL_LODGED, "SC/APPEAL"),
    ]
    for day, kind, ref in steps:
        new_vault.save(make_event(person.id, date=day, kind=kind, received_on=None, reference=ref))
    return person


def _pages(vault: Vault, **options: object) -> list[str]:
    return [flat(page) for page in pages_text(render(vault, Format.PDF, ExportOptions(**options)))]  # type: ignore[arg-type]


def test_the_second_page_is_the_dispute_so_far_with_each_step_and_its_deadline(
    new_vault: Vault, appeal: Person
) -> None:
    second = _pages(new_vault)[1]
    assert second.startswith("Sam Example") and "The dispute so far" in second
    order = [
        "Monday 2 December 2024: Decision letter (reference PIP/DEC)",
        "Mandatory reconsideration: must be received by Thursday 2 January 2025",
        "Next step: Mandatory reconsideration asked for on Friday 20 December 2024, in time.",
        "Friday 20 December 2024: Mandatory reconsideration asked for",
        "Friday 31 January 2025: Mandatory reconsideration notice (reference PIP/MR)",
        "Appeal to the tribunal (SSCS): must be received by Friday 28 February 2025",
        "Next step: Appeal sent to the tribunal on Monday 3 March 2025, after the deadline.",
        "Monday 3 March 2025: Appeal sent to the tribunal (reference SC/APPEAL)",
    ]
    at = [second.find(text) for text in order]
    assert -1 not in at, [t for t, i in zip(order, at, strict=True) if i < 0]
    assert at == sorted(at)
    assert "source: SEC Rules 2008 r22(2)(d)(i)" in second
    assert second.count("Check the current rules.") == 2
    assert "Under the rules for DWP benefits in Great Britain" in second


def test_each_event_that_started_a_clock_carries_its_deadline_beside_it(
    new_vault: Vault, appeal: Person
) -> None:
    entries = " ".join(_pages(new_vault)[2:])
    notice = entries.index("Friday 31 January 2025: Mandatory reconsideration notice")
    beside = entries[notice : entries.index("Monday 3 March 2025: Appeal sent")]
    assert "Deadline it started Appeal to the tribunal (SSCS): must be received by Friday 28 " \
        "February 2025" in beside  # fmt: skip
    assert "Next step Appeal sent to the tribunal on Monday 3 March 2025, after the " \
        "deadline." in beside  # fmt: skip
    request = entries.index("Friday 20 December 2024: Mandatory reconsideration asked for")
    assert "Deadline it started" not in entries[request:notice]  # starts no clock of its own


def test_an_answer_outside_the_chosen_dates_still_counts(new_vault: Vault, appeal: Person) -> None:
    """Chosen dates narrow what is listed, never what is true: the appeal lodged after them
    still answers the notice, rather than the page saying nothing was done."""
    chosen = Selection(date_to=date(2025, 2, 1))
    pages = _pages(new_vault, selection=chosen)
    second = pages[1]  # still the second page, its front page narrowed and longer
    assert "Next step: Appeal sent to the tribunal on Monday 3 March 2025" in second
    assert "No next step recorded" not in second
    assert "Monday 3 March 2025: Appeal sent to the tribunal" not in second  # not listed
    # The chart follows the dispute page, ahead of the entries, rather than pushing it on.
    assert "Appointments each month" in pages[2] and "The dispute so far" in second


def test_overdue_is_said_in_words_from_the_day_the_copy_was_made(new_vault: Vault) -> None:
    person = new_vault.save(make_person(display_name="Sam Example")).record
    new_vault.save(make_event(person.id, date=date(2026, 1, 5), received_on=None))
    second = _pages(new_vault)[1]
    assert "No next step recorded, and the deadline has passed." in second
    assert "Overdue is measured from Monday 2 March 2026" in second


def test_no_dispute_page_without_letters_or_when_they_are_left_out(
    new_vault: Vault, appeal: Person
) -> None:
    without = _pages(new_vault, parts=frozenset(Part) - {Part.LETTERS})
    assert not any("The dispute so far" in page for page in without)
    only_visits = new_vault.save(make_person(display_name="Jo Example")).record
    new_vault.save(make_appointment(only_visits.id))
    mine = Selection(person_ids=frozenset({only_visits.id}))
    assert not any("The dispute so far" in page for page in _pages(new_vault, selection=mine))


def test_the_short_version_keeps_the_dispute_page(new_vault: Vault, appeal: Person) -> None:
    pages = _pages(new_vault, mode=Mode.CONCISE)
    assert len(pages) <= 4
    assert "The dispute so far" in pages[1]
    assert "must be received by Friday 28 February 2025" in pages[1]


def test_scottish_rules_are_named_for_adult_disability_payment(new_vault: Vault) -> None:
    from companion.model import Benefit

    person = new_vault.save(
        make_person(
            display_name="Ali Example",
            region=Region.SCOTLAND,
            benefits=(Benefit.ADULT_DISABILITY_PAYMENT,),
        )
    ).record
    new_vault.save(
        make_event(
            person.id,
            date=date(2026, 1, 5),
            received_on=None,
            benefit=Benefit.ADULT_DISABILITY_PAYMENT,
        )
    )
    second = _pages(new_vault)[1]
    assert "Under Social Security Scotland's rules" in second
    assert "Mandatory reconsideration" not in second


def test_the_rules_page_is_there_only_when_chosen_with_counts_dates_and_sources(
    new_vault: Vault, appeal: Person
) -> None:
    assert not any("rules it may engage" in p for p in _pages(new_vault))
    pages = _pages(new_vault, rules_engaged=True)
    page = next(p for p in pages if "What the record shows, and the rules it may engage" in p)
    assert "This is not legal advice" in page and "Check the current rules." in page
    assert (
        "Health details said where others could hear 1 appointment: Wednesday 20 November 2024"
        in page
    )
    assert "Source: UK GDPR Art 9" in page
    assert "Source: Equality Act 2010 s.20" in page


def test_markdown_carries_the_same_dispute_and_rules(new_vault: Vault, appeal: Person) -> None:
    text = render(new_vault, Format.MARKDOWN, ExportOptions(rules_engaged=True)).decode()
    dispute = text.index("## The dispute so far")
    rules = text.index("## What the record shows, and the rules it may engage")
    assert dispute < rules < text.index("\n## Sam Example")
    assert "must be received by Friday 28 February 2025" in text[dispute:rules]
    assert "Source: Human Rights Act 1998" in text[rules:]


def _words(person: Person, events: list, today: date = date(2026, 3, 2)) -> list:  # type: ignore[type-arg]
    from companion.presentation.dispute import dispute_of

    return dispute_of(person, events, today)


def test_an_optional_step_is_never_called_overdue_or_missed() -> None:
    """A reply to DWP's response is optional, and reasons are asked for only to challenge a
    decision: once their month has passed the record says so plainly, not in red."""
    sam = make_person()
    events = [  # fmt: skip
        make_event(sam.id, kind=EventKind.DWP_RESPONSE, date=date(2025, 9, 10), received_on=None),
        make_event(
            sam.id, kind=EventKind.TRIBUNAL_DECISION, date=date(2026, 1, 5), received_on=None
        ),
    ]
    response, decision = _words(sam, events)
    assert response.outcome == "A reply to DWP's response is optional; none is recorded."
    assert decision.outcome == "Needed only to challenge the decision; no request is recorded."
    assert not (response.overdue or response.late or decision.overdue or decision.late)


def test_dwps_complaint_target_is_met_or_missed_as_a_target_not_a_deadline() -> None:
    sam = make_person()
    events = [
        make_event(sam.id, kind=EventKind.COMPLAINT_SENT, date=date(2025, 3, 20), received_on=None),
        make_event(
            sam.id, kind=EventKind.REPLY_RECEIVED, date=date(2025, 4, 24),
            received_on=date(2025, 4, 27),
        ),
    ]  # fmt: skip
    complaint = _words(sam, events)[0]
    assert complaint.outcome == (
        "Next step: Reply received, dated Thursday 24 April 2025 and received Sunday 27 April "
        "2025, after DWP's own target."
    )


def test_an_answer_dated_by_the_deadline_but_arriving_later_is_not_called_late() -> None:
    """A subject access request's answer dated on the last day and received three days later:
    both dates said, and not marked as missed."""
    sam = make_person()
    events = [
        make_event(sam.id, kind=EventKind.SAR_SENT, date=date(2025, 10, 1), received_on=None),
        make_event(
            sam.id, kind=EventKind.SAR_ANSWERED, date=date(2025, 11, 3),
            received_on=date(2025, 11, 6),
        ),
    ]  # fmt: skip
    request = _words(sam, events)[0]
    assert request.outcome.endswith(
        "dated Monday 3 November 2025 and received Thursday 6 November 2025, dated by the "
        "deadline, and received after it."
    )
    assert not request.late


def test_a_clock_counted_from_the_day_a_letter_arrived_says_so() -> None:
    sam = make_person()
    final = make_event(
        sam.id, kind=EventKind.FINAL_RESPONSE, date=date(2025, 6, 30), received_on=date(2025, 7, 3)
    )
    words = _words(sam, [final])[0]
    assert "must be received by Saturday 3 January 2026" in words.deadline
    assert words.deadline.endswith("Counted from Thursday 3 July 2025, the day it was received.")


def test_a_short_rules_section_shares_the_dispute_page(new_vault: Vault, appeal: Person) -> None:
    pages = _pages(new_vault, rules_engaged=True)
    assert "The dispute so far" in pages[1]
    assert "What the record shows, and the rules it may engage" in pages[1]
