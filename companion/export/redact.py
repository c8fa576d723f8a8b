"""Leaving things out of an export, the same way for every format.

A redacted value is removed from the record before anything is written, so it
can appear in no page, no cell and no embedded log. What each choice removes:

- NI number: the person's National Insurance number;
- staff names: the staff member's name and who refused a private room;
- third parties: who came with the person;
- free text: everything written in the person's own words (what happened, how
  it affected them, every note, reason and summary), which may name anyone.

Parts of an entry left out of an export (the privacy facts, what happened, how
it affected them) are removed the same way, so what a page does not show is
not in the attached log or the spreadsheet either.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.export.options import Part, Redaction
from companion.model import Adjustment, Appointment, Event, Person, Record

_APPOINTMENT_FIELDS: dict[Redaction, tuple[str, ...]] = {
    Redaction.STAFF_NAMES: ("staff_name", "private_room_refused_by"),
    Redaction.THIRD_PARTIES: ("companions",),
    Redaction.FREE_TEXT: (
        "account", "impact", "in_earshot_notes", "background_noise_notes", "said_aloud_notes",
        "private_room_refusal_reason", "staff_stated_location",
    ),
}  # fmt: skip
_EVENT_FIELDS: dict[Redaction, tuple[str, ...]] = {Redaction.FREE_TEXT: ("summary", "notes")}


_PART_FIELDS: dict[Part, tuple[str, ...]] = {
    Part.PRIVACY: (
        "layout", "staff_location", "staff_stated_location",
        "private_room_requested", "private_room_offered", "private_room_used",
        "private_room_refused_by", "private_room_refusal_reason",
        "in_earshot", "in_earshot_count", "in_earshot_notes",
        "background_noise", "background_noise_notes", "staff_said_alone", "staff_said_headphones",
        "said_aloud", "said_aloud_notes", "recording_requested", "recording_allowed",
        "recorded_by", "adjustments",
    ),
    Part.ACCOUNT: ("account",),
    Part.IMPACT: ("impact", "distress"),
}  # fmt: skip
_EMPTY = {
    cls: {f.name: f.default for f in dataclasses.fields(cls)}
    for cls in (Appointment, Event, Person)
}
# Only the words of an adjustment are free text; what was asked for and the answer stay.
_WORDS_ONLY = "adjustments (words)"


def removed_fields(
    record: Record | type[Record],
    redact: frozenset[Redaction],
    left_out: frozenset[Part] = frozenset(),
) -> tuple[str, ...]:
    """The fields of `record` that the chosen redactions, and the parts left out, empty."""
    if not redact and not left_out:
        return ()
    cls = record if isinstance(record, type) else type(record)  # a record or its class
    if issubclass(cls, Person):
        return ("ni_number",) if Redaction.NI_NUMBER in redact else ()
    table = _APPOINTMENT_FIELDS if issubclass(cls, Appointment) else _EVENT_FIELDS
    names: set[str] = set()
    for choice in redact:
        names.update(table.get(choice, ()))
    if issubclass(cls, Appointment):
        for part in left_out:
            names.update(_PART_FIELDS.get(part, ()))
        if Redaction.FREE_TEXT in redact and "adjustments" not in names:
            names.add(_WORDS_ONLY)
    return tuple(sorted(names))


def _empty(record: Record | type[Record], name: str) -> Any:
    cls = record if isinstance(record, type) else type(record)
    return _EMPTY.get(cls, {}).get(name, "")


def redact_record(
    record: Record, redact: frozenset[Redaction], left_out: frozenset[Part] = frozenset()
) -> Record:
    """A copy of `record` with the chosen values emptied."""
    changes: dict[str, Any] = {}
    for name in removed_fields(record, redact, left_out):
        if name == _WORDS_ONLY and isinstance(record, Appointment):
            changes["adjustments"] = tuple(
                Adjustment(a.kind, "", a.outcome, "") for a in record.adjustments
            )
        else:
            changes[name] = _empty(record, name)
    return dataclasses.replace(record, **changes) if changes else record


def redact_fields(
    fields: dict[str, Any],
    record: Record | type[Record],
    redact: frozenset[Redaction],
    left_out: frozenset[Part] = frozenset(),
) -> dict[str, Any]:
    """The stored form of a version (codec fields) with the same values emptied."""
    removed = removed_fields(record, redact, left_out)
    if not removed:
        return fields
    out = dict(fields)
    for name in removed:
        if name == _WORDS_ONLY:
            out["adjustments"] = [
                {**a, "detail": "", "reason_given": ""} for a in fields.get("adjustments", [])
            ]
        elif name in out:
            empty = _empty(record, name)
            out[name] = [] if empty == () else empty
    return out
