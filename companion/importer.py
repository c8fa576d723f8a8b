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

from companion.errors import InvalidInput, StorageFailed
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


def read_json(raw: bytes) -> list[ImportItem]:
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput("", "file", "", "text in UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line {exc.lineno}", "file", "", "valid JSON") from None
    return document.parse(doc)


def read_csv(raw: bytes, vault: Vault, person_name: str | None) -> list[ImportItem]:
    reader = csv.DictReader(io.StringIO(_decode_text(raw), newline=""))
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
            raise InvalidInput(f"row {number}", "row", "", "no more cells than the header has")
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
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(raw)
    if suffix == ".csv":
        return read_csv(raw, vault, person_name)
    raise InvalidInput("", "file", path.name, "a .json or .csv file")


def import_file(
    vault: Vault, path: Path, person_name: str | None = None, progress: Progress | None = None
) -> ImportResult:
    items = read_items(path, vault, person_name)
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
    )
