"""Leaving things out of an export, the same way for every format.

A redacted value is removed from the record before anything is written, so it
can appear in no page, no cell and no embedded log. What each choice removes:

- NI number: the person's National Insurance number;
- staff names: the staff member's name and who refused a private room;
- third parties: who came with the person;
- free text: everything written in the person's own words (what happened, how
  it affected them, every note, reason and summary), which may name anyone.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.export.options import Redaction
from companion.model import Adjustment, Appointment, Person, Record

_APPOINTMENT_FIELDS: dict[Redaction, tuple[str, ...]] = {
    Redaction.STAFF_NAMES: ("staff_name", "private_room_refused_by"),
    Redaction.THIRD_PARTIES: ("companions",),
    Redaction.FREE_TEXT: (
        "account", "impact", "in_earshot_notes", "background_noise_notes", "said_aloud_notes",
        "private_room_refusal_reason", "staff_stated_location",
    ),
}  # fmt: skip
_EVENT_FIELDS: dict[Redaction, tuple[str, ...]] = {Redaction.FREE_TEXT: ("summary", "notes")}


def removed_fields(record: Record, redact: frozenset[Redaction]) -> tuple[str, ...]:
    """The fields of `record` that the chosen redactions empty."""
    if not redact:
        return ()
    if isinstance(record, Person):
        return ("ni_number",) if Redaction.NI_NUMBER in redact else ()
    table = _APPOINTMENT_FIELDS if isinstance(record, Appointment) else _EVENT_FIELDS
    names: list[str] = []
    for choice in redact:
        names += table.get(choice, ())
    if isinstance(record, Appointment) and Redaction.FREE_TEXT in redact:
        names.append("adjustments")  # their details and reasons are free text
    return tuple(sorted(set(names)))


def redact_record(record: Record, redact: frozenset[Redaction]) -> Record:
    """A copy of `record` with the chosen values emptied (an adjustment keeps what it was)."""
    changes: dict[str, Any] = {}
    for name in removed_fields(record, redact):
        if name == "adjustments" and isinstance(record, Appointment):
            changes[name] = tuple(Adjustment(a.kind, "", a.outcome, "") for a in record.adjustments)
        else:
            changes[name] = ""
    return dataclasses.replace(record, **changes) if changes else record


def redact_fields(
    fields: dict[str, Any], record: Record, redact: frozenset[Redaction]
) -> dict[str, Any]:
    """The stored form of a version (codec fields) with the same values emptied."""
    removed = removed_fields(record, redact)
    if not removed:
        return fields
    out = dict(fields)
    for name in removed:
        if name == "adjustments":
            out[name] = [{**a, "detail": "", "reason_given": ""} for a in fields.get(name, [])]
        elif name in out:
            out[name] = ""
    return out
