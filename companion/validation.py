"""Value rules for records, applied before anything is saved or imported.

Free text is kept exactly as written; only names and NI numbers are tidied
(runs of spaces, letter case), because people type those in many ways.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import TypeVar

from companion.errors import InvalidInput
from companion.model import Adjustment, Answer, Appointment, Event, Keeper, Person, Status

R = TypeVar("R", Person, Appointment, Event, Keeper)

MAX_NAME = 120
MAX_TEXT = 100_000
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
_ID = re.compile(r"[0-9a-f]{32}")

# National Insurance number format from HMRC's National Insurance Manual
# (NIM39110): two prefix letters, six digits, a suffix A to D. D, F, I, Q, U
# and V are never used in the prefix, O never as its second letter, and the
# prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated.
_NINO = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]")
_NINO_UNUSED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
# HMRC's own examples use the prefix QQ because no real number can have it;
# accepting it lets sample data and tests be valid without being anyone's.
EXAMPLE_PREFIX = "QQ"


def normalise_ni_number(text: str, where: str = "") -> str:
    """Return an NI number in its standard form (QQ123456C), or "" for none."""
    compact = re.sub(r"\s+", "", text).upper()
    if not compact:
        return ""
    candidate = "AA" + compact[2:] if compact.startswith(EXAMPLE_PREFIX) else compact
    if not _NINO.fullmatch(candidate) or compact[:2] in _NINO_UNUSED_PREFIXES:
        raise InvalidInput(
            where,
            "ni_number",
            text,
            "a National Insurance number like QQ 12 34 56 C (two letters, six numbers, "
            "then A, B, C or D)",
        )
    return compact


def check_id(value: str, where: str, name: str = "id") -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidInput(where, name, str(value), "32 lower-case hexadecimal characters")


def _check_text_lengths(record: object, where: str) -> None:
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise InvalidInput(
                where, f.name, value[:40] + "...", f"at most {MAX_TEXT:,} characters"
            )


def _check_date(value: date | None, where: str, name: str) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise InvalidInput(where, name, value.isoformat(), "a date between 1900 and 2100")


def _check_range(value: int | None, low: int, high: int, where: str, name: str) -> None:
    if value is not None and not low <= value <= high:
        raise InvalidInput(where, name, str(value), f"a whole number from {low} to {high}")


def _name(text: str, where: str, field: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidInput(where, field, text, "a name (it cannot be empty)")
    if len(name) > MAX_NAME:
        raise InvalidInput(where, field, name[:40] + "...", f"at most {MAX_NAME} characters")
    return name


def validate_person(person: Person, where: str = "") -> Person:
    check_id(person.id, where)
    name = _name(person.display_name, where, "display_name")
    return dataclasses.replace(
        person, display_name=name, ni_number=normalise_ni_number(person.ni_number, where)
    )


def validate_keeper(keeper: Keeper, where: str = "") -> Keeper:
    check_id(keeper.id, where)
    _check_text_lengths(keeper, where)
    return dataclasses.replace(keeper, name=_name(keeper.name, where, "name"))


def _check_adjustment(adjustment: Adjustment, where: str) -> None:
    _check_text_lengths(adjustment, where)


def validate_appointment(appointment: Appointment, where: str = "") -> Appointment:
    check_id(appointment.id, where)
    check_id(appointment.person_id, where, "person_id")
    _check_text_lengths(appointment, where)
    _check_date(appointment.date, where, "date")
    _check_date(appointment.moved_to, where, "moved_to")
    if appointment.said_aloud_answer is Answer.NO and appointment.said_aloud:
        raise InvalidInput(
            where,
            "said_aloud_answer",
            appointment.said_aloud_answer.value,
            'an answer other than "no" when private things said aloud are listed',
        )
    if appointment.moved_to is not None and appointment.status not in (None, Status.MOVED):
        raise InvalidInput(
            where,
            "moved_to",
            appointment.moved_to.isoformat(),
            "a new date only for an appointment that was moved",
        )
    _check_range(appointment.duration_minutes, 1, 24 * 60, where, "duration_minutes")
    _check_range(appointment.in_earshot_count, 0, 10_000, where, "in_earshot_count")
    _check_range(appointment.distress, 0, 10, where, "distress")
    for adjustment in appointment.adjustments:
        _check_adjustment(adjustment, where)
    return appointment


def validate_event(event: Event, where: str = "") -> Event:
    check_id(event.id, where)
    check_id(event.person_id, where, "person_id")
    _check_text_lengths(event, where)
    _check_date(event.date, where, "date")
    _check_date(event.received_on, where, "received_on")
    return event


def validate(record: R, where: str = "") -> R:
    """Check a record's values; return it tidied (names trimmed, NI number in standard form)."""
    if isinstance(record, Person):
        return validate_person(record, where)
    if isinstance(record, Keeper):
        return validate_keeper(record, where)
    if isinstance(record, Appointment):
        return validate_appointment(record, where)
    return validate_event(record, where)
