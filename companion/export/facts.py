"""An entry as labelled lines of plain English, for every human-readable export.

Only what was recorded appears: an unanswered question is left out rather
than shown as "no".
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from companion.i18n import clock_time, local, long_date, long_datetime, translate
from companion.labels import label
from companion.model import Answer, Appointment, Event


def _labels(values: tuple[Enum, ...]) -> str:
    return ", ".join(label(v) for v in values)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _answer(question: str, answer: Answer | None) -> str:
    return f"{question}: {label(answer)}." if answer is not None else ""


def heading(record: Appointment | Event) -> str:
    """Like "Tuesday 17 February 2026, 10:30: Work-focused interview"."""
    when = long_date(record.date)
    if isinstance(record, Appointment) and record.time is not None:
        when += ", " + clock_time(record.time)
    if isinstance(record, Event):
        what = label(record.kind)
    else:
        what = label(record.kind) if record.kind else translate("Export", "Appointment")
    return f"{when}: {what}"


def _where(a: Appointment) -> str:
    parts = [label(a.channel) if a.channel else "", a.location]
    text = ", ".join(p for p in parts if p)
    if a.layout is not None:
        text = _join(text, f"({label(a.layout)})")
    return text


def _staff(a: Appointment) -> str:
    who = ", ".join(p for p in (a.staff_name, a.staff_role) if p)
    if a.staff_name_given is Answer.NO:
        who = _join(who, translate("Export", "(name not given)"))
    where = label(a.staff_location).lower() if a.staff_location is not None else ""
    text = "; ".join(p for p in (who, where) if p)
    if a.staff_stated_location:
        said = translate("Export", "They said they were: {place}").format(
            place=a.staff_stated_location
        )
        text = f"{text}. {said}" if text else said
    return text


def _private_room(a: Appointment) -> str:
    text = _join(
        _answer(translate("Export", "Asked for"), a.private_room_requested),
        _answer(translate("Export", "Offered"), a.private_room_offered),
        _answer(translate("Export", "Used"), a.private_room_used),
    )
    if a.private_room_refused_by:
        text = _join(
            text, translate("Export", "Refused by: {who}.").format(who=a.private_room_refused_by)
        )
    if a.private_room_refusal_reason:
        text = _join(
            text,
            translate("Export", "Reason given: {reason}").format(
                reason=a.private_room_refusal_reason
            ),
        )
    return text


def _earshot(a: Appointment) -> str:
    text = _labels(a.in_earshot)
    if a.in_earshot_count is not None:
        text = _join(text, translate("Export", "(about {n} people)").format(n=a.in_earshot_count))
    return _join(text + ("." if text else ""), a.in_earshot_notes)


def _staff_end(a: Appointment) -> str:
    text = _labels(a.background_noise)
    return _join(
        text + ("." if text else ""),
        a.background_noise_notes,
        _answer(translate("Export", "They said they were alone"), a.staff_said_alone),
        _answer(translate("Export", "They said they wore headphones"), a.staff_said_headphones),
    )


def _recording(a: Appointment) -> str:
    return _join(
        _answer(translate("Export", "Asked to record"), a.recording_requested),
        _answer(translate("Export", "Allowed"), a.recording_allowed),
        f"{label(a.recorded_by)}." if a.recorded_by else "",
    )


def _adjustments(a: Appointment) -> str:
    lines = []
    for adj in a.adjustments:
        text = label(adj.kind)
        if adj.detail:
            text += f" ({adj.detail})"
        if adj.outcome is not None:
            text += ": " + label(adj.outcome).lower()
        if adj.reason_given:
            text += "; " + translate("Export", "reason given: {reason}").format(
                reason=adj.reason_given
            )
        lines.append(text)
    return ". ".join(lines)


def _follow_up(a: Appointment) -> str:
    text = _answer(translate("Export", "Mandatory reconsideration asked for"), a.mr_requested)
    if a.complaint_reference:
        text = _join(
            translate("Export", "Complaint reference: {ref}.").format(ref=a.complaint_reference),
            text,
        )
    return text


def appointment_facts(a: Appointment) -> list[tuple[str, str]]:
    """(label, text) pairs for all that was recorded, except the person's own words."""
    what = ", ".join(p for p in (label(a.benefit) if a.benefit else "", a.organisation) if p)
    length = (
        translate("Export", "{n} minutes").format(n=a.duration_minutes)
        if a.duration_minutes
        else ""
    )
    said = _labels(a.said_aloud)
    pairs = [
        (translate("Export", "About"), what),
        (translate("Export", "How long"), length),
        (translate("Export", "Where"), _where(a)),
        (translate("Export", "Who came along"), a.companions),
        (translate("Export", "Staff"), _staff(a)),
        (translate("Export", "Private room"), _private_room(a)),
        (translate("Export", "Who could hear"), _earshot(a)),
        (translate("Export", "At the staff member's end"), _staff_end(a)),
        (
            translate("Export", "Said aloud"),
            _join(said + ("." if said else ""), a.said_aloud_notes),
        ),
        (translate("Export", "Recording"), _recording(a)),
        (translate("Export", "Adjustments asked for"), _adjustments(a)),
        (translate("Export", "Language"), label(a.language) if a.language else ""),
        (translate("Export", "Follow-up"), _follow_up(a)),
    ]
    return [(name, text) for name, text in pairs if text]


def event_facts(e: Event) -> list[tuple[str, str]]:
    received = long_date(e.received_on) if e.received_on else ""
    pairs = [
        (
            translate("Export", "About"),
            ", ".join(p for p in (label(e.benefit) if e.benefit else "", e.organisation) if p),
        ),
        (translate("Export", "Received on"), received),
        (translate("Export", "Reference"), e.reference),
        (translate("Export", "What it says"), e.summary),
        (translate("Export", "Notes"), e.notes),
    ]
    return [(name, text) for name, text in pairs if text]


def written_note(happened: date, written_at: datetime, imported_at: datetime | None) -> str:
    """When the note was written, and how long after the day it describes."""
    if imported_at is not None and written_at == imported_at:
        # The file gave no time of writing, so the only honest time is the import's.
        return translate(
            "Export", "Brought in from a file on {when}; the file did not say when it was written."
        ).format(when=long_datetime(imported_at))
    days = (local(written_at).date() - happened).days
    if days < 0:
        gap = translate("Export", "before the day it describes")
    elif days == 0:
        gap = translate("Export", "the same day")
    elif days == 1:
        gap = translate("Export", "1 day later")
    else:
        gap = translate("Export", "{n} days later").format(n=days)
    text = translate("Export", "Written {when}, {gap}.").format(
        when=long_datetime(written_at), gap=gap
    )
    if imported_at is not None:
        text += " " + translate("Export", "Brought in from a file on {when}.").format(
            when=long_datetime(imported_at)
        )
    return text


def corrections_note(saved_times: list[datetime]) -> str:
    """For a corrected entry: when each correction was made (the original stays in the vault)."""
    if len(saved_times) < 2:
        return ""
    dates = "; ".join(long_datetime(t) for t in saved_times[1:])
    return translate("Export", "Corrected on {dates}. The original wording is kept.").format(
        dates=dates
    )


def damaged_note() -> str:
    return translate(
        "Export",
        "Part of this entry's history could not be read (the vault is damaged), "
        "so this may not be its latest wording.",
    )
