"""Which appointment questions are asked first, and which can apply to how it took place.

The appointment form asks a short path first (when, whose, what kind, how it
took place, where, the privacy questions that matter for that channel, and
what happened in the person's own words) and keeps everything else under
"More details". A question that cannot apply to the channel (the room
questions on a phone call, the questions about the caller's end at a jobcentre
desk) is not asked. Nothing answered is ever hidden: a question that holds an
answer is shown whatever the channel or the short path say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from companion.model import Channel

# The questions asked first, by the record's field names, in the order they are read.
SHORT_PATH: tuple[str, ...] = (
    "date",
    "status",
    "moved_to",
    "time",
    "person_id",
    "kind",
    "channel",
    "location",
    "layout",
    "private_room_requested",
    "private_room_offered",
    "private_room_used",
    "in_earshot",
    "staff_location",
    "background_noise",
    "staff_said_private",
    "said_aloud_answer",
    "said_aloud",
    "account",
)

_FACE_TO_FACE = frozenset({Channel.IN_PERSON, Channel.HOME_VISIT})
_CALLS = frozenset({Channel.TELEPHONE, Channel.VIDEO})
_SPOKEN = frozenset(Channel) - {Channel.PAPER}

# The questions that apply to some channels only; every other question applies to all.
_ONLY_FOR: dict[str, frozenset[Channel]] = {
    # "Where exactly were you seen": open plan, a booth, a corridor, a private room.
    "layout": frozenset({Channel.IN_PERSON}),
    # A private room can be asked for on premises or, at a home visit, in the home.
    "private_room_requested": _FACE_TO_FACE,
    "private_room_offered": _FACE_TO_FACE,
    "private_room_used": _FACE_TO_FACE,
    "private_room_refused_by": _FACE_TO_FACE,
    "private_room_refusal_reason": _FACE_TO_FACE,
    # What was heard at the staff member's end of a call, and what they said about it.
    "staff_location": _CALLS,
    "staff_stated_location": _CALLS,
    "background_noise": _CALLS,
    "background_noise_notes": _CALLS,
    "staff_said_private": _CALLS,
    "staff_said_alone": _CALLS,
    "staff_said_headphones": _CALLS,
    # Nothing is said aloud, overheard or recorded in a paper assessment.
    "in_earshot": _SPOKEN,
    "in_earshot_count": _SPOKEN,
    "in_earshot_notes": _SPOKEN,
    "said_aloud_answer": _SPOKEN,
    "said_aloud": _SPOKEN,
    "said_aloud_notes": _SPOKEN,
    "refused_aloud": _SPOKEN,
    "recording_requested": _SPOKEN,
    "recording_allowed": _SPOKEN,
    "recorded_by": _SPOKEN,
}


def applies(question: str, channel: Channel | None) -> bool:
    """Whether `question` can apply to an appointment that took place by `channel`; with no
    channel chosen yet, every question can."""
    if channel is None:
        return True
    return channel in _ONLY_FOR.get(question, frozenset(Channel))


def first(question: str) -> bool:
    """Whether `question` is on the short path, asked before "More details"."""
    return question in SHORT_PATH


def answered(value: Any) -> bool:
    """Whether a question's value holds an answer: anything but None, "" and an empty list
    (a "No" or a 0 is an answer)."""
    return (
        value is not None
        and value != ""
        and not (isinstance(value, (list, tuple, dict)) and not value)
    )


def shown(question: str, channel: Channel | None, *, more: bool, holds_answer: bool) -> bool:
    """Whether the form shows `question`: always when it holds an answer, otherwise when it
    can apply to the channel and is on the short path or "More details" is open."""
    if holds_answer:
        return True
    return applies(question, channel) and (more or first(question))


def beyond_short_path(values: Mapping[str, Any]) -> list[str]:
    """The questions answered in `values` that only "More details" asks, in the order given:
    "More details" opens by itself for these, so nothing recorded is out of sight."""
    return [name for name, value in values.items() if answered(value) and not first(name)]
