"""What the record shows, set beside the rules it may engage.

For the chosen appointments, each kind of finding with how many appointments show it and
their dates, beside the rule or guidance it may be relevant to and that rule's source (from
shared domain facts; docs/deadlines.md and docs/letters.md list them). A finding is made
only from what was recorded, by the same tests as every count (companion/problems.py): an
unanswered question is never read as "yes". Nothing here is legal advice: every finding
says "may be relevant" and "check the current rules", and a rule is never applied to a
nation it does not cover (the Equality Act 2010 does not reach Northern Ireland, where the
Disability Discrimination Act 1995 stands in its place).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    Language,
    RecordedBy,
    Region,
    Topic,
)
from companion.problems import (
    EntryProblem,
    no_private_room,
    problems_of,
    took_place,
)

HEALTH_TOPICS = frozenset({Topic.HEALTH, Topic.MENTAL_HEALTH, Topic.MEDICATION})
PRIVACY_BREACHES = frozenset(
    {
        EntryProblem.SAID_WITH_OTHERS_PRESENT,
        EntryProblem.ASKED_WITH_OTHERS_PRESENT,
        EntryProblem.PEOPLE_AT_STAFF_END,
        EntryProblem.TOLD_NOBODY_COULD_HEAR,
    }
)


@dataclass(frozen=True)
class Finding:
    """One kind of thing the record shows, on which appointments, and the rule it may engage."""

    key: str
    what: str  # what the record shows, in plain words
    dates: tuple[date, ...]  # of each appointment that shows it, in date order
    ids: tuple[str, ...]  # the appointments, in the same order
    rule: str  # the rule or guidance it may be relevant to
    source: str  # where that rule is written

    @property
    def count(self) -> int:
        """How many of the chosen appointments show it."""
        return len(self.dates)


def _health_said_where_others_heard(a: Appointment) -> bool:
    found = problems_of(a)
    if EntryProblem.SAID_WITH_OTHERS_PRESENT not in found:
        return False
    return not HEALTH_TOPICS.isdisjoint(a.said_aloud)


def _refused(a: Appointment, kinds: frozenset[AdjustmentKind]) -> bool:
    return any(
        adj.kind in kinds and adj.outcome is AdjustmentOutcome.REFUSED for adj in a.adjustments
    )


ROOM = frozenset({AdjustmentKind.PRIVATE_ROOM})
NOT_ROOM = frozenset(AdjustmentKind) - ROOM


def _recording_without_room(a: Appointment) -> bool:
    recording = a.recording_requested is Answer.YES or a.recorded_by in (
        RecordedBy.ME,
        RecordedBy.BOTH,
    )
    return took_place(a) and recording and no_private_room(a)


def _welsh_refused(a: Appointment) -> bool:
    return (
        a.language_requested is Language.WELSH
        and a.language is not None
        and a.language is not Language.WELSH
    )


def _privacy_breach(a: Appointment) -> bool:
    return not PRIVACY_BREACHES.isdisjoint(problems_of(a))


@dataclass(frozen=True)
class _Kind:
    key: str
    what: str
    test: Callable[[Appointment], bool]
    rule: str
    source: str
    rule_ni: str = ""  # in Northern Ireland, where the rule differs
    source_ni: str = ""


EQUALITY = QT_TRANSLATE_NOOP(
    "Engaged",
    "The duty to make reasonable adjustments for a disabled person (Equality Act 2010, "
    "section 20).",
)
EQUALITY_SOURCE = "Equality Act 2010 s.20, s.29"
DDA = QT_TRANSLATE_NOOP(
    "Engaged",
    "The duty to make reasonable adjustments for a disabled person (Disability "
    "Discrimination Act 1995, as it applies in Northern Ireland).",
)
DDA_SOURCE = "Disability Discrimination Act 1995 (Northern Ireland)"

KINDS = (
    _Kind(
        "health_data",
        QT_TRANSLATE_NOOP("Engaged", "Health details said where others could hear"),
        _health_said_where_others_heard,
        QT_TRANSLATE_NOOP(
            "Engaged",
            "Health information is special category data, which needs extra protection "
            "(UK GDPR Article 9; Data Protection Act 2018).",
        ),
        "UK GDPR Art 9; DPA 2018 (complaints: s.165)",
    ),
    _Kind(
        "room_adjustment_refused",
        QT_TRANSLATE_NOOP(
            "Engaged", "A private room asked for as a reasonable adjustment, refused"
        ),
        lambda a: _refused(a, ROOM),
        EQUALITY,
        EQUALITY_SOURCE,
        DDA,
        DDA_SOURCE,
    ),
    _Kind(
        "other_adjustment_refused",
        QT_TRANSLATE_NOOP("Engaged", "Another reasonable adjustment asked for, refused"),
        lambda a: _refused(a, NOT_ROOM),
        EQUALITY,
        EQUALITY_SOURCE,
        DDA,
        DDA_SOURCE,
    ),
    _Kind(
        "recording_without_room",
        QT_TRANSLATE_NOOP(
            "Engaged", "Asked to record the interview, or recorded it, and no private room used"
        ),
        _recording_without_room,
        QT_TRANSLATE_NOOP(
            "Engaged",
            "DWP's own guidance: “If the claimant insists on recording their interview, a "
            "private interview room must be used.”",
        ),
        "DWP internal guidance released under FOI (secondary source)",
    ),
    _Kind(
        "welsh_refused",
        QT_TRANSLATE_NOOP(
            "Engaged", "Welsh asked for, and the appointment held in another language"
        ),
        _welsh_refused,
        QT_TRANSLATE_NOOP(
            "Engaged", "DWP's Welsh Language Scheme, which treats Welsh and English equally."
        ),
        "DWP Welsh Language Scheme",
    ),
    _Kind(
        "private_life",
        QT_TRANSLATE_NOOP(
            "Engaged",
            "Private details said or asked for with others present, or others at the staff "
            "member's end of a call",
        ),
        _privacy_breach,
        QT_TRANSLATE_NOOP(
            "Engaged",
            "The right to respect for private life, which public authorities must act "
            "compatibly with (Human Rights Act 1998, Article 8, through section 6).",
        ),
        "Human Rights Act 1998 s.6; ECHR Art 8",
    ),
)

CAUTION = QT_TRANSLATE_NOOP(
    "Engaged",
    "These rules may be relevant to what the record shows. This is not legal advice, and "
    "whether a rule was broken is for the body that hears the complaint or appeal. Check the "
    "current rules.",
)


def caution() -> str:
    return translate("Engaged", CAUTION)


def findings(appointments: Iterable[Appointment], region: Region) -> list[Finding]:
    """Each kind of finding shown by at least one of `appointments`, in a fixed order, with
    the dates of the appointments that show it and the rule for the person's `region`."""
    chosen = sorted(appointments, key=lambda a: a.date)
    found = []
    for kind in KINDS:
        showing = [a for a in chosen if kind.test(a)]
        if not showing:
            continue
        ni = region is Region.NORTHERN_IRELAND and kind.rule_ni
        found.append(
            Finding(
                kind.key,
                translate("Engaged", kind.what),
                tuple(a.date for a in showing),
                tuple(a.id for a in showing),
                translate("Engaged", kind.rule_ni if ni else kind.rule),
                kind.source_ni if ni else kind.source,
            )
        )
    return found
