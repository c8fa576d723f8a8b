"""Appointments as spreadsheet rows: one appointment a row, one column a field.

The columns are documented in docs/format.md. Reading is forgiving where
people are inconsistent (labels or stored values, any letter case, dates as
2026-03-02 or 02/03/2026) and strict where a mistake would lose something (an
unknown column, a value that fits nothing). Rows are numbered as a
spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum, StrEnum
from typing import Any

from companion import codec, safe_read
from companion.errors import DuplicateName, InvalidInput
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


# How the text of a sheet was read; only Windows-1252 is a guess, and an import says so.
UTF8 = "UTF-8"
UTF16 = "UTF-16"
WINDOWS_1252 = "Windows-1252"
# No file this app writes nests brackets more than 8 deep (an adjustment inside an entry).
MAX_DEPTH = 20


class TextProblem(StrEnum):
    """Why the bytes of a sheet could not be read as text."""

    DAMAGED_UTF8 = "damaged_utf8"  # UTF-8, but for a byte or two: damaged, not another encoding
    DAMAGED_UTF16 = "damaged_utf16"  # starts as UTF-16 (Excel's "Unicode text") but is not
    UNKNOWN = "unknown"  # neither UTF-8 nor Windows' own encoding


class UnreadableText(InvalidInput):
    """A sheet's bytes are not text in any encoding that can be told for certain.

    `line` (from 1) is where the first byte that does not fit is. It is invalid input, so it
    is handled wherever that is."""

    def __init__(self, line: int, problem: TextProblem) -> None:
        super().__init__(f"line {line}", "file", "", f"text saved as UTF-8 ({problem})")
        self.line = line
        self.problem = problem


class RowCells(InvalidInput):
    """A row has more or fewer cells than row 1 names columns, so which cell belongs under
    which column cannot be told. It is invalid input, so it is handled wherever that is."""

    def __init__(self, row: int, cells: int, columns: int) -> None:
        super().__init__(f"row {row}", "", "", f"{columns} cells, one for each column in row 1")
        self.number = row
        self.cells = cells
        self.columns = columns


class UnclosedQuote(InvalidInput):
    """The file ends inside a cell that opened with a double quote: it was cut short, and
    what is left of the cell is not what was written. `number` is the row, `line` the line
    of the file where that quote is. It is invalid input, so it is handled wherever that is."""

    def __init__(self, row: int, line: int) -> None:
        super().__init__(f"row {row}", "", "", "a closing double quote")
        self.number = row
        self.line = line


# Valid UTF-8 for one character beyond ASCII (RFC 3629): a file holding these is UTF-8.
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a sheet, and the encoding it was read in.

    UTF-8 (with or without Excel's byte-order mark); UTF-16 when it starts with the mark
    Excel's "Unicode text" does; Windows-1252 only when every byte is valid in it and nothing
    looks like UTF-8. A UTF-8 file with one bad byte is damaged, and is refused rather than
    read as Windows-1252, which would turn every accented letter into two others.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), UTF16
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
            raise UnreadableText(line, TextProblem.DAMAGED_UTF16) from None
    try:
        return raw.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if _UTF8_CHARACTER.search(raw):
            raise UnreadableText(line, TextProblem.DAMAGED_UTF8) from None
    try:
        return raw.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        raise UnreadableText(line, TextProblem.UNKNOWN) from None


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def read_rows(text: str) -> list[list[str]]:
    """The rows of a sheet, row 1 first, each a list of its cells; a blank line is [].

    Commas separate the cells, or tabs when row 1 has tabs and no commas (Excel's "Unicode
    text"). A file that ends inside a quoted cell was cut short: it is refused, naming the
    row and the line where that cell's quote opens.
    """
    first_line = re.match(r"[^\r\n]*", text)
    header = first_line.group() if first_line else ""
    dialect = csv.excel_tab if "\t" in header and "," not in header else csv.excel
    # A last row of its own after the text: read into a cell instead, the file ended in one.
    end = "\ue000end"
    while end in text:
        end += "\ue000"
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + len(end) + 2))  # any cell the file can hold
    reader = csv.reader(io.StringIO(text + "\r\n" + end, newline=""), dialect)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:  # nothing the reader still refuses, but never a traceback
        raise InvalidInput(
            f"row {len(rows) + 1}", "", "", "cells as a spreadsheet writes them"
        ) from None
    last = rows.pop()
    if last != [end]:
        inside = last[-1].rpartition(end)[0].removesuffix("\r\n")
        raise UnclosedQuote(len(rows) + 1, _breaks(text) - _breaks(inside) + 1)
    return rows


def nested_deeper_than(value: Any, depth: int) -> bool:
    """Whether lists and groups inside `value` go more than `depth` deep (checked without
    recursion, so no nesting can exhaust Python's stack)."""
    level = [value]
    for _ in range(depth):
        level = [
            item
            for container in level
            if isinstance(container, list | dict)
            for item in (container.values() if isinstance(container, dict) else container)
        ]
        if not level:
            return False
    return any(isinstance(item, list | dict) for item in level)


def short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


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


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_NUMBERS_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_WORDS_DAY_FIRST = re.compile(
    r"(?:([a-z]+)\.?,?\s*)??(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*(?:of\s+)?([a-z]+)\.?[\s\-/.,]*(\d{4}|\d{2})"
)
_WORDS_MONTH_FIRST = re.compile(
    r"(?:([a-z]+)\.?,?\s*)??([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?[\s,]*(\d{4})"
)
DATE_EXPECTED = "a date like 5/3/2026, 5 March 2026 or 2026-03-05 (day first)"


def _year(text: str) -> int:
    """A four-digit year as written; two digits are this century's (26 is 2026), as people
    write the year of a letter or an appointment."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _weekday_fits(word: str | None, day: date) -> bool:
    """A weekday written before the date ("Thursday 5 March 2026") must be that date's."""
    if not word:
        return True
    matches = [n for n, name in enumerate(_WEEKDAYS) if len(word) >= 3 and name.startswith(word)]
    return matches == [day.weekday()]


def _read_date(text: str) -> date | None:
    lowered = " ".join(text.lower().split())
    if match := _NUMBERS_DAY_FIRST.fullmatch(lowered):
        day, month, year = match.groups()
        return date(_year(year), int(month), int(day))
    if match := _NUMBERS_YEAR_FIRST.fullmatch(lowered):
        year, month, day = match.groups()
        return date(int(year), int(month), int(day))
    for pattern, order in ((_WORDS_DAY_FIRST, (1, 2, 3)), (_WORDS_MONTH_FIRST, (2, 1, 3))):
        match = pattern.fullmatch(lowered)
        if match is None:
            continue
        weekday = match.group(1)
        day_text, month_text, year_text = (match.group(n + 1) for n in order)
        if month_text not in _MONTHS:
            continue
        found = date(_year(year_text), _MONTHS[month_text], int(day_text))
        return found if _weekday_fits(weekday, found) else None
    return date.fromisoformat(lowered)


def parse_date(text: str, where: str, name: str = "date") -> date:
    """A date written day first in any of the ways people write one: 15/03/2026, 5/3/26,
    05.03.2026, 5-3-2026, 2026-03-05, "5 March 2026", "5 Mar 2026", "5th of March 2026",
    "Thursday 5 March 2026", "March 5, 2026" or "5Mar2026". Never month first in numbers:
    03/05/2026 is 3 May."""
    text = text.strip()
    try:
        found = _read_date(text)
    except ValueError:
        found = None
    if found is None:
        raise InvalidInput(where, name, text, DATE_EXPECTED)
    return found


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
    if not re.fullmatch(rf"\s*\d{{1,{safe_read.MAX_DIGITS}}}\s*", text):
        raise InvalidInput(where, name, short(text), "a whole number")
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
            raw = safe_read.loads(text)
        except DuplicateName as exc:
            expected = f'each name once in each adjustment ("{exc.name}" is given twice)'
            raise InvalidInput(where, "adjustments", short(text), expected) from None
        except InvalidInput:
            raise InvalidInput(where, "adjustments", short(text), "a valid list") from None
        if not isinstance(raw, list) or nested_deeper_than(raw, 2):
            raise InvalidInput(where, "adjustments", short(text), "a list of adjustments")
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
