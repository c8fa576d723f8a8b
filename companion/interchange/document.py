"""The interchange document: the vault's content as versioned JSON (docs/format.md).

Written by `companion export --format json` (companion/export/json_log.py), read
by `companion import`. Each
record carries all its versions, oldest first, each with the time it was
saved, so corrections survive a round trip and stay visible as corrections.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any

from companion import codec
from companion.errors import FileSyntax, IncompleteCopy, InvalidInput, SyntaxProblem
from companion.i18n import long_date, translate
from companion.interchange.csv_format import MAX_DEPTH, nested_deeper_than, parse_choice
from companion.ledger import NOT_GIVEN, Version
from companion.model import Appointment, Event, Person
from companion.validation import check_id

FORMAT_NAME = "appointment-privacy-companion/log"
VERSION = 2
# Version 1 had fewer fields and choices; every version-1 file reads as it always did.
READABLE = (1, 2)
SECTIONS: dict[str, type] = {"people": Person, "appointments": Appointment, "events": Event}

ImportItem = tuple[str, list[Version]]


class RepeatedId(InvalidInput):
    """Two records in one file have the same id: brought in, one would be taken for a
    correction of the other, or the vault could not tell them apart. `first` and `second`
    name both places, as the file's other messages name a record (or "row 3" in a sheet).
    It is invalid input, so it is handled wherever that is."""

    def __init__(self, record_id: str, first: str, second: str) -> None:
        super().__init__(second, "id", record_id, f"an id used once in a file (as in {first})")
        self.record_id = record_id
        self.first = first
        self.second = second


def check_ids_once(items: list[ImportItem]) -> None:
    """Refuse a file in which one id names two records (two rows, two entries, or a person
    and an entry), naming the id and both places. An id already in the vault is the vault's
    to check: the same history again is simply there already."""
    seen: dict[str, str] = {}
    for where, versions in items:
        record = versions[0].record if versions else None
        if record is None:
            continue
        if record.id in seen:
            raise RepeatedId(record.id, seen[record.id], where)
        seen[record.id] = where


def _aware_time(raw: Any, where: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidInput(
            where,
            name,
            "" if raw is None else _short(raw),
            "a date and time with its time zone, like 2026-03-02T09:30:00+00:00",
        )
    return value


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    if n % 100 in (11, 12, 13) or n % 10 not in (1, 2, 3):
        return translate("Import", "{n}th").format(n=n)
    if n % 10 == 1:
        return translate("Import", "{n}st").format(n=n)
    if n % 10 == 2:
        return translate("Import", "{n}nd").format(n=n)
    return translate("Import", "{n}rd").format(n=n)


def _latest_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The fields of a record's current wording, if the file gives them plainly."""
    versions = item.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[-1], dict):
        fields = versions[-1].get("fields")
        if isinstance(fields, dict):
            return fields
    return {}


def _dated(item: dict[str, Any]) -> str | None:
    raw = _latest_fields(item).get("date")
    try:
        return long_date(date.fromisoformat(raw)) if isinstance(raw, str) else None
    except ValueError:
        return None


def _where(section: str, n: int, item: Any) -> str:
    """How a message names a record: by its date or name where the file gives one."""
    nth = _ordinal(n)
    fields = _latest_fields(item) if isinstance(item, dict) else {}
    if section == "people":
        name = fields.get("display_name")
        if isinstance(name, str) and name.strip():
            name = " ".join(name.split())
            name = name if len(name) <= 40 else name[:37] + "..."
            return translate("Import", 'The person "{name}" (the {nth} person in the file)').format(
                name=name, nth=nth
            )
        return translate("Import", "The {nth} person in the file").format(nth=nth)
    day = _dated(item) if isinstance(item, dict) else None
    if section == "appointments":
        if day:
            return translate(
                "Import", "The appointment dated {date} (the {nth} appointment in the file)"
            ).format(date=day, nth=nth)
        return translate("Import", "The {nth} appointment in the file").format(nth=nth)
    if day:
        return translate(
            "Import", "The letter or event dated {date} (the {nth} letter or event in the file)"
        ).format(date=day, nth=nth)
    return translate("Import", "The {nth} letter or event in the file").format(nth=nth)


@functools.cache
def _names(cls: type) -> frozenset[str]:
    return frozenset(codec.field_names(cls))


@functools.cache
def _choices(cls: type) -> dict[str, tuple[Any, bool, bool]]:
    """The fields of `cls` holding choices or groups: each one's type, if it is a list, and
    if it holds groups (adjustments) rather than choices."""
    out = {}
    for name, tp in typing.get_type_hints(cls).items():
        tp = codec.optional_inner(tp) or tp
        listed = typing.get_origin(tp) is tuple
        inner = typing.get_args(tp)[0] if listed else tp
        if isinstance(inner, type) and issubclass(inner, Enum):
            out[name] = (inner, listed, False)
        elif listed and dataclasses.is_dataclass(inner):
            out[name] = (inner, listed, True)
    return out


def _short(value: Any) -> str:
    """A value as it is written in the file, cut short for a message (nesting is already
    checked to be shallow, so writing it back out is safe)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _read_choices(cls: type, raw: dict[str, Any], where: str) -> dict[str, Any]:
    """The fields with each choice as its stored value, so a label ("Open plan") reads too.

    Only on import: the vault itself holds stored values, and codec reads only those.
    Anything that is not text is left for codec to refuse in its own words.
    """
    unknown = raw.keys() - _names(cls)
    if unknown:
        first = min(unknown)
        raise InvalidInput(where, first, _short(raw[first]), "no such field")
    out = dict(raw)
    for name, (inner, listed, groups) in _choices(cls).items():
        value = raw.get(name)
        if value is None or (listed and type(value) is not list):
            continue  # nothing to read, or not a list: codec says what a list should be
        if groups:
            out[name] = [
                _read_group(inner, group, where, name, n) for n, group in enumerate(value, start=1)
            ]
            continue
        stored = inner._value2member_map_  # type: ignore[attr-defined]
        if not listed:
            if type(value) is str and value not in stored:
                out[name] = parse_choice(inner, value, where, name).value
        elif any(type(v) is str and v not in stored for v in value):
            out[name] = [_stored(inner, v, where, name) for v in value]
    return out


def _nth_in(where: str, n: int, name: str) -> str:
    return translate("Import", '{where}, the {nth} in "{name}"').format(
        where=where, nth=_ordinal(n), name=name
    )


def _read_group(cls: type, raw: Any, where: str, name: str, n: int) -> Any:
    """One group inside a field (an adjustment): its choices read, its keys checked."""
    try:
        if not isinstance(raw, dict):
            raise InvalidInput("", "", _short(raw), "a group of named fields in { }")
        return _read_choices(cls, raw, "")
    except InvalidInput as exc:  # named only when needed: most files have no mistake
        raise dataclasses.replace(exc, row=_nth_in(where, n, name)) from None


def _decode(cls: type, fields: dict[str, Any], where: str, envelope: dict[str, Any]) -> Any:
    try:
        return codec.from_fields(cls, fields, where, **envelope)
    except InvalidInput as exc:
        if exc.row:
            raise
        # codec reads a group inside a field without knowing where it is: find it to say so
        for name, (inner, _listed, groups) in _choices(cls).items():
            if groups:
                for n, group in enumerate(fields.get(name) or (), start=1):
                    codec.from_fields(inner, group, _nth_in(where, n, name))
        raise


def _stored(cls: type[Enum], value: Any, where: str, name: str) -> Any:
    if type(value) is not str or value in cls._value2member_map_:
        return value  # a stored value as it is; anything not text is for codec to refuse
    return parse_choice(cls, value, where, name).value


def _versions(cls: type, item: dict[str, Any], where: str) -> list[Version]:
    raw_versions = item.get("versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise InvalidInput(
            where, "versions", _short(raw_versions or ""), "a list of at least one version"
        )
    for key in ("id", "person_id") if cls is not Person else ("id",):
        if key not in item:
            raise InvalidInput(where, key, "", "32 lower-case hexadecimal characters")
        check_id(item[key], where, key)
    envelope = {key: item[key] for key in codec.ENVELOPE_FIELDS if key in item}
    out = []
    for n, raw in enumerate(raw_versions, start=1):
        here = (
            where
            if len(raw_versions) == 1
            else translate("Import", "{where}, version {n}").format(where=where, n=n)
        )
        if not isinstance(raw, dict):
            raise InvalidInput(here, "", _short(raw), "a version: saved_at, then fields")
        extra = sorted(set(raw) - {"saved_at", "imported_at", "fields", "proof"})
        if extra:
            raise InvalidInput(here, extra[0], _short(raw[extra[0]]), "no such field")
        saved_at = _aware_time(raw.get("saved_at"), here, "saved_at")
        imported = raw.get("imported_at")
        if imported is not None and _aware_time(imported, here, "imported_at") == saved_at:
            # The vault it came from had it from a file that gave no time of writing, and used
            # the import's: that is not when it was written, and must not become so here.
            saved_at = NOT_GIVEN
        if not isinstance(raw.get("fields"), dict):
            shown = _short(raw.get("fields") or "")
            raise InvalidInput(here, "fields", shown, "a group of named fields in { }")
        fields = _read_choices(cls, raw["fields"], here)
        record = _decode(cls, fields, here, envelope)
        out.append(Version(saved_at, record))
    return out


# What an export may have left out and still be brought in whole: NI numbers (the person can
# add theirs again; the import says so) and letters (they are simply not in the file).
IMPORTABLE_REDACTIONS = {"ni_number"}
IMPORTABLE_LEFT_OUT = {"letters"}


def _check_complete(doc: dict[str, Any]) -> None:
    """Refuse a copy that left out words or corrections: brought in, a removed account would
    read as no account, and a correction as the original."""
    missing: list[str] = []
    for key, allowed in (("redacted", IMPORTABLE_REDACTIONS), ("left_out", IMPORTABLE_LEFT_OUT)):
        given = doc.get(key) or []
        if not isinstance(given, list):
            raise InvalidInput(translate("Import", "The file"), key, _short(given), "a list in [ ]")
        missing += sorted(_short(v) for v in given if not (type(v) is str and v in allowed))
    if missing:
        raise IncompleteCopy(missing)


def ni_numbers_left_out(doc: Any) -> bool:
    """Whether a document says it left out NI numbers (so the import can say so)."""
    return isinstance(doc, dict) and "ni_number" in (doc.get("redacted") or [])


def parse(doc: Any) -> list[ImportItem]:
    """Read a document into (where, versions) items: people first, then their entries.

    `where` names each record for messages: an appointment or event by its date,
    a person by name, and each by its place in the file.
    `imported_at` and proofs in the file are not kept: what matters in this
    vault is when the records came into it, which the vault records itself
    (`companion verify FILE` is what checks a file's proofs).
    """
    if nested_deeper_than(doc, MAX_DEPTH):  # before anything reads it with recursion
        raise FileSyntax(0, 0, SyntaxProblem.TOO_DEEP)
    top = translate("Import", "The file")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = doc.get("format", "") if isinstance(doc, dict) else ""
        raise InvalidInput(
            top, "format", _short(found), f'"{FORMAT_NAME}" (a file exported by this app)'
        )
    version = doc.get("version")
    if version not in READABLE or type(version) is not int:
        expected = f"version {VERSION}"
        if isinstance(version, int) and version > VERSION:
            expected += " (this file comes from a newer version of the app)"
        elif isinstance(version, str):
            expected += " (a number, without quotes)"
        raise InvalidInput(top, "version", _short(version if version is not None else ""), expected)
    known = {"format", "version", "exported_at", "vault", "purpose", "reference", "redacted",
             "left_out", "leaves_out", "keeper", "attachments", *SECTIONS}  # fmt: skip
    unknown = sorted(set(doc) - known)
    if unknown:
        raise InvalidInput(top, unknown[0], "", "no such section")
    # The attached files' records and fingerprints: a log holds none of their content, so
    # the entries come in without them (docs/attachments.md says so).
    if not isinstance(doc.get("attachments", []), list):
        raise InvalidInput(top, "attachments", _short(doc["attachments"]), "a list in [ ]")
    _check_complete(doc)
    items: list[ImportItem] = []
    for section, cls in SECTIONS.items():
        records = doc.get(section, [])
        if not isinstance(records, list):
            raise InvalidInput(top, section, _short(records), "a list in [ ]")
        for n, item in enumerate(records, start=1):
            where = _where(section, n, item)
            if not isinstance(item, dict):
                raise InvalidInput(where, "", _short(item), "a group of named fields in { }")
            allowed = {"id", "versions"} | ({"person_id"} if cls is not Person else set())
            extra = sorted(set(item) - allowed)
            if extra:
                raise InvalidInput(where, extra[0], _short(item[extra[0]]), "no such field")
            items.append((where, _versions(cls, item, where)))
    return items
