"""The dispute so far: steps in date order, the clock each started and whether it was met."""

from __future__ import annotations

from datetime import date

from companion.chronology import chronology, due_soon
from companion.model import Benefit, EventKind, Region
from tests.builders import make_event, make_person


def event(person_id: str, kind: EventKind, day: date, **more: object):  # type: ignore[no-untyped-def]
    """A step with no "received on" date unless one is given."""
    return make_event(person_id, kind=kind, date=day, **{"received_on": None, **more})


def test_each_step_starts_its_clock_and_the_next_step_is_checked_against_it() -> None:
    alex = make_person(benefits=(Benefit.PIP,))
    events = [
        event(alex.id, EventKind.MR_NOTICE, date(2025, 1, 31)),
        event(alex.id, EventKind.DECISION_LETTER, date(2024, 12, 2)),
        event(alex.id, EventKind.MR_REQUESTED, date(2024, 12, 20)),
        event(alex.id, EventKind.APPEAL_LODGED, date(2025, 3, 3)),
        event("someone-else", EventKind.DECISION_LETTER, date(2024, 12, 1)),
    ]
    steps = chronology(alex, events)
    assert [s.event.kind for s in steps] == [
        EventKind.DECISION_LETTER,
        EventKind.MR_REQUESTED,
        EventKind.MR_NOTICE,
        EventKind.APPEAL_LODGED,
    ]
    decision, requested, notice, lodged = steps
    assert decision.deadline is not None and decision.deadline.due == date(2025, 1, 2)
    assert decision.answer is requested.event and decision.in_time is True
    assert requested.deadline is None  # asking for a reconsideration starts no clock here
    assert notice.deadline is not None and notice.deadline.due == date(2025, 2, 28)
    assert notice.answer is lodged.event and notice.in_time is False  # 3 March: too late


def test_what_is_due_soon_and_what_is_overdue() -> None:
    sam = make_person(region=Region.SCOTLAND)
    events = [
        event(sam.id, EventKind.SAR_SENT, date(2026, 10, 20)),
        event(sam.id, EventKind.DECISION_LETTER, date(2026, 11, 26)),
        event(sam.id, EventKind.COMPLAINT_SENT, date(2026, 6, 1)),
        event(sam.id, EventKind.FINAL_RESPONSE, date(2026, 7, 1)),
    ]
    today = date(2026, 12, 1)
    steps = chronology(sam, events)
    soon = due_soon(steps, today)
    assert [(s.event.kind, s.deadline.due) for s in soon] == [  # type: ignore[union-attr]
        (EventKind.SAR_SENT, date(2026, 11, 20)),  # overdue
        (EventKind.DECISION_LETTER, date(2026, 12, 26)),  # in 25 days
    ]
    assert soon[0].overdue(today) and not soon[1].overdue(today)
    # The complaint was answered by the final response; ICE's 6 months run to January.
    complaint = next(s for s in steps if s.event.kind is EventKind.COMPLAINT_SENT)
    assert complaint.answer is not None and complaint.in_time is False
    ice = next(s for s in steps if s.event.kind is EventKind.FINAL_RESPONSE)
    assert ice.deadline is not None and ice.deadline.due == date(2027, 1, 1)
    assert ice not in soon  # more than 30 days away


def test_a_step_with_no_rule_gets_no_deadline() -> None:
    kim = make_person()
    steps = chronology(kim, [event(kim.id, EventKind.ADJUSTMENT_REQUESTED, date(2026, 3, 2))])
    assert steps[0].deadline is None and steps[0].in_time is None
    assert due_soon(steps, date(2026, 3, 3)) == []


def test_the_note_of_a_hand_over_is_no_step_of_the_dispute() -> None:
    """A handed-over vault's note of where its records came from is not a letter or a step."""
    kim = make_person()
    decision = event(kim.id, EventKind.DECISION_LETTER, date(2026, 3, 2))
    note = event(kim.id, EventKind.HANDED_OVER, date(2026, 12, 2))
    other = event(kim.id, EventKind.OTHER, date(2026, 4, 1))
    steps = chronology(kim, [decision, note, other])
    assert [s.event.kind for s in steps] == [EventKind.DECISION_LETTER, EventKind.OTHER]


def test_a_request_sent_in_time_but_received_late_is_late() -> None:
    """Deadlines say "must be received by": where the answer's arrival was marked, it counts."""
    alex = make_person()
    steps = chronology(
        alex,
        [
            event(alex.id, EventKind.DECISION_LETTER, date(2024, 12, 2)),
            event(
                alex.id, EventKind.MR_REQUESTED, date(2024, 12, 30), received_on=date(2025, 1, 6)
            ),
        ],
    )
    assert steps[0].deadline.due == date(2025, 1, 2)  # type: ignore[union-attr]
    assert steps[0].in_time is False


def test_what_is_due_for_everyone_in_one_line_each() -> None:
    from companion.chronology import due_for_everyone

    alex, sam = make_person(display_name="Alex"), make_person(display_name="Sam")
    events = [
        event(alex.id, EventKind.SAR_SENT, date(2026, 10, 20)),  # due 20 November: overdue
        event(sam.id, EventKind.DECISION_LETTER, date(2026, 11, 5)),  # due 5 December
        event(sam.id, EventKind.MR_NOTICE, date(2026, 11, 1)),  # due 1 December: today
    ]
    items = due_for_everyone([alex, sam], events, date(2026, 12, 1))
    assert [(i.person.display_name, i.days_left, i.overdue) for i in items] == [
        ("Alex", -11, True),
        ("Sam", 0, False),
        ("Sam", 4, False),
    ]
    assert [i.text() for i in items] == [
        "Overdue by 11 days: Answer to a subject access request for Alex, due "
        "Friday 20 November 2026",
        "Due today: Appeal to the tribunal (SSCS) for Sam",
        "Due in 4 days: Mandatory reconsideration for Sam, by Saturday 5 December 2026",
    ]


def test_nothing_stays_overdue_for_ever() -> None:
    kim = make_person()
    today = date(2026, 12, 1)
    steps = chronology(
        kim,
        [
            # Your reply to DWP's response: the record has no step for it, so it is listed
            # until its deadline (21 December) and not as overdue after it.
            event(kim.id, EventKind.DWP_RESPONSE, date(2026, 11, 21)),
            event(kim.id, EventKind.DWP_RESPONSE, date(2026, 10, 1)),
            # A decision of 2024: even a late reconsideration closed 13 months on.
            event(kim.id, EventKind.DECISION_LETTER, date(2024, 6, 3)),
            # A decision of March 2026: overdue, but a late request is still possible.
            event(kim.id, EventKind.DECISION_LETTER, date(2026, 3, 2)),
        ],
    )
    listed = [(s.event.kind, s.event.date) for s in due_soon(steps, today)]
    assert listed == [
        (EventKind.DECISION_LETTER, date(2026, 3, 2)),
        (EventKind.DWP_RESPONSE, date(2026, 11, 21)),
    ]


def test_dwps_complaint_target_is_only_for_complaints_to_dwp_under_its_rules() -> None:
    def complaint(person, **fields):  # type: ignore[no-untyped-def]
        made = event(person.id, EventKind.COMPLAINT_SENT, date(2026, 6, 1), **fields)
        return chronology(person, [made])[0].deadline

    england = make_person()
    assert complaint(england, organisation="DWP") is not None
    assert complaint(england, organisation="Sampletown Jobcentre Plus") is not None
    assert complaint(england, organisation="") is not None  # not said: DWP's, as most are
    assert complaint(england, organisation="Sample Assessment Provider Ltd") is None
    northern_ireland = make_person(region=Region.NORTHERN_IRELAND)
    assert complaint(northern_ireland, organisation="Department for Communities") is None
    scotland = make_person(region=Region.SCOTLAND, benefits=(Benefit.ADULT_DISABILITY_PAYMENT,))
    assert complaint(scotland, benefit=Benefit.ADULT_DISABILITY_PAYMENT) is None
    assert complaint(make_person(region=Region.SCOTLAND), benefit=Benefit.PIP) is not None
