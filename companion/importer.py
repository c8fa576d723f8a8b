"""Bring records in from a file: the JSON interchange document or a CSV spreadsheet.

All or nothing: every row is read and checked before anything is written, and
the writing is one transaction, so one bad row means nothing is imported and
the error names the row, the field, the value and what was expected.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.errors import FileSyntax, InvalidInput, StorageFailed, SyntaxProblem
from companion.interchange import csv_format, document
from companion.interchange.document import ImportItem
from companion.model import Appointment, Event, Person
from companion.query import find_people
from companion.vault import Progress, Vault

MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    people: int = 0
    appointments: int = 0
    events: int = 0
    already_there: int = 0
    ni_numbers_left_out: bool = False  # the file was exported without them


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput("", "file", path.name, "a file smaller than 256 MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("", "file", str(path), "a file that exists") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc


def _decode_text(raw: bytes) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows' own encoding."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# Python's words for what stopped it reading JSON, and the plain problem each means.
_JSON_PROBLEMS = (
    ("Expecting ',' delimiter", SyntaxProblem.COMMA_MISSING),
    ("Expecting ':' delimiter", SyntaxProblem.COLON_MISSING),
    ("Expecting property name", SyntaxProblem.NAME_EXPECTED),
    ("Expecting value", SyntaxProblem.VALUE_EXPECTED),
    ("Illegal trailing comma", SyntaxProblem.COMMA_TOO_MANY),
    ("Unterminated string", SyntaxProblem.UNTERMINATED_TEXT),
    ("Invalid control character", SyntaxProblem.CONTROL_CHARACTER),
    ("Invalid \\", SyntaxProblem.BAD_BACKSLASH),
    ("Extra data", SyntaxProblem.EXTRA_DATA),
)
_JSON_SPACE = " \t\r\n"


def _syntax_at(text: str, pos: int, problem: SyntaxProblem) -> FileSyntax:
    line = text.count("\n", 0, pos) + 1
    return FileSyntax(line, pos - text.rfind("\n", 0, pos), problem)


def _json_syntax(text: str, exc: json.JSONDecodeError) -> FileSyntax:
    """Where a person should look, and what to fix there, for one of json's complaints."""
    problem = next((p for start, p in _JSON_PROBLEMS if exc.msg.startswith(start)), None)
    problem = problem or SyntaxProblem.OTHER
    pos = exc.pos
    before = len(text[:pos].rstrip(_JSON_SPACE))  # just after the last thing written
    if problem is SyntaxProblem.COMMA_MISSING:
        pos = before  # where the comma belongs, not the start of the next line
    elif (
        problem in (SyntaxProblem.NAME_EXPECTED, SyntaxProblem.VALUE_EXPECTED)
        and text[pos : pos + 1] in ("}", "]")
        and text[before - 1 : before] == ","
    ):
        problem, pos = SyntaxProblem.COMMA_TOO_MANY, before - 1
    return _syntax_at(text, pos, problem)


def read_json(raw: bytes) -> list[ImportItem]:
    return document.parse(_json_document(raw))


def _json_document(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        readable = raw[: exc.start].decode("utf-8-sig", errors="replace")
        raise _syntax_at(readable, len(readable), SyntaxProblem.NOT_UTF8) from None
    if not text.strip(_JSON_SPACE):
        raise FileSyntax(1, 1, SyntaxProblem.EMPTY)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_syntax(text, exc) from None
    return doc


def read_csv(raw: bytes, vault: Vault, person_name: str | None) -> list[ImportItem]:
    text = _decode_text(raw)
    if not text.strip():
        raise FileSyntax(1, 1, SyntaxProblem.EMPTY)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    csv_format.check_header(header)
    reader.fieldnames = header
    people = {
        " ".join(p.record.display_name.split()).casefold(): p.record.id for p in vault.people()
    }
    default = _default_person(vault, person_name)
    items = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise InvalidInput(f"row {number}", "", "", "no more cells than row 1 has column names")
        if not any((value or "").strip() for value in row.values()):
            continue
        row = {name: csv_format.unguard(value or "") for name, value in row.items()}
        items.append(csv_format.row_to_item(row, number, people, default))
    return items


def _default_person(vault: Vault, person_name: str | None) -> str | None:
    if person_name is not None:
        found = find_people(vault.people(), person_name)
        if len(found) != 1:
            raise InvalidInput("", "person", person_name, "the name of one person in the vault")
        return found[0].id
    people = vault.people()
    return people[0].record.id if len(people) == 1 else None


def read_items(path: Path, vault: Vault, person_name: str | None = None) -> list[ImportItem]:
    return _read(path, vault, person_name)[0]


def _read(path: Path, vault: Vault, person_name: str | None) -> tuple[list[ImportItem], bool]:
    """The items in a file, and whether it says it left out NI numbers."""
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = _json_document(raw)
        return document.parse(doc), document.ni_numbers_left_out(doc)
    if suffix == ".csv":
        return read_csv(raw, vault, person_name), False
    raise InvalidInput("", "file", path.name, "a .json or .csv file")


def import_file(
    vault: Vault, path: Path, person_name: str | None = None, progress: Progress | None = None
) -> ImportResult:
    items, ni_left_out = _read(path, vault, person_name)
    added = set(vault.import_versions(items, progress=progress))
    counts = {Person: 0, Appointment: 0, Event: 0}
    for _where, versions in items:
        record = versions[0].record
        if record is not None and record.id in added:
            counts[type(record)] += 1
    return ImportResult(
        people=counts[Person],
        appointments=counts[Appointment],
        events=counts[Event],
        already_there=len(items) - len(added),
        ni_numbers_left_out=ni_left_out and counts[Person] > 0,
    )
