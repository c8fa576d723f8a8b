"""The summary counts and the list of corrections an entry shows."""

from __future__ import annotations

import dataclasses
from datetime import date

from companion.history import corrections, value_text
from companion.ledger import Version
from companion.model import Answer, Channel, Layout, Listener, Noise, Topic
from companion.summary import sentences, summarise
from tests.builders import make_appointment
from tests.conftest import Clock

PID = "p" * 32


def test_summary_counts_what_was_recorded() -> None:
    quiet = make_appointment(
        PID,
        layout=Layout.PRIVATE_ROOM,
        private_room_offered=Answer.YES,
        private_room_used=Answer.YES,
        in_earshot=(),
        in_earshot_count=None,
        adjustments=(),
        recording_requested=None,
    )
    open_floor = make_appointment(PID)
    call = make_appointment(
        PID,
        channel=Channel.TELEPHONE,
        layout=None,
        private_room_requested=None,
        private_room_offered=None,
        private_room_used=None,
        in_earshot=(),
        in_earshot_count=None,
        background_noise=(Noise.CHILDREN,),
        adjustments=(),
        said_aloud=(Topic.HEALTH,),
    )
    summary = summarise([quiet, open_floor, open_floor, call])
    assert (summary.appointments, summary.calls, summary.with_any_problem) == (4, 1, 3)
    assert summary.at_risk == 3
    assert summary.overheard_by[Listener.OTHER_CLAIMANTS] == 2
    text = sentences(summary)
    assert "Private details said, or asked for, with others present: 3 of 4 appointments." in text
    assert "No private room: 2 of 4 appointments." in text
    assert "Other people heard at the staff member's end: 1 of 1 call." in text
    assert "Private room asked for and refused: 2 of 4 appointments." in text


def test_one_appointment_is_not_called_appointments() -> None:
    assert sentences(summarise([make_appointment(PID)]))[0] == (
        "Private details said, or asked for, with others present: 1 of 1 appointment."
    )


def test_summary_of_nothing_says_nothing() -> None:
    assert sentences(summarise([])) == []


def test_noise_at_a_meeting_that_was_not_a_call_never_says_of_0_calls() -> None:
    odd = make_appointment(PID, channel=Channel.IN_PERSON, background_noise=(Noise.LAUGHTER,))
    assert not [s for s in sentences(summarise([odd])) if "of 0" in s]


def test_corrections_say_what_changed_from_what_to_what() -> None:
    clock = Clock()
    first = make_appointment(PID, account="On the open floor.", distress=None)
    second = dataclasses.replace(first, account="At the front desk.", distress=7)
    third = dataclasses.replace(second, date=date(2026, 2, 18))
    versions = [
        Version(clock.now, first),
        Version(clock.advance(days=1), second),
        Version(clock.advance(days=1), third),
    ]
    found = corrections(versions)
    assert [c.saved_at for c in found] == [versions[1].saved_at, versions[2].saved_at]
    assert [(c.label, c.before, c.after) for c in found[0].changes] == [
        ("What happened", "On the open floor.", "At the front desk."),
        ("Distress (0 to 10)", "not recorded", "7"),
    ]
    assert [(c.before, c.after) for c in found[1].changes] == [
        ("Tuesday 17 February 2026", "Wednesday 18 February 2026")
    ]


def test_values_read_as_words() -> None:
    assert value_text((Listener.OTHER_CLAIMANTS, Listener.SECURITY)) == (
        "Other claimants; Security guards"
    )
    assert value_text(Answer.NOT_SURE) == "Not sure"
    assert value_text("") == "not recorded"
