"""An entry's recorded facts as labelled lines of plain English, with every omission marked.

Only what was recorded appears: an unanswered question is left out rather
than shown as "no". A value that this copy leaves out is not silently
dropped: its place says "left out of this copy", so a reader never takes a
removed account for no account, or a removed name for nobody there.

Each line is worked out from two records: the one as stored (`original`) and
the one as shown (`shown`, with the chosen values removed). A value that is
filled in the first and empty in the second was left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import long_date, short_date, translate
from companion.labels import label
from companion.model import Adjustment, Answer, Appointment, Event, Status

_LEFT_OUT = QT_TRANSLATE_NOOP("Entry", "left out of this copy")


def left_out() -> str:
    """The words that stand where a value was left out."""
    return translate("Entry", _LEFT_OUT)


@dataclass(frozen=True)
class Fact:
    label: str
    text: str
    left_out: bool = False  # the whole value was left out of this copy


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


class _Reader:
    """Values of the shown record, with a marker where the original had one and it is gone."""

    def __init__(self, original: Any, shown: Any) -> None:
        self.original, self.shown = original, shown

    def removed(self, name: str) -> bool:
        return not _empty(getattr(self.original, name)) and _empty(getattr(self.shown, name))

    def text(self, name: str) -> str:
        if self.removed(name):
            return f"[{left_out()}]"
        return getattr(self.shown, name)

    def labels(self, name: str) -> str:
        values: tuple[Enum, ...] = getattr(self.shown, name)
        return ", ".join(label(v) for v in values)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    return text + "." if text and not text.endswith((".", "!", "?", "]")) else text


def _answer(question: str, answer: Answer | None) -> str:
    return f"{question}: {label(answer)}." if answer is not None else ""


def _where(a: Appointment) -> str:
    text = ", ".join(p for p in (label(a.channel) if a.channel else "", a.location) if p)
    if a.layout is not None:
        text = _join(text, f"({label(a.layout)})")
    return text


def where(a: Appointment | Event) -> str:
    """Where it took place, or for a letter who it came from."""
    return _where(a) if isinstance(a, Appointment) else a.organisation


def _status(a: Appointment) -> str:
    if a.moved_to is not None:  # only a moved appointment has a new date (validation)
        return translate("Entry", "It was moved to {date}.").format(date=long_date(a.moved_to))
    return label(a.status) + "." if a.status is not None else ""


def not_held_note(a: Appointment) -> str:
    """For the heading of an appointment that did not go ahead, like "(moved to 3 March 2026)";
    "" for one that did, or where nothing says otherwise."""
    if a.moved_to is not None:
        return translate("Entry", "(moved to {date})").format(date=short_date(a.moved_to))
    notes = {
        Status.MOVED: translate("Entry", "(moved)"),
        Status.CANCELLED: translate("Entry", "(cancelled)"),
        Status.NOT_HELD: translate("Entry", "(did not happen)"),
    }
    return notes.get(a.status, "") if a.status is not None else ""


def _staff(r: _Reader) -> str:
    a: Appointment = r.shown
    who = ", ".join(p for p in (r.text("staff_name"), a.staff_role) if p)
    if a.staff_name_given is Answer.NO:
        who = _join(who, translate("Entry", "(name not given)"))
    place = label(a.staff_location).lower() if a.staff_location is not None else ""
    text = "; ".join(p for p in (who, place) if p)
    stated = r.text("staff_stated_location")
    if stated:
        said = translate("Entry", "They said they were: {place}").format(place=stated)
        text = f"{_sentence(text)} {said}" if text else said
    return text


def _private_room(r: _Reader) -> str:
    a: Appointment = r.shown
    text = _join(
        _answer(translate("Entry", "Asked for"), a.private_room_requested),
        _answer(translate("Entry", "Offered"), a.private_room_offered),
        _answer(translate("Entry", "Used"), a.private_room_used),
    )
    if r.text("private_room_refused_by"):
        refused = translate("Entry", "Refused by: {who}").format(
            who=r.text("private_room_refused_by")
        )
        text = _join(text, _sentence(refused))
    if r.text("private_room_refusal_reason"):
        reason = translate("Entry", "Reason given: {reason}").format(
            reason=r.text("private_room_refusal_reason")
        )
        text = _join(text, reason)
    return text


def _earshot(r: _Reader) -> str:
    a: Appointment = r.shown
    text = r.labels("in_earshot")
    if a.in_earshot_count is not None:
        text = _join(text, translate("Entry", "(about {n} people)").format(n=a.in_earshot_count))
    return _join(_sentence(text), r.text("in_earshot_notes"))


def _staff_end(r: _Reader) -> str:
    a: Appointment = r.shown
    return _join(
        _sentence(r.labels("background_noise")),
        r.text("background_noise_notes"),
        _answer(translate("Entry", "They said they were alone"), a.staff_said_alone),
        _answer(translate("Entry", "They said nobody else could hear"), a.staff_said_private),
        _answer(translate("Entry", "They said they wore headphones"), a.staff_said_headphones),
    )


def _said(r: _Reader) -> str:
    a: Appointment = r.shown
    if a.said_aloud_answer is Answer.NO and not a.said_aloud:
        return translate("Entry", "Nothing private was said.")
    text = _sentence(r.labels("said_aloud"))
    if not text and a.said_aloud_answer is not None:
        text = _answer(translate("Entry", "Private things said aloud"), a.said_aloud_answer)
    return _join(text, r.text("said_aloud_notes"))


def _adjustment(original: Adjustment | None, shown: Adjustment) -> str:
    detail, reason = shown.detail, shown.reason_given
    if original is not None:
        detail = f"[{left_out()}]" if original.detail and not detail else detail
        reason = f"[{left_out()}]" if original.reason_given and not reason else reason
    text = label(shown.kind)
    if detail:
        text += f" ({detail})"
    if shown.outcome is not None:
        text += ": " + label(shown.outcome).lower()
    if reason:
        text += "; " + translate("Entry", "reason given: {reason}").format(reason=reason)
    return text


def _adjustments(r: _Reader) -> str:
    originals = list(r.original.adjustments)
    shown = r.shown.adjustments
    pairs = zip(originals + [None] * (len(shown) - len(originals)), shown, strict=False)
    return _sentence(". ".join(_adjustment(o, s) for o, s in pairs))


def _language(a: Appointment) -> str:
    asked = held = ""
    if a.language_requested is not None:
        asked = translate("Entry", "Asked for {language}.").format(
            language=label(a.language_requested)
        )
    if a.language is not None:
        held = translate("Entry", "Held in {language}.").format(language=label(a.language))
    return _join(asked, held)


def _recording(a: Appointment) -> str:
    return _join(
        _answer(translate("Entry", "Asked to record"), a.recording_requested),
        _answer(translate("Entry", "Allowed"), a.recording_allowed),
        f"{label(a.recorded_by)}." if a.recorded_by else "",
    )


def _follow_up(r: _Reader) -> str:
    a: Appointment = r.shown
    text = _answer(translate("Entry", "Mandatory reconsideration asked for"), a.mr_requested)
    if a.complaint_reference:
        ref = translate("Entry", "Complaint reference: {ref}.").format(ref=a.complaint_reference)
        text = _join(ref, text)
    return text


def _about(record: Appointment | Event) -> str:
    return ", ".join(
        p for p in (label(record.benefit) if record.benefit else "", record.organisation) if p
    )


def appointment_facts(original: Appointment, shown: Appointment) -> list[Fact]:
    """Every recorded fact but the person's own words, omissions marked."""
    r = _Reader(original, shown)
    a = shown
    length = (
        translate("Entry", "{n} minutes").format(n=a.duration_minutes) if a.duration_minutes else ""
    )
    pairs = [
        (translate("Entry", "Did it go ahead"), _status(a)),
        (translate("Entry", "About"), _about(a)),
        (translate("Entry", "How long"), length),
        (translate("Entry", "Where"), _where(a)),
        (translate("Entry", "Who came along"), r.text("companions")),
        (translate("Entry", "Staff"), _staff(r)),
        (translate("Entry", "Private room"), _private_room(r)),
        (translate("Entry", "Who could hear"), _earshot(r)),
        (translate("Entry", "At the staff member's end"), _staff_end(r)),
        (translate("Entry", "Said aloud"), _said(r)),
        (
            translate("Entry", "Asked to say aloud, and would not"),
            _sentence(r.labels("refused_aloud")),
        ),
        (translate("Entry", "Chose not to tell them"), _sentence(r.labels("declined_to_disclose"))),
        (translate("Entry", "Recording"), _recording(a)),
        (translate("Entry", "Adjustments asked for"), _adjustments(r)),
        (translate("Entry", "Language"), _language(a)),
        (translate("Entry", "How the staff member behaved"), _sentence(r.labels("conduct"))),
        (translate("Entry", "Follow-up"), _follow_up(r)),
    ]
    return _facts(pairs)


def _facts(pairs: list[tuple[str, str]]) -> list[Fact]:
    marker = f"[{left_out()}]"
    whole = translate("Entry", "Left out of this copy.")
    return [
        Fact(name, whole, True) if text == marker else Fact(name, text)
        for name, text in pairs
        if text
    ]


def event_facts(original: Event, shown: Event) -> list[Fact]:
    r = _Reader(original, shown)
    received = long_date(shown.received_on) if shown.received_on else ""
    pairs = [
        (translate("Entry", "About"), _about(shown)),
        (translate("Entry", "Received on"), received),
        (translate("Entry", "Reference"), shown.reference),
        (translate("Entry", "What it says"), r.text("summary")),
        (translate("Entry", "What was awarded"), shown.award),
        (translate("Entry", "Notes"), r.text("notes")),
    ]
    return _facts(pairs)
