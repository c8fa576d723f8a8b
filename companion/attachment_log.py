"""The files attached to an exported log's entries: the log's `attachments` section, read as
strictly as the rest of it (companion/log_shape.py), and the files it lists.

Each attached file's record is a saved change like an entry's, with its proof, so checking
a log checks these too (companion/verification.py). The section is read apart from the
others: a log made before files were listed has none, and the rest of the log is read
exactly as it always was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.log_shape import (
    _RECORD_ID,
    SECTIONS,
    _Malformed,
    _Record,
    _shown,
    _t,
    _text,
    _time,
    _version,
    _where,
    since_made,
)

if TYPE_CHECKING:
    from companion.vault import Vault

SECTION = "attachments"  # companion/export/json_log.py writes it
NS = "attachment"
_HASH = 64


def without_attachments(doc: Any) -> Any:
    """The log as it was before attached files were listed, for the reading of the rest."""
    if isinstance(doc, dict) and SECTION in doc:
        return {key: value for key, value in doc.items() if key != SECTION}
    return doc


def has_section(doc: Any) -> bool:
    return isinstance(doc, dict) and SECTION in doc


def _latest_name(item: Any) -> str:
    try:
        name = item["versions"][-1]["fields"]["name"]
    except (KeyError, IndexError, TypeError):
        return ""
    return name if isinstance(name, str) else ""


def where(n: int, item: Any) -> str:
    """How a sentence names an attached file: its place in the file and, if given, its name."""
    name = _shown(_latest_name(item))
    if name:
        return _t('attached file {n} in the file ("{name}")').format(n=n, name=name)
    return _t("attached file {n} in the file").format(n=n)


def _fields(value: Any) -> dict[str, Any]:
    """An attached file's fields, each of the kind the app writes."""
    if not isinstance(value, dict) or set(value) != {
        "entry_id", "name", "size", "sha256", "media_type", "captured_at", "description",
    }:  # fmt: skip
        raise _Malformed("attachment fields")
    if not _RECORD_ID.match(_text(value["entry_id"])):
        raise _Malformed("entry_id")
    size, sha = value["size"], _text(value["sha256"])
    if type(size) is not int or size < 1:
        raise _Malformed("size")
    if len(sha) != _HASH or any(c not in "0123456789abcdef" for c in sha):
        raise _Malformed("sha256")
    _text(value["name"]), _text(value["media_type"]), _text(value["description"])
    _time(value["captured_at"])
    return value


def _record(n: int, item: Any) -> _Record:
    if not isinstance(item, dict) or set(item) != {"id", "person_id", "versions"}:
        raise _Malformed("record")
    record_id, parent = _text(item["id"]), _text(item["person_id"])
    if not _RECORD_ID.match(record_id) or not _RECORD_ID.match(parent):
        raise _Malformed("id")
    versions = item["versions"]
    if not isinstance(versions, list) or not versions:
        raise _Malformed("versions")
    read = [_version(v) for v in versions]
    for version in read:
        _fields(version.fields)
    return _Record(SECTION, NS, where(n, item), record_id, parent, read)


@dataclass
class Section:
    records: list[_Record]
    unreadable: list[str]  # where each record not in the form the app writes is


def read_section(doc: Any) -> Section:
    """The attached files' records, each checked to be in the form the app writes; raises
    _Malformed when the section as a whole is not."""
    found = Section([], [])
    if not has_section(doc):
        return found
    items = doc[SECTION]
    if not isinstance(items, list):
        raise _Malformed(SECTION)
    for n, item in enumerate(items, start=1):
        try:
            found.records.append(_record(n, item))
        except (_Malformed, KeyError, TypeError, ValueError):
            found.unreadable.append(where(n, item))
    return found


def entry_problems(records: list[_Record], entries: set[str]) -> list[str]:
    """An attached file must belong, in every version, to one entry given in the file."""
    problems = []
    for record in records:
        kept_with = {v.fields["entry_id"] for v in record.versions}
        if len(kept_with) != 1 or not kept_with <= entries:
            problems.append(
                _t("{where} belongs to an entry that is not in the file.").format(
                    where=record.where[:1].upper() + record.where[1:]
                )
            )
    return problems


# -- the files listed ---------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """An attached file as a log lists it (its latest version)."""

    record_id: str
    name: str  # "" where the copy left it out
    size: int
    sha256: str
    captured_at: datetime
    entry: str  # how the log names its entry: "appointment 2 in the file (dated ...)"


def _entry_places(doc: dict[str, Any]) -> dict[str, str]:
    places = {}
    for section in SECTIONS:
        if section == "people":
            continue
        items = doc.get(section)
        for n, item in enumerate(items if isinstance(items, list) else [], start=1):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                places[item["id"]] = _where(section, n, item)
    return places


def listed_files(doc: Any) -> list[Listed]:
    """Every attached file the log lists, as its latest version says (read only once the log
    has been checked: a file not in the form the app writes lists nothing)."""
    try:
        section = read_section(doc)
    except (_Malformed, KeyError, TypeError, ValueError):
        return []
    places = _entry_places(doc)
    out = []
    for record in section.records:
        fields = record.versions[-1].fields
        out.append(
            Listed(
                record_id=record.record_id,
                name=fields["name"],
                size=fields["size"],
                sha256=fields["sha256"],
                captured_at=datetime.fromisoformat(fields["captured_at"]),
                entry=places.get(fields["entry_id"], ""),
            )
        )
    return out


# -- against the vault --------------------------------------------------------------------


def compare_with_vault(
    records: list[_Record], size: int, vault: Vault, listed: bool
) -> tuple[list[str], list[str]]:
    """What a log's attached files show against the vault, beyond each record being as the
    vault holds it (checked with the entries'): problems (a file attached to an entry in the
    log, in the vault when it was made, and left out of it) and changes since (renamed or
    described again, deleted). `size` is how many saved changes the log's fingerprint
    counts; `listed` whether the log has an attachments section at all."""
    problems: list[str] = []
    changes: list[str] = []
    entries = {r.record_id: r for r in records if r.ns in ("appointment", "event")}
    given = {r.record_id for r in records if r.ns == NS}
    missing: dict[str, int] = {}
    for saved in vault.attachments():
        record = saved.record
        stored = vault.revisions_of(record.id)
        if record.entry_id in entries and record.id not in given and stored[0].seq <= size:
            missing[record.entry_id] = missing.get(record.entry_id, 0) + 1
    if listed:
        for entry_id in missing:
            where = entries[entry_id].where
            problems.append(
                _t("{where} leaves out a file attached to it when the file was made.").format(
                    where=where[:1].upper() + where[1:]
                )
            )
    elif missing:
        changes.append(
            _t(
                "The file lists no attached files, though the vault held {n} for its entries "
                "when it was made (it was made before attached files were listed, or the list "
                "was taken out of it)."
            ).format(n=sum(missing.values()))
        )
    renamed = deleted = 0
    for record in records:
        if record.ns != NS:
            continue
        since = since_made(vault, record)
        deleted += since == "deleted"
        renamed += since == "changed"
    if renamed:
        changes.append(
            _t("{n} attached files in the file have been renamed or described since.").format(
                n=renamed
            )
        )
    if deleted:
        changes.append(
            _t("{n} attached files in the file have been deleted in the vault.").format(n=deleted)
        )
    return problems, changes
