"""Appointments as spreadsheet rows: one appointment a row, one column a field.

The columns are documented in docs/format.md. Reading is forgiving where
people are inconsistent (labels or stored values, any letter case, dates as
2026-03-02 or 02/03/2026) and strict where a mistake would lose something (an
unknown column, a value that fits nothing). Rows are numbered as a
spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from companion import codec
from companion.errors import InvalidInput
from companion.labels import parse_enum, source_label
from companion.ledger import NOT_GIVEN, Saved, Version
from companion.model import Adjustment, AdjustmentKind, AdjustmentOutcome, Appointment, new_id

# `written_at` is when the note was first written; `wording_saved_at` when the wording in the
# row was saved (later, for a corrected entry). Import stores the row's wording at that time.
LEAD_COLUMNS = ["id", "person", "written_at", "wording_saved_at"]
# Written by an export for people reading the sheet; ignored when a sheet is imported, but for
# `left_out`: a row that had things left out is refused rather than stored without them.
DERIVED_COLUMNS = ["date_in_words", "written_in_words", "problems", "left_out", "kept_by"]
FIELD_COLUMNS = list(codec.field_names(Appointment))
COLUMNS = LEAD_COLUMNS + DERIVED_COLUMNS + FIELD_COLUMNS
# Sheets exported before version 2 named the problems column this way.
ACCEPTED_COLUMNS = [*COLUMNS, "privacy_problems"]
LIST_SEPARATOR = ";"
_HINTS = typing.get_type_hints(Appointment)
# Columns holding what someone typed; the rest are dates, numbers and fixed choices.
TEXT_COLUMNS = ["person", *(n for n in FIELD_COLUMNS if _HINTS[n] is str), "adjustments"]


# A spreadsheet runs a cell that starts with one of these as a formula; an export puts an
# apostrophe before such a cell so it stays text, and an import takes the apostrophe off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


# -- writing -------------------------------------------------------------------


def _adjustments_cell(adjustments: tuple[Adjustment, ...]) -> str:
    """Simple "kind: outcome; ..." when nothing else was written, else exact JSON."""
    if all(not a.detail and not a.reason_given for a in adjustments):
        return "; ".join(
            a.kind.value + (f": {a.outcome.value}" if a.outcome else "") for a in adjustments
        )
    return json.dumps([codec.to_fields(a) for a in adjustments], ensure_ascii=False)


def _time_cell(at: datetime, saved: Saved[Appointment]) -> str:
    # A time that is only the import's (the file it came from gave none) is left empty, so a
    # sheet brought in again says the time was not given rather than invent one.
    return "" if at == saved.imported_at else at.isoformat()


def to_row(
    saved: Saved[Appointment], person_name: str, record: Appointment | None = None
) -> dict[str, str]:
    """The row for an appointment; `record` is what to show if not the stored one (redacted).
    `wording_saved_at` is when the stored wording was saved: a row that leaves nothing out
    holds exactly that wording, and one that leaves something out is refused on import."""
    record = record or saved.record
    row = {
        "id": record.id,
        "person": person_name,
        "written_at": _time_cell(saved.written_at, saved),
        "wording_saved_at": _time_cell(saved.last_saved_at, saved),
    }
    for name, value in codec.to_fields(record).items():
        if type(value) is str:
            row[name] = value
        elif name == "adjustments":
            row[name] = _adjustments_cell(record.adjustments)
        elif type(value) is list:
            row[name] = "; ".join(value)
        else:
            row[name] = "" if value is None else str(value)
    return row


# -- reading -------------------------------------------------------------------


def parse_date(text: str, where: str, name: str = "date") -> date:
    text = text.strip()
    uk = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if uk:
            day, month, year = (int(g) for g in uk.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            where, name, text, "a date like 2026-03-02 or 02/03/2026 (day first)"
        ) from None


def parse_time(text: str, where: str = "", name: str = "time") -> time:
    """A time like 14:30 or 9.05 (24-hour clock)."""
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text.strip())
    try:
        if not match:
            raise ValueError
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise InvalidInput(where, name, text, "a time like 14:30 (24-hour clock)") from None


def _parse_int(text: str, where: str, name: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text):
        raise InvalidInput(where, name, text, "a whole number")
    return int(text)


def parse_choice(cls: type[Enum], text: str, where: str, name: str) -> Enum:
    """A choice from its stored value or its English label, in any letter case."""
    member = parse_enum(cls, text)
    if member is None:
        choices = "; ".join(f"{m.value} ({source_label(m)})" for m in cls)
        raise InvalidInput(where, name, text, f"one of: {choices}")
    return member


def _parse_adjustments(text: str, where: str) -> tuple[Adjustment, ...]:
    if text.lstrip().startswith("["):
        try:
            raw = json.loads(text)
        except json.JSONDecodeError:
            raise InvalidInput(where, "adjustments", text, "a valid list") from None
        if not isinstance(raw, list):
            raise InvalidInput(where, "adjustments", text, "a list")
        return tuple(codec.from_fields(Adjustment, item, where) for item in raw)
    out = []
    for part in filter(None, (p.strip() for p in text.split(LIST_SEPARATOR))):
        kind_text, _, outcome_text = part.partition(":")
        kind = parse_choice(AdjustmentKind, kind_text, where, "adjustments")
        outcome = (
            parse_choice(AdjustmentOutcome, outcome_text, where, "adjustments")
            if outcome_text.strip()
            else None
        )
        out.append(Adjustment(kind, outcome=outcome))  # type: ignore[arg-type]
    return tuple(out)


def _parse_cell(name: str, text: str, where: str) -> Any:
    tp = _HINTS[name]
    inner = codec.optional_inner(tp) or tp
    if name == "adjustments":
        return _parse_adjustments(text, where)
    if inner is str:
        return text
    if not text.strip():
        return () if typing.get_origin(inner) is tuple else None
    if inner is date:
        return parse_date(text, where, name)
    if inner is time:
        return parse_time(text, where, name)
    if inner is int:
        return _parse_int(text, where, name)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return parse_choice(inner, text, where, name)
    if typing.get_origin(inner) is tuple:
        member_type = typing.get_args(inner)[0]
        parts = filter(None, (p.strip() for p in text.split(LIST_SEPARATOR)))
        return tuple(parse_choice(member_type, p, where, name) for p in parts)
    raise TypeError(name)


def _written_at(text: str, where: str, name: str = "written_at") -> datetime:
    if not text.strip():
        return NOT_GIVEN
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(where, name, text, "a date and time like 2026-03-02 14:30") from None
    return value if value.tzinfo else value.astimezone()


def check_header(header: list[str]) -> None:
    """Row 1 names the columns: each a documented one, once, and a date among them."""
    unknown = [c for c in header if c not in ACCEPTED_COLUMNS]
    if unknown:
        raise InvalidInput("row 1", unknown[0], "", "no such column")
    if "date" not in header:
        raise InvalidInput("row 1", "date", "", 'a column called "date" (the day of each row)')
    seen = set()
    for column in header:
        if column in seen:
            raise InvalidInput("row 1", "", column, "each column name only once")
        seen.add(column)


def row_to_item(
    row: Mapping[str, str],
    number: int,
    people: Mapping[str, str],
    default_person: str | None,
) -> tuple[str, list[Version]]:
    """One spreadsheet row as an import item. `people` maps folded names to ids."""
    where = f"row {number}"
    name = (row.get("person") or "").strip()
    if name:
        person_id = people.get(" ".join(name.split()).casefold())
        if person_id is None:
            raise InvalidInput(
                where,
                "person",
                name,
                "the name of a person already in the vault (add them first)",
            )
    elif default_person is not None:
        person_id = default_person
    else:
        raise InvalidInput(where, "person", "", "a person's name (or use --person when importing)")
    if not (row.get("date") or "").strip():
        raise InvalidInput(where, "date", "", "the date of the appointment")
    if (row.get("left_out") or "").strip():
        raise InvalidInput(
            where,
            "left_out",
            row["left_out"].strip(),
            "a row exported in full (importing this one would store it without what was left out)",
        )
    values: dict[str, Any] = {}
    for column in FIELD_COLUMNS:
        if column in row and row[column] is not None:
            values[column] = _parse_cell(column, row[column], where)
    record_id = (row.get("id") or "").strip() or new_id()
    appointment = Appointment(id=record_id, person_id=person_id, **values)
    # The wording in the row dates from when it was saved, which for a corrected entry is
    # later than when the note was first written: it is never passed off as the original.
    saved_at = _written_at(row.get("wording_saved_at") or "", where, "wording_saved_at")
    if saved_at is NOT_GIVEN:
        saved_at = _written_at(row.get("written_at") or "", where)
    return where, [Version(saved_at, appointment)]
