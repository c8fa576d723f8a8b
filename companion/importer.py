"""Bring records in from a file: the JSON interchange document or a CSV spreadsheet.

All or nothing: every row is read and checked before anything is written, and
the writing is one transaction, so one bad row means nothing is imported and
the error names the row, the field, the value and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from companion import safe_read
from companion.errors import FileSyntax, InvalidInput, SyntaxProblem
from companion.interchange import csv_format, document
from companion.interchange.document import ImportItem
from companion.model import Appointment, Event, Person
from companion.query import find_people
from companion.vault import Progress, Vault

MAX_BYTES = 256 * 1024 * 1024
SUFFIXES = (".json", ".csv")


@dataclass(frozen=True)
class ImportResult:
    people: int = 0
    appointments: int = 0
    events: int = 0
    already_there: int = 0
    ni_numbers_left_out: bool = False  # the file was exported without them
    # How the file's text was read: "UTF-8", "UTF-16", or "Windows-1252", which is a guess
    # (a sheet that is not UTF-8 but fits Windows' own encoding), so the import says so.
    encoding: str = csv_format.UTF8

    @property
    def encoding_guessed(self) -> bool:
        return self.encoding == csv_format.WINDOWS_1252


def read_json(raw: bytes) -> list[ImportItem]:
    items = document.parse(safe_read.loads_bytes(raw))
    document.check_ids_once(items)
    return items


def read_csv(raw: bytes, vault: Vault, person_name: str | None) -> list[ImportItem]:
    items = _read_csv(raw, vault, person_name)[0]
    document.check_ids_once(items)
    return items


def _read_csv(raw: bytes, vault: Vault, person_name: str | None) -> tuple[list[ImportItem], str]:
    """The items in a sheet, and the encoding its text was read in."""
    text, encoding = csv_format.decode(raw)
    if not text.strip():
        raise FileSyntax(1, 1, SyntaxProblem.EMPTY)
    rows = csv_format.read_rows(text)
    header = [h.strip() for h in rows[0]]
    csv_format.check_header(header)
    people = {
        " ".join(p.record.display_name.split()).casefold(): p.record.id for p in vault.people()
    }
    default = _default_person(vault, person_name)
    items = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or a row of empty cells
        if len(cells) != len(header):
            raise csv_format.RowCells(number, len(cells), len(header))
        row = {name: csv_format.unguard(value) for name, value in zip(header, cells, strict=True)}
        items.append(csv_format.row_to_item(row, number, people, default))
    return items, encoding


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


def _read(path: Path, vault: Vault, person_name: str | None) -> tuple[list[ImportItem], bool, str]:
    """The items in a file, whether it says it left out NI numbers, and its encoding.

    Only an ordinary file no larger than MAX_BYTES is read (never a device or a pipe), and
    a file in which one id names two records is refused whole.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("", "file", path.name, "a .json or .csv file")
    raw = safe_read.read_file(path, MAX_BYTES, "file")
    if suffix == ".json":
        doc = safe_read.loads_bytes(raw)
        items = document.parse(doc)
        left_out, encoding = document.ni_numbers_left_out(doc), csv_format.UTF8
    else:
        items, encoding = _read_csv(raw, vault, person_name)
        left_out = False
    document.check_ids_once(items)
    return items, left_out, encoding


def import_file(
    vault: Vault, path: Path, person_name: str | None = None, progress: Progress | None = None
) -> ImportResult:
    items, ni_left_out, encoding = _read(path, vault, person_name)
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
        encoding=encoding,
    )
