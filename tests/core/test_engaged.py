"""What the record shows, beside the rules it may engage: only from what was recorded, counted
by appointment with their dates, and never a rule from another nation."""

from __future__ import annotations

from datetime import date

from companion.engaged import caution, findings
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Channel,
    Language,
    Layout,
    Noise,
    RecordedBy,
    Region,
    Topic,
)
from tests.builders import make_appointment, make_person

PERSON = make_person()


def _keys(*appointments, region=Region.ENGLAND_AND_WALES):  # type: ignore[no-untyped-def]
    return {f.key: f for f in findings(appointments, region)}


def test_health_said_on_the_open_floor_engages_article_9_with_its_dates() -> None:
    first = make_appointment(PERSON.id, date=date(2026, 2, 17))
    second = make_appointment(PERSON.id, date=date(2026, 1, 5))
    found = _keys(first, second)["health_data"]
    assert found.count == 2
    assert found.dates == (date(2026, 1, 5), date(2026, 2, 17))  # date order
    assert "Article 9" in found.rule and "Art 9" in found.source


def test_money_said_aloud_is_private_life_but_not_health_data() -> None:
    appointment = make_appointment(PERSON.id, said_aloud=(Topic.MONEY,))
    found = _keys(appointment)
    assert "health_data" not in found
    assert "Article 8" in found["private_life"].rule


def test_an_unanswered_question_is_never_a_finding() -> None:
    blank = make_appointment(
        PERSON.id,
        layout=None,
        private_room_requested=None,
        private_room_offered=None,
        private_room_used=None,
        in_earshot=(),
        in_earshot_count=None,
        said_aloud=(),
        adjustments=(),
        recording_requested=None,
        recorded_by=None,
        language_requested=None,
    )
    assert findings([blank], Region.ENGLAND_AND_WALES) == []


def test_a_room_refused_as_an_adjustment_engages_the_equality_act_in_great_britain() -> None:
    found = _keys(make_appointment(PERSON.id))
    assert "section 20" in found["room_adjustment_refused"].rule
    assert found["room_adjustment_refused"].source.startswith("Equality Act 2010")
    assert "other_adjustment_refused" not in found


def test_northern_ireland_is_never_given_the_equality_act() -> None:
    appointment = make_appointment(
        PERSON.id,
        adjustments=(
            Adjustment(AdjustmentKind.PRIVATE_ROOM, "", AdjustmentOutcome.REFUSED),
            Adjustment(AdjustmentKind.PHONE_INSTEAD, "", AdjustmentOutcome.REFUSED),
        ),
    )
    found = findings([appointment], Region.NORTHERN_IRELAND)
    for finding in found:
        assert "Equality Act" not in finding.rule + finding.source
    by_key = {f.key: f for f in found}
    assert "Disability Discrimination Act 1995" in by_key["room_adjustment_refused"].rule
    assert "Disability Discrimination Act 1995" in by_key["other_adjustment_refused"].source


def test_recording_without_a_private_room_cites_dwps_own_guidance() -> None:
    recorded = make_appointment(
        PERSON.id, recording_requested=Answer.YES, recorded_by=RecordedBy.ME
    )
    found = _keys(recorded)["recording_without_room"]
    assert "private interview room must be used" in found.rule
    in_a_room = make_appointment(
        PERSON.id,
        recording_requested=Answer.YES,
        layout=Layout.PRIVATE_ROOM,
        private_room_offered=Answer.YES,
        private_room_used=Answer.YES,
    )
    assert "recording_without_room" not in _keys(in_a_room)


def test_welsh_asked_for_and_not_used_engages_the_welsh_language_scheme() -> None:
    welsh = make_appointment(
        PERSON.id, language_requested=Language.WELSH, language=Language.ENGLISH
    )
    assert "Welsh Language Scheme" in _keys(welsh)["welsh_refused"].source
    held_in_welsh = make_appointment(
        PERSON.id, language_requested=Language.WELSH, language=Language.WELSH
    )
    assert "welsh_refused" not in _keys(held_in_welsh)


def test_people_at_the_assessors_end_of_a_call_engage_article_8() -> None:
    call = make_appointment(
        PERSON.id,
        channel=Channel.TELEPHONE,
        layout=None,
        in_earshot=(),
        in_earshot_count=None,
        said_aloud=(),
        background_noise=(Noise.CHILDREN,),
        adjustments=(),
    )
    assert _keys(call)["private_life"].count == 1


def test_the_caution_says_may_and_check_the_current_rules() -> None:
    text = caution()
    assert "may be relevant" in text and "not legal advice" in text
    assert "Check the current rules" in text


def test_no_private_room_alone_with_nobody_hearing_is_not_a_breach_of_private_life() -> None:
    open_floor_but_alone = make_appointment(
        PERSON.id, in_earshot=(), in_earshot_count=None, refused_aloud=()
    )
    found = _keys(open_floor_but_alone)
    assert "private_life" not in found and "health_data" not in found
    assert "room_adjustment_refused" in found  # the refusal still stands on its own
