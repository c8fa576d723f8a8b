"""What an appointment's record shows went wrong: one definition for each kind of problem.

Every count in the app and in every export comes from `problems_of`, so a
count means exactly what docs/exports.md says it means. Nothing is guessed:
a problem is found only from what the person recorded, and an unanswered
question is never read as "no" or as "yes".

Problems fall into four groups, counted apart so one never swells another:
privacy, adjustments (reasonable adjustments and recording), language, and
the staff member's conduct.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    Channel,
    Layout,
    Noise,
    Status,
)

NOT_PRIVATE_LAYOUTS = frozenset({Layout.OPEN_PLAN, Layout.BOOTH, Layout.CORRIDOR})
# Sounds that mean other people were at the staff member's end; a television, a ringing
# phone or "other noise" do not say that anyone was there.
PEOPLE_NOISES = frozenset({Noise.CHILDREN, Noise.OTHER_ADULTS, Noise.LAUGHTER})
NOT_HELD = frozenset({Status.MOVED, Status.CANCELLED, Status.NOT_HELD})
CALLS = frozenset({Channel.TELEPHONE, Channel.VIDEO})


class Group(StrEnum):
    PRIVACY = "privacy"
    ADJUSTMENTS = "adjustments"
    LANGUAGE = "language"
    CONDUCT = "conduct"


class EntryProblem(StrEnum):
    """A kind of problem an appointment's record can show (derived, never stored)."""

    NO_PRIVATE_ROOM = "no_private_room"
    ROOM_REFUSED = "room_refused"
    OVERHEARD = "overheard"
    PEOPLE_AT_STAFF_END = "people_at_staff_end"
    TOLD_NOBODY_COULD_HEAR = "told_nobody_could_hear"
    SAID_WITH_OTHERS_PRESENT = "said_with_others_present"
    ASKED_WITH_OTHERS_PRESENT = "asked_with_others_present"
    ADJUSTMENT_REFUSED = "adjustment_refused"
    RECORDING_REFUSED = "recording_refused"
    LANGUAGE_NOT_USED = "language_not_used"
    CONDUCT = "conduct"


GROUP: dict[EntryProblem, Group] = {
    EntryProblem.NO_PRIVATE_ROOM: Group.PRIVACY,
    EntryProblem.ROOM_REFUSED: Group.PRIVACY,
    EntryProblem.OVERHEARD: Group.PRIVACY,
    EntryProblem.PEOPLE_AT_STAFF_END: Group.PRIVACY,
    EntryProblem.TOLD_NOBODY_COULD_HEAR: Group.PRIVACY,
    EntryProblem.SAID_WITH_OTHERS_PRESENT: Group.PRIVACY,
    EntryProblem.ASKED_WITH_OTHERS_PRESENT: Group.PRIVACY,
    EntryProblem.ADJUSTMENT_REFUSED: Group.ADJUSTMENTS,
    EntryProblem.RECORDING_REFUSED: Group.ADJUSTMENTS,
    EntryProblem.LANGUAGE_NOT_USED: Group.LANGUAGE,
    EntryProblem.CONDUCT: Group.CONDUCT,
}

# Private details at risk, exactly as the headline count words it: "private details said, or
# asked for, with others present".
AT_RISK = frozenset({EntryProblem.SAID_WITH_OTHERS_PRESENT, EntryProblem.ASKED_WITH_OTHERS_PRESENT})

_LABELS = {
    EntryProblem.NO_PRIVATE_ROOM: QT_TRANSLATE_NOOP("Problem", "No private room"),
    EntryProblem.ROOM_REFUSED: QT_TRANSLATE_NOOP("Problem", "Private room asked for and refused"),
    EntryProblem.OVERHEARD: QT_TRANSLATE_NOOP("Problem", "Others could hear"),
    EntryProblem.PEOPLE_AT_STAFF_END: QT_TRANSLATE_NOOP(
        "Problem", "Other people heard at the staff member's end"
    ),
    EntryProblem.TOLD_NOBODY_COULD_HEAR: QT_TRANSLATE_NOOP(
        "Problem", "Told nobody else could hear, but others were there"
    ),
    EntryProblem.SAID_WITH_OTHERS_PRESENT: QT_TRANSLATE_NOOP(
        "Problem", "Private details said with others present"
    ),
    EntryProblem.ASKED_WITH_OTHERS_PRESENT: QT_TRANSLATE_NOOP(
        "Problem", "Asked to say private details with others present"
    ),
    EntryProblem.ADJUSTMENT_REFUSED: QT_TRANSLATE_NOOP("Problem", "Reasonable adjustment refused"),
    EntryProblem.RECORDING_REFUSED: QT_TRANSLATE_NOOP("Problem", "Recording refused"),
    EntryProblem.LANGUAGE_NOT_USED: QT_TRANSLATE_NOOP("Problem", "Language asked for not used"),
    EntryProblem.CONDUCT: QT_TRANSLATE_NOOP("Problem", "Staff conduct"),
}


def problem_label(problem: EntryProblem) -> str:
    return translate("Problem", _LABELS[problem])


def took_place(a: Appointment) -> bool:
    """Whether it went ahead (or nothing says it did not; a new date says it was moved)."""
    return a.status not in NOT_HELD and not (a.status is None and a.moved_to is not None)


def others_could_hear(a: Appointment) -> bool:
    """Someone was recorded as able to hear: who could hear, or how many."""
    return bool(a.in_earshot) or (a.in_earshot_count or 0) > 0


def is_call(a: Appointment) -> bool:
    """By telephone or video; or, where how it took place was not recorded, with something
    heard at the staff member's end (which only a call has)."""
    return a.channel in CALLS or (a.channel is None and bool(a.background_noise))


def people_at_staff_end(a: Appointment) -> bool:
    """On a call, children, other adults or laughter were heard at the staff member's end."""
    return is_call(a) and not PEOPLE_NOISES.isdisjoint(a.background_noise)


def others_present(a: Appointment) -> bool:
    return others_could_hear(a) or people_at_staff_end(a)


def said_private_aloud(a: Appointment) -> bool:
    """Private things were said aloud (topics ticked, or the answer "yes")."""
    return bool(a.said_aloud) or a.said_aloud_answer is Answer.YES


def no_private_room(a: Appointment) -> bool:
    return (
        a.private_room_offered is Answer.NO
        or a.private_room_used is Answer.NO
        or a.layout in NOT_PRIVATE_LAYOUTS
    )


def room_refused(a: Appointment) -> bool:
    """Asked for, and not offered (or, where offering was not recorded, not used); or asked
    for as a reasonable adjustment, and refused."""
    if any(
        adj.kind is AdjustmentKind.PRIVATE_ROOM and adj.outcome is AdjustmentOutcome.REFUSED
        for adj in a.adjustments
    ):
        return True
    if a.private_room_requested is not Answer.YES:
        return False
    if a.private_room_offered is Answer.NO:
        return True
    return a.private_room_offered is None and a.private_room_used is Answer.NO


def told_nobody_could_hear(a: Appointment) -> bool:
    said_so = Answer.YES in (a.staff_said_alone, a.staff_said_private)
    return said_so and others_present(a)


def language_not_used(a: Appointment) -> bool:
    asked, used = a.language_requested, a.language
    return asked is not None and used is not None and asked != used


_TESTS = {
    EntryProblem.NO_PRIVATE_ROOM: no_private_room,
    EntryProblem.ROOM_REFUSED: room_refused,
    EntryProblem.OVERHEARD: others_could_hear,
    EntryProblem.PEOPLE_AT_STAFF_END: people_at_staff_end,
    EntryProblem.TOLD_NOBODY_COULD_HEAR: told_nobody_could_hear,
    EntryProblem.SAID_WITH_OTHERS_PRESENT: lambda a: said_private_aloud(a) and others_present(a),
    EntryProblem.ASKED_WITH_OTHERS_PRESENT: lambda a: bool(a.refused_aloud) and others_present(a),
    EntryProblem.ADJUSTMENT_REFUSED: lambda a: any(
        adj.outcome is AdjustmentOutcome.REFUSED for adj in a.adjustments
    ),
    EntryProblem.RECORDING_REFUSED: lambda a: (
        a.recording_requested is Answer.YES and a.recording_allowed is Answer.NO
    ),
    EntryProblem.LANGUAGE_NOT_USED: language_not_used,
    EntryProblem.CONDUCT: lambda a: bool(a.conduct),
}


def problems_of(a: Appointment) -> list[EntryProblem]:
    """Every kind of problem this appointment's record shows, in a fixed order."""
    return [problem for problem, test in _TESTS.items() if test(a)]


def at_risk(found: list[EntryProblem]) -> bool:
    return not AT_RISK.isdisjoint(found)
