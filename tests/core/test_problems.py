"""Each kind of problem means exactly what docs/exports.md says, and the counts never
over-claim: nothing private said is not a breach, and a refused Welsh assessment is a
language problem, not a privacy one."""

from __future__ import annotations

from datetime import date

from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    Channel,
    Conduct,
    Language,
    Layout,
    Listener,
    Noise,
    Status,
    Topic,
)
from companion.problems import EntryProblem as P
from companion.problems import problems_of
from companion.summary import Group, sentences, summarise, tallies

PID = "p" * 32


def bare(**fields: object) -> Appointment:
    """An appointment with nothing recorded but what the test gives."""
    return Appointment(person_id=PID, date=date(2026, 1, 5), **fields)  # type: ignore[arg-type]


def test_nothing_recorded_means_no_problem_is_claimed() -> None:
    assert problems_of(bare()) == []


def test_a_private_room_used_with_nobody_listening_is_fine() -> None:
    quiet = bare(
        layout=Layout.PRIVATE_ROOM, private_room_used=Answer.YES, said_aloud=(Topic.HEALTH,)
    )
    assert problems_of(quiet) == []


def test_asking_for_a_room_and_not_being_offered_one_is_a_refusal() -> None:
    found = problems_of(bare(private_room_requested=Answer.YES, private_room_offered=Answer.NO))
    assert found == [P.NO_PRIVATE_ROOM, P.ROOM_REFUSED]


def test_a_room_offered_and_not_used_is_not_a_refusal() -> None:
    declined = bare(
        private_room_requested=Answer.YES,
        private_room_offered=Answer.YES,
        private_room_used=Answer.NO,
    )
    assert P.ROOM_REFUSED not in problems_of(declined)


def test_open_floor_with_listeners_and_health_said_aloud() -> None:
    found = problems_of(
        bare(layout=Layout.OPEN_PLAN, in_earshot_count=3, said_aloud=(Topic.HEALTH,))
    )
    assert found == [P.NO_PRIVATE_ROOM, P.OVERHEARD, P.SAID_WITH_OTHERS_PRESENT]


def test_an_open_floor_where_nothing_private_was_said_puts_nothing_at_risk() -> None:
    nothing_said = bare(layout=Layout.OPEN_PLAN, in_earshot_count=3, said_aloud_answer=Answer.NO)
    found = problems_of(nothing_said)
    assert P.SAID_WITH_OTHERS_PRESENT not in found
    summary = summarise([nothing_said])
    assert summary.at_risk == 0
    assert not any(line.startswith("Private details said") for line in sentences(summary))
    assert "No private room: 1 of 1 appointment." in sentences(summary)


def test_said_aloud_answered_yes_without_topics_still_counts() -> None:
    found = problems_of(bare(said_aloud_answer=Answer.YES, in_earshot=(Listener.STAFF,)))
    assert P.SAID_WITH_OTHERS_PRESENT in found


def test_voices_at_the_staff_end_are_people_there_not_proof_that_they_heard() -> None:
    call = bare(
        channel=Channel.TELEPHONE,
        background_noise=(Noise.CHILDREN, Noise.LAUGHTER),
        said_aloud=(Topic.MEDICATION,),
    )
    found = problems_of(call)
    assert P.OVERHEARD not in found
    assert found == [P.PEOPLE_AT_STAFF_END, P.SAID_WITH_OTHERS_PRESENT]


def test_a_television_or_a_ringing_phone_is_not_a_person_at_the_staff_end() -> None:
    call = bare(
        channel=Channel.TELEPHONE, background_noise=(Noise.TV_OR_RADIO, Noise.PHONE_ANSWERED)
    )
    assert problems_of(call) == []


def test_being_told_nobody_could_hear_while_others_were_heard_is_its_own_problem() -> None:
    call = bare(
        channel=Channel.TELEPHONE,
        background_noise=(Noise.OTHER_ADULTS,),
        staff_said_private=Answer.YES,
    )
    assert P.TOLD_NOBODY_COULD_HEAR in problems_of(call)
    alone_and_quiet = bare(channel=Channel.TELEPHONE, staff_said_alone=Answer.YES)
    assert problems_of(alone_and_quiet) == []
    summary = summarise([call])
    assert "Told nobody else could hear, but others were there: 1 of 1 appointment." in sentences(
        summary
    )
    assert summary.at_risk == 0  # nothing private was said or asked for


def test_refusing_to_say_it_aloud_with_others_present_is_counted_and_declining_is_not() -> None:
    refused = bare(layout=Layout.OPEN_PLAN, in_earshot_count=2, refused_aloud=(Topic.NI_NUMBER,))
    assert P.ASKED_WITH_OTHERS_PRESENT in problems_of(refused)
    assert P.SAID_WITH_OTHERS_PRESENT not in problems_of(refused)
    declined = bare(in_earshot_count=2, declined_to_disclose=(Topic.MENTAL_HEALTH,))
    assert P.SAID_WITH_OTHERS_PRESENT not in problems_of(declined)
    summary = summarise([declined])
    assert summary.held_back == 1
    assert "Chose not to tell them something private: 1 of 1 appointment." in sentences(summary)


def test_a_refused_welsh_assessment_is_a_language_problem_not_a_privacy_breach() -> None:
    welsh = bare(
        language_requested=Language.WELSH,
        language=Language.ENGLISH,
        adjustments=(Adjustment(AdjustmentKind.OTHER, "In Welsh", AdjustmentOutcome.REFUSED),),
    )
    found = problems_of(welsh)
    assert found == [P.ADJUSTMENT_REFUSED, P.LANGUAGE_NOT_USED]
    summary = summarise([welsh])
    assert summary.at_risk == 0
    groups = {tally.group for tally in tallies(summary)}
    assert groups == {Group.ADJUSTMENTS, Group.LANGUAGE}
    assert (
        bare(language_requested=Language.WELSH, language=Language.WELSH).language == Language.WELSH
    )
    assert problems_of(bare(language_requested=Language.WELSH, language=Language.WELSH)) == []
    assert problems_of(bare(language_requested=Language.WELSH)) == []  # held in: not recorded


def test_refused_adjustments_and_recording_are_counted_apart_from_privacy() -> None:
    refused = Adjustment(AdjustmentKind.PHONE_INSTEAD, outcome=AdjustmentOutcome.REFUSED)
    agreed = Adjustment(AdjustmentKind.BREAKS, outcome=AdjustmentOutcome.AGREED)
    assert problems_of(bare(adjustments=(agreed,))) == []
    assert problems_of(bare(adjustments=(agreed, refused))) == [P.ADJUSTMENT_REFUSED]
    recording = bare(recording_requested=Answer.YES, recording_allowed=Answer.NO)
    assert problems_of(recording) == [P.RECORDING_REFUSED]
    assert summarise([recording]).at_risk == 0


def test_conduct_is_its_own_tally() -> None:
    shouted = bare(conduct=(Conduct.RAISED_VOICE, Conduct.THREATENED_BENEFIT))
    assert problems_of(shouted) == [P.CONDUCT]
    summary = summarise([shouted])
    assert [t.group for t in tallies(summary)] == [Group.CONDUCT]
    assert "Staff conduct recorded: 1 of 1 appointment." in sentences(summary)


def test_appointments_that_did_not_take_place_are_counted_apart() -> None:
    moved = bare(status=Status.MOVED, moved_to=date(2026, 1, 12), layout=Layout.OPEN_PLAN)
    held = bare(status=Status.HELD, layout=Layout.OPEN_PLAN)
    summary = summarise([moved, held, bare(status=Status.CANCELLED)])
    assert (summary.appointments, summary.not_held) == (1, 2)
    assert "No private room: 1 of 1 appointment." in sentences(summary)
    assert "Moved, cancelled or did not happen: 2 (not counted below)." in sentences(summary)


def test_the_headline_counts_only_private_details_at_risk() -> None:
    at_risk = bare(in_earshot=(Listener.OTHER_CLAIMANTS,), said_aloud=(Topic.HEALTH,))
    room_only = bare(layout=Layout.OPEN_PLAN)
    summary = summarise([at_risk, room_only])
    assert summary.at_risk == 1 and summary.with_any_problem == 2
    assert sentences(summary)[0] == (
        "Private details said, or asked for, with others present: 1 of 2 appointments."
    )


def test_people_at_the_staff_end_are_counted_on_calls_only() -> None:
    in_person = bare(channel=Channel.IN_PERSON, background_noise=(Noise.CHILDREN,))
    assert P.PEOPLE_AT_STAFF_END not in problems_of(in_person)
    quiet_calls = [bare(channel=Channel.TELEPHONE), bare(channel=Channel.VIDEO)]
    summary = summarise([in_person, *quiet_calls])
    assert summary.calls == 2
    assert not any("staff member's end" in line for line in sentences(summary))
    # Not recorded how it took place, but voices at the staff end: that was a call.
    unsure = bare(background_noise=(Noise.OTHER_ADULTS,))
    assert P.PEOPLE_AT_STAFF_END in problems_of(unsure)
    assert "Other people heard at the staff member's end: 1 of 3 calls." in sentences(
        summarise([unsure, *quiet_calls])
    )


def test_a_private_room_refused_as_an_adjustment_is_counted_under_privacy_too() -> None:
    asked = bare(
        adjustments=(Adjustment(AdjustmentKind.PRIVATE_ROOM, outcome=AdjustmentOutcome.REFUSED),)
    )
    assert problems_of(asked) == [P.ROOM_REFUSED, P.ADJUSTMENT_REFUSED]


def test_a_new_date_says_it_was_moved_even_without_the_answer() -> None:
    moved = bare(moved_to=date(2026, 1, 12))
    assert summarise([moved]).not_held == 1
