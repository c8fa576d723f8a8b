"""What each kind of letter says beyond the common frame: its values, the conditions its
template tests, and the rules it relies on with their sources (from companion/deadlines.py
and companion/engaged.py, which take them from the shared domain facts)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import deadlines as d
from companion import engaged
from companion.i18n import long_date, translate
from companion.letters import checks
from companion.letters.drafting import Content, Source
from companion.letters.drafting import tr as _tr
from companion.letters.kinds import LetterKind
from companion.letters.record import Facts, organisation, step_of
from companion.letters.referrals import ice, ico
from companion.letters.template import Blank, Items, Text, Value
from companion.letters.wording import incidents, is_dwp, request_line
from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    Event,
    EventKind,
    Language,
    Region,
)
from companion.problems import language_not_used, people_at_staff_end


def _equality(region: Region) -> tuple[str, Source]:
    """The reasonable-adjustment law for the person's nation, named as engaged.py names it."""
    if region is Region.NORTHERN_IRELAND:
        law = _tr("the Disability Discrimination Act 1995")
        return law, (translate("Engaged", engaged.DDA), engaged.DDA_SOURCE)
    law = _tr("the Equality Act 2010 (section 20)")
    return law, (translate("Engaged", engaged.EQUALITY), engaged.EQUALITY_SOURCE)


# Quoted as the guidance words it (docs/letters.md), never paraphrased.
RECORDING_RULE = QT_TRANSLATE_NOOP(
    "Letters",
    "DWP's own guidance: \u201cIf the claimant insists on recording their interview, a private "
    "interview room must be used.\u201d",
)
RECORDING_SOURCE = "DWP internal guidance released under FOI (secondary source)"

_ASKS = {
    AdjustmentKind.PRIVATE_ROOM: QT_TRANSLATE_NOOP(
        "Letters", "a private room at every appointment in person, where nobody else can hear"
    ),
    AdjustmentKind.RECORDING: QT_TRANSLATE_NOOP("Letters", "to record the interviews"),
    AdjustmentKind.PHONE_INSTEAD: QT_TRANSLATE_NOOP(
        "Letters", "appointments by phone instead of in person"
    ),
    AdjustmentKind.HOME_VISIT: QT_TRANSLATE_NOOP("Letters", "appointments at home"),
    AdjustmentKind.SOMEONE_WITH_ME: QT_TRANSLATE_NOOP(
        "Letters", "to bring someone along for support"
    ),
    AdjustmentKind.EXTRA_TIME: QT_TRANSLATE_NOOP("Letters", "extra time at appointments"),
    AdjustmentKind.BREAKS: QT_TRANSLATE_NOOP("Letters", "breaks during appointments"),
    AdjustmentKind.WRITTEN_QUESTIONS: QT_TRANSLATE_NOOP("Letters", "questions in writing"),
}
# Asked for where the record shows other people at the staff member's end of a call.
STAFF_END_ASK = QT_TRANSLATE_NOOP(
    "Letters",
    "on phone and video calls, staff to be somewhere private, where nobody else can hear at "
    "their end",
)
WELSH_RULE = QT_TRANSLATE_NOOP(
    "Letters", "DWP's Welsh Language Scheme treats Welsh and English equally."
)
WELSH_SOURCE = "DWP Welsh Language Scheme"


def _refused(a: Appointment) -> bool:
    """Whether an adjustment (a private room and recording included) was asked for at this
    appointment and refused."""
    return (
        any(adj.outcome is AdjustmentOutcome.REFUSED for adj in a.adjustments)
        or (a.private_room_requested is Answer.YES and a.private_room_offered is Answer.NO)
        or (a.recording_requested is Answer.YES and a.recording_allowed is Answer.NO)
    )


def asked_for(facts: Facts) -> tuple[list[AdjustmentKind], int, list[str]]:
    """The adjustments the chosen appointments show were asked for, at how many of them one
    was refused, and the words of any "other" adjustment."""
    kinds: set[AdjustmentKind] = set()
    others: list[str] = []
    for a in facts.appointments:
        for adj in a.adjustments:
            kinds.add(adj.kind)
            if adj.kind is AdjustmentKind.OTHER and adj.detail.strip():
                others.append(adj.detail.strip())
        if a.private_room_requested is Answer.YES:
            kinds.add(AdjustmentKind.PRIVATE_ROOM)
        if a.recording_requested is Answer.YES:
            kinds.add(AdjustmentKind.RECORDING)
    refused = sum(_refused(a) for a in facts.appointments)
    return [k for k in AdjustmentKind if k in kinds], refused, others


def adjustment(facts: Facts, on: date) -> Content:
    """Asks for what the record shows was asked for or went wrong: the adjustments asked for,
    privacy at the staff member's end of a call where others were heard there, and (apart
    from the adjustments) Welsh where it was asked for and not used; else a private room."""
    kinds, refused, others = asked_for(facts)
    listed = len(facts.appointments)
    staff_end = any(people_at_staff_end(a) for a in facts.appointments)
    welsh = any(
        language_not_used(a) and a.language_requested is Language.WELSH for a in facts.appointments
    )
    if not kinds and not staff_end:
        kinds = [AdjustmentKind.PRIVATE_ROOM]
    asks: list[Text] = [(_tr(_ASKS[k]),) for k in kinds if k in _ASKS]
    if staff_end:
        asks.append((_tr(STAFF_END_ASK),))
    asks += [(text,) for text in dict.fromkeys(others)]
    if AdjustmentKind.OTHER in kinds and not others:
        asks.append((Blank(_tr("the other adjustment needed")),))
    law, source = _equality(facts.person.region)
    content = Content(
        values={
            "adjustments": Items(tuple(asks)),
            "law": law,
            "reason": Blank(_tr("why they are needed, in your own words")),
            "refused_count": str(refused),
            "listed_count": str(listed),
        },
        # Said of every appointment listed only where it is true of every one.
        flags={
            "refused": refused > 0,
            "refused_all": refused > 0 and refused == listed,
            "refused_some": 0 < refused < listed,
            "recording": AdjustmentKind.RECORDING in kinds,
            "welsh": welsh,
        },
        sources=[source],
        recipient=organisation(facts),
    )
    if AdjustmentKind.RECORDING in kinds:
        content.sources.append((_tr(RECORDING_RULE), RECORDING_SOURCE))
    if welsh:
        content.sources.append((_tr(WELSH_RULE), WELSH_SOURCE))
    return content


# What the rules behind an answer's deadline say, for the sources list.
_RULE_WORDS = {
    "dwp_complaint": QT_TRANSLATE_NOOP(
        "Letters",
        "DWP says it will contact you within 15 working days with the outcome or when to "
        "expect it (a target, not a legal limit).",
    ),
    "sar": QT_TRANSLATE_NOOP(
        "Letters",
        "An organisation must answer a subject access request within one month of receiving "
        "it (two months more if it is complex, told within the first month); the month waits "
        "for any proof of identity it asks for.",
    ),
}


def rule_source(key: str) -> Source:
    """A deadline rule in words, with its source (companion/deadlines.py)."""
    rule = d.RULES[key]
    words = _RULE_WORDS.get(key)
    return (translate("Letters", words) if words else translate("Deadlines", rule.name)), (
        rule.source
    )


def complaint(facts: Facts, on: date) -> Content:
    recipient = organisation(facts)
    dwp = is_dwp(recipient) and facts.person.region is not Region.NORTHERN_IRELAND
    content = Content(
        values={"wanted": Blank(_tr("anything else you would like done"))},
        flags={"dwp": dwp},
        recipient=recipient,
    )
    if dwp:
        content.sources.append(rule_source("dwp_complaint"))
    return content


def sar(facts: Facts, on: date) -> Content:
    return Content(
        values={"incidents": incidents(facts, problems=False)},
        sources=[rule_source("sar")],
        recipient=organisation(facts),
    )


def evidence(facts: Facts, on: date) -> Content:
    return Content(
        values={"incidents": incidents(facts, written=True)},
        sources=[
            (
                _tr("A claimant's own account is evidence in itself."),
                "R(I) 2/51",
            )
        ],
    )


def _chased(event: Event, facts: Facts, on: date) -> tuple[Text, Source | None]:
    """What a chaser says of one request, in the writer's voice: when it was sent, and by
    when an answer was due where a rule gives one (never a deadline where none applies)."""
    first = request_line(event) + ". "
    step = step_of(facts, event)
    if step is None or step.deadline is None:
        if event.kind is EventKind.ADJUSTMENT_REQUESTED:
            said = _tr("I have had no answer, and one is needed before the next appointment.")
        else:
            said = _tr("I have had no answer.")
        return (first + said,), None
    deadline = step.deadline
    overdue = step.overdue(on)
    if deadline.rule.key == "dwp_complaint":  # DWP's own target, in its own words
        said = (
            _tr(
                "Your complaints procedure says you will contact me within 15 working days, so "
                "by {date}; I have had no answer."
            )
            if overdue
            else _tr(
                "Your complaints procedure says you will contact me within 15 working days, so "
                "by {date}."
            )
        )
    elif overdue:
        said = _tr("An answer must have been received by {date}, and I have had none.")
    else:
        said = _tr("An answer must be received by {date}; I have had none yet.")
    text = first + said.format(date=long_date(deadline.due))
    return (text,), rule_source(deadline.rule.key)


def chaser(facts: Facts, on: date) -> Content:
    lines: list[Text] = []
    sources: list[Source] = []
    for event in facts.requests:
        line, source = _chased(event, facts, on)
        lines.append(line)
        if source is not None and source not in sources:
            sources.append(source)
        elif source is None:
            law = _equality(facts.person.region)[1]
            if law not in sources:
                sources.append(law)
    requests: Value = Items(tuple(lines)) if lines else Blank(_tr("the request you are chasing"))
    return Content(values={"requests": requests}, sources=sources, recipient=organisation(facts))


CONTENTS: dict[LetterKind, Callable[[Facts, date], Content]] = {
    LetterKind.ADJUSTMENT: adjustment,
    LetterKind.COMPLAINT: complaint,
    LetterKind.SAR: sar,
    LetterKind.ICO: ico,
    LetterKind.ICE: ice,
    LetterKind.EVIDENCE: evidence,
    LetterKind.CHASER: chaser,
}


# The letters that go to the organisation recorded on the appointments they list.
TO_THE_ORGANISATION = (LetterKind.ADJUSTMENT, LetterKind.COMPLAINT, LetterKind.SAR)


def content_for(kind: LetterKind, facts: Facts, on: date) -> Content:
    content = CONTENTS[kind](facts, on)
    content.values.setdefault("incidents", incidents(facts))
    if kind in TO_THE_ORGANISATION:
        content.notes += checks.other_organisations(facts, content.recipient)
    if kind is LetterKind.COMPLAINT:
        content.notes += checks.complained_before(facts, on)
    if kind in (LetterKind.ICO, LetterKind.ICE):
        content.notes += checks.after_complaint(facts, on)
    return content
