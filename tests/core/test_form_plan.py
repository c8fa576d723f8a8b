"""Which appointment questions are asked first, and which apply to how it took place: the
core's decision, which the form only asks."""

from __future__ import annotations

import dataclasses

import pytest

from companion.form_plan import SHORT_PATH, answered, applies, beyond_short_path, first, shown
from companion.model import Answer, Appointment, Channel

FIELDS = [f.name for f in dataclasses.fields(Appointment) if f.name != "id"]
ROOM = [
    "private_room_requested",
    "private_room_offered",
    "private_room_used",
    "private_room_refused_by",
    "private_room_refusal_reason",
]
CALLS = [
    "staff_location",
    "staff_stated_location",
    "background_noise",
    "background_noise_notes",
    "staff_said_private",
    "staff_said_alone",
    "staff_said_headphones",
]


def test_the_short_path_asks_when_whose_what_how_where_privacy_and_own_words() -> None:
    assert set(SHORT_PATH) <= set(FIELDS)
    for needed in ("date", "person_id", "kind", "channel", "location", "layout", "account"):
        assert first(needed), needed
    # The privacy questions that matter, in person and on a call.
    for privacy in ("private_room_requested", "in_earshot", "background_noise", "said_aloud"):
        assert first(privacy), privacy
    # Everything else waits for "More details".
    for later in ("companions", "staff_name", "recording_requested", "adjustments", "impact"):
        assert not first(later), later
    assert len(SHORT_PATH) < len(FIELDS) / 2


@pytest.mark.parametrize("channel", [Channel.TELEPHONE, Channel.VIDEO])
def test_a_call_is_not_asked_about_rooms_or_where_you_were_seen(channel: Channel) -> None:
    assert not any(applies(q, channel) for q in [*ROOM, "layout"])
    assert all(applies(q, channel) for q in CALLS)


@pytest.mark.parametrize("channel", [Channel.IN_PERSON, Channel.HOME_VISIT, Channel.PAPER])
def test_only_a_call_is_asked_about_the_callers_end(channel: Channel) -> None:
    assert not any(applies(q, channel) for q in CALLS)


def test_where_exactly_you_were_seen_is_asked_only_in_person() -> None:
    assert [c for c in Channel if applies("layout", c)] == [Channel.IN_PERSON]
    assert all(applies(q, Channel.HOME_VISIT) for q in ROOM)  # a room in the home


def test_nothing_is_said_aloud_or_overheard_in_a_paper_review() -> None:
    for question in ("in_earshot", "said_aloud_answer", "said_aloud", "recording_requested"):
        assert not applies(question, Channel.PAPER), question
    for question in ("date", "kind", "location", "account", "declined_to_disclose"):
        assert applies(question, Channel.PAPER), question


def test_with_no_channel_chosen_every_question_can_apply() -> None:
    assert all(applies(q, None) for q in FIELDS)


def test_a_question_holding_an_answer_is_always_shown() -> None:
    for question in FIELDS:
        for channel in [None, *Channel]:
            for more in (False, True):
                assert shown(question, channel, more=more, holds_answer=True)


def test_more_details_shows_every_question_that_applies() -> None:
    for question in FIELDS:
        for channel in [None, *Channel]:
            expected = applies(question, channel)
            assert shown(question, channel, more=True, holds_answer=False) == expected
            folded = shown(question, channel, more=False, holds_answer=False)
            assert folded == (expected and first(question))


def test_an_answer_is_anything_but_empty() -> None:
    assert [answered(v) for v in (None, "", [], (), {})] == [False] * 5
    assert [answered(v) for v in (0, "no", Answer.NO, ["x"], " ")] == [True] * 5


def test_more_details_opens_for_answers_beyond_the_short_path_only() -> None:
    values = {"date": "2026-03-02", "channel": "telephone", "companions": "", "impact": "Bad"}
    assert beyond_short_path(values) == ["impact"]
    assert beyond_short_path({"date": "2026-03-02", "account": "Words"}) == []
