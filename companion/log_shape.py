"""The form of an exported log, checked strictly before any proof is: every key one the
app writes, every value of the type it writes (`true` is not 1, "1" is not 1), every time
and hash written exactly as the app writes them. A log in any other form is refused as
altered, so a crafted file never reaches the proofs (companion/verification.py)."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from companion import revisions
from companion.crypto import SALT_BYTES
from companion.export.options import Part, Purpose, Redaction
from companion.fingerprint import Fingerprint
from companion.i18n import long_date, translate
from companion.interchange.document import FORMAT_NAME, READABLE
from companion.model import Appointment, Event, Person

if TYPE_CHECKING:
    from companion.vault import Vault

SECTIONS = {"people": "person", "appointments": "appointment", "events": "event"}
CLASSES: dict[str, type] = {"person": Person, "appointment": Appointment, "event": Event}
_SECTIONS = SECTIONS
_MAX_PATH = 64  # an audit path has one hash per level of the tree


def verify_text(text: str) -> str:
    """Verify's words, through Qt's translation."""
    return translate("Verify", text)


def shown(text: str, limit: int = 40) -> str:
    """Text from the file, fit to quote in a sentence: one line, and not too long."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


_t = verify_text
_shown = shown

_TOP_KEYS = frozenset(
    {"format", "version", "exported_at", "vault", "purpose", "reference", "redacted",
     "left_out", "leaves_out", "keeper", *_SECTIONS}
)  # fmt: skip
_VERSION_KEYS = frozenset({"saved_at", "imported_at", "fields", "proof"})
_PROOF_KEYS = frozenset({"seq", "rev", "op", "leaf", "path", "salt", "digest"})
_HASH = re.compile(r"[0-9a-f]{64}\Z")
_SALT = re.compile(rf"[0-9a-f]{{{2 * SALT_BYTES}}}\Z")
_RECORD_ID = re.compile(r"[0-9a-f]{32}\Z")
_EXPORTED_OPS = (revisions.Op.CREATE.value, revisions.Op.EDIT.value)  # never a deletion


class _Malformed(ValueError):
    """Part of a log is not in the form the app writes."""


# -- the log's shape -----------------------------------------------------------------


def _int(value: Any) -> int:
    if type(value) is not int:  # not a bool, a float or text that looks like a number
        raise _Malformed("a whole number")
    return value


def _positive(value: Any) -> int:
    if _int(value) < 1:
        raise _Malformed("a number from 1")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Malformed("text")
    return value


def _hash(value: Any) -> str:
    if not isinstance(value, str) or not _HASH.match(value):
        raise _Malformed("a hash")
    return value


def _time(value: Any) -> datetime:
    """A time written exactly as the app writes one (ISO 8601, with its offset)."""
    try:
        when = datetime.fromisoformat(_text(value))
    except ValueError:
        raise _Malformed("a time") from None
    if when.tzinfo is None or when.isoformat() != value:
        raise _Malformed("a time")
    return when


def _choices(value: Any, cls: type) -> frozenset[Any]:
    if not isinstance(value, list):
        raise _Malformed("a list")
    try:
        return frozenset(cls(_text(v)) for v in value)
    except ValueError:
        raise _Malformed("a choice") from None


def _fingerprint_of(value: Any) -> Fingerprint:
    if not isinstance(value, dict) or set(value) != {"id", "size", "root"}:
        raise _Malformed("vault")
    vault_id = _text(value["id"])
    root_text = _text(value["root"])
    try:
        root = base64.b64decode(root_text, validate=True)
    except (binascii.Error, ValueError):
        raise _Malformed("vault root") from None
    if not vault_id or len(root) != 32 or base64.b64encode(root).decode() != root_text:
        raise _Malformed("vault")
    return Fingerprint(vault_id, _positive(value["size"]), root)


@dataclass(frozen=True)
class _Proof:
    seq: int
    rev: int
    op: str
    leaf: bytes
    path: list[bytes]
    salt: bytes | None
    digest: bytes | None


@dataclass(frozen=True)
class _Version:
    raw: dict[str, Any]
    proof: _Proof
    fields: dict[str, Any]
    saved_at: datetime
    imported_at: datetime | None


@dataclass
class _Record:
    section: str
    ns: str
    where: str
    record_id: str
    parent: str | None
    versions: list[_Version]

    def version_where(self, k: int) -> str:
        """Names one version: the record itself if it has only one."""
        if len(self.versions) == 1:
            return self.where
        return _t("version {k} of {where}").format(k=k, where=self.where)


def since_made(vault: Vault, record: _Record) -> str | None:
    """What became of a logged record in the vault after the file was made: "deleted", or
    "changed" (saved again since), or None (as it was)."""
    history = vault.versions(record.record_id)
    if history and history[-1].record is None:
        return "deleted"
    stored = vault.revisions_of(record.record_id)
    if stored and stored[-1].seq > record.versions[-1].proof.seq:
        return "changed"
    return None


def _proof(value: Any) -> _Proof:
    if not isinstance(value, dict) or not set(value) <= _PROOF_KEYS:
        raise _Malformed("proof")
    path = value["path"]
    if not isinstance(path, list) or len(path) > _MAX_PATH:
        raise _Malformed("path")
    salt, digest = value.get("salt"), value.get("digest")
    if salt is not None and (digest is not None or not _SALT.match(_text(salt))):
        raise _Malformed("salt")
    if value["op"] not in _EXPORTED_OPS:
        raise _Malformed("op")
    return _Proof(
        seq=_positive(value["seq"]),
        rev=_positive(value["rev"]),
        op=value["op"],
        leaf=bytes.fromhex(_hash(value["leaf"])),
        path=[bytes.fromhex(_hash(h)) for h in path],
        salt=None if salt is None else bytes.fromhex(salt),
        digest=None if digest is None else bytes.fromhex(_hash(digest)),
    )


def _version(value: Any) -> _Version:
    if not isinstance(value, dict) or set(value) != _VERSION_KEYS:
        raise _Malformed("version")
    if not isinstance(value["fields"], dict):
        raise _Malformed("fields")
    imported = value["imported_at"]
    return _Version(
        raw=value,
        proof=_proof(value["proof"]),
        fields=value["fields"],
        saved_at=_time(value["saved_at"]),
        imported_at=None if imported is None else _time(imported),
    )


def _latest_fields(item: Any) -> dict[str, Any]:
    try:
        fields = item["versions"][-1]["fields"]
    except (KeyError, IndexError, TypeError):
        return {}
    return fields if isinstance(fields, dict) else {}


def _where(section: str, n: int, item: Any) -> str:
    """How a sentence names a record: its kind and place in the file and, where the file
    gives them, its date or name."""
    fields = _latest_fields(item)
    if section == "people":
        name = fields.get("display_name")
        if isinstance(name, str) and _shown(name):
            return _t('person {n} in the file ("{name}")').format(n=n, name=_shown(name))
        return _t("person {n} in the file").format(n=n)
    try:
        day = long_date(date.fromisoformat(fields["date"]))
    except (KeyError, TypeError, ValueError):
        day = ""
    if section == "appointments":
        if day:
            return _t("appointment {n} in the file (dated {day})").format(n=n, day=day)
        return _t("appointment {n} in the file").format(n=n)
    if day:
        return _t("letter or event {n} in the file (dated {day})").format(n=n, day=day)
    return _t("letter or event {n} in the file").format(n=n)


def _record(section: str, n: int, item: Any) -> _Record:
    ns = _SECTIONS[section]
    keys = {"id", "versions"} | (set() if ns == "person" else {"person_id"})
    if not isinstance(item, dict) or set(item) != keys:
        raise _Malformed("record")
    record_id = _text(item["id"])
    parent = None if ns == "person" else _text(item["person_id"])
    if not _RECORD_ID.match(record_id) or (parent is not None and not _RECORD_ID.match(parent)):
        raise _Malformed("id")
    versions = item["versions"]
    if not isinstance(versions, list) or not versions:
        raise _Malformed("versions")
    return _Record(
        section, ns, _where(section, n, item), record_id, parent, [_version(v) for v in versions]
    )


@dataclass
class _Log:
    fingerprint: Fingerprint | None
    redact: frozenset[Redaction]
    left_out: frozenset[Part]
    records: list[_Record]
    unreadable: list[str]  # where each record not in the form the app writes is

    @property
    def latest_only(self) -> bool:
        """The file says each record shows only its latest version."""
        return Part.CORRECTIONS in self.left_out


def _parse(doc: Any) -> _Log:
    """The log's records, each checked to be in the form the app writes; raises _Malformed
    when the file as a whole is not."""
    if not isinstance(doc, dict) or not set(doc) <= _TOP_KEYS or doc.get("format") != FORMAT_NAME:
        raise _Malformed("file")
    if _int(doc.get("version")) not in READABLE:
        raise _Malformed("version")
    if "exported_at" in doc:
        _time(doc["exported_at"])
    if doc.get("purpose") is not None:
        Purpose(_text(doc["purpose"]))
    if doc.get("reference") is not None:
        _text(doc["reference"])
    if doc.get("leaves_out") is not None:
        if not isinstance(doc["leaves_out"], list):
            raise _Malformed("leaves_out")
        for line in doc["leaves_out"]:
            _text(line)
    keeper = doc.get("keeper")
    if keeper is not None and (
        not isinstance(keeper, dict)
        or set(keeper) != {"name", "kept_by"}
        or not all(isinstance(v, str) for v in keeper.values())
    ):
        raise _Malformed("keeper")
    fingerprint = None if "vault" not in doc else _fingerprint_of(doc["vault"])
    log = _Log(
        fingerprint,
        _choices(doc["redacted"], Redaction) if "redacted" in doc else frozenset(),
        _choices(doc["left_out"], Part) if "left_out" in doc else frozenset(),
        [],
        [],
    )
    for section in _SECTIONS:
        items = doc.get(section)
        if not isinstance(items, list):
            raise _Malformed(section)
        for n, item in enumerate(items, start=1):
            try:
                log.records.append(_record(section, n, item))
            except (_Malformed, KeyError, TypeError, ValueError):
                log.unreadable.append(_where(section, n, item))
    return log
