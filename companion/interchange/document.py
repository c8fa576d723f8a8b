"""The interchange document: the vault's content as versioned JSON (docs/format.md).

Written by `companion export --format json` (companion/export/json_log.py), read
by `companion import`. Each
record carries all its versions, oldest first, each with the time it was
saved, so corrections survive a round trip and stay visible as corrections.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from companion import codec
from companion.errors import InvalidInput
from companion.ledger import Version
from companion.model import Appointment, Event, Person
from companion.validation import check_id

FORMAT_NAME = "appointment-privacy-companion/log"
VERSION = 2
# Version 1 had fewer fields and choices; every version-1 file reads as it always did.
READABLE = (1, 2)
SECTIONS: dict[str, type] = {"people": Person, "appointments": Appointment, "events": Event}

ImportItem = tuple[str, list[Version]]


def _aware_time(raw: Any, where: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidInput(
            where,
            name,
            str(raw),
            "a date and time with its time zone, like 2026-03-02T09:30:00+00:00",
        )
    return value


def _versions(cls: type, item: dict[str, Any], where: str) -> list[Version]:
    raw_versions = item.get("versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise InvalidInput(where, "versions", str(raw_versions), "a list of at least one version")
    record_id = item.get("id")
    check_id(record_id, where)  # type: ignore[arg-type]
    envelope: dict[str, Any] = {"id": record_id}
    if cls is not Person:
        check_id(item.get("person_id"), where, "person_id")  # type: ignore[arg-type]
        envelope["person_id"] = item["person_id"]
    out = []
    for n, raw in enumerate(raw_versions, start=1):
        here = f"{where} version {n}"
        if not isinstance(raw, dict) or set(raw) - {"saved_at", "imported_at", "fields", "proof"}:
            raise InvalidInput(
                here, "version", str(raw)[:60], "saved_at, imported_at, fields and proof"
            )
        saved_at = _aware_time(raw.get("saved_at"), here, "saved_at")
        record = codec.from_fields(cls, raw.get("fields"), here, **envelope)
        out.append(Version(saved_at, record))
    return out


def parse(doc: Any) -> list[ImportItem]:
    """Read a document into (where, versions) items: people first, then their entries.

    `imported_at` and proofs in the file are not kept: what matters in this
    vault is when the records came into it, which the vault records itself
    (`companion verify FILE` is what checks a file's proofs).
    """
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise InvalidInput(
            "", "format", str(found)[:60], f'"{FORMAT_NAME}" (a file exported by this app)'
        )
    version = doc.get("version")
    if version not in READABLE or type(version) is not int:
        expected = f"version {VERSION}"
        if isinstance(version, int) and version > VERSION:
            expected += " (this file comes from a newer version of the app)"
        raise InvalidInput("", "version", str(version), expected)
    known = {"format", "version", "exported_at", "vault", "purpose", "reference", "redacted",
             "left_out", "keeper", *SECTIONS}  # fmt: skip
    unknown = sorted(set(doc) - known)
    if unknown:
        raise InvalidInput("", unknown[0], "", "no such section")
    items: list[ImportItem] = []
    for section, cls in SECTIONS.items():
        records = doc.get(section, [])
        if not isinstance(records, list):
            raise InvalidInput("", section, type(records).__name__, "a list")
        for n, item in enumerate(records, start=1):
            where = f"{section}[{n}]"
            if not isinstance(item, dict):
                raise InvalidInput(where, "record", str(item)[:60], "a group of named fields")
            allowed = {"id", "versions"} | ({"person_id"} if cls is not Person else set())
            extra = sorted(set(item) - allowed)
            if extra:
                raise InvalidInput(where, extra[0], str(item[extra[0]])[:60], "no such field")
            items.append((where, _versions(cls, item, where)))
    return items
