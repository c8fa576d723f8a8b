"""One revision: the unit the vault stores, seals and adds to its Merkle tree.

A revision's sealed payload is canonical JSON:
    {"ns", "id", "rev", "op", "parent", "saved_at", "imported_at", "salt", "content"}
It is sealed with AES-256-GCM; the associated data binds the app, the format's
major version, the vault id, the revision's sequence number, its record id and
its revision number (the last three are also stored beside the ciphertext, so
a revision that will not open can still be traced to its entry). The kind of
record and its person sit inside the authenticated payload. So a ciphertext
copied to another row, another person, another vault or over a newer revision
fails to open or fails its leaf check.

The Merkle leaf commits to the revision's metadata and to a salted hash of its
parent and content, so a leaf reveals nothing about what was written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from companion import merkle
from companion.crypto import APP_TAG, SALT_BYTES, associated_data, random_bytes

FORMAT_MAJOR = 1


class Namespace(StrEnum):
    PERSON = "person"
    APPOINTMENT = "appointment"
    EVENT = "event"
    PURGE = "purge"
    KEEPER = "keeper"
    ATTACHMENT = "attachment"


class Op(StrEnum):
    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"
    PURGE = "purge"


@dataclass(frozen=True)
class Revision:
    seq: int
    ns: Namespace
    record_id: str
    rev: int
    op: Op
    parent: str | None
    saved_at: datetime
    imported_at: datetime | None
    salt: bytes
    content: dict[str, Any] | None

    @classmethod
    def new(
        cls,
        *,
        seq: int,
        ns: Namespace,
        record_id: str,
        rev: int,
        op: Op,
        parent: str | None,
        saved_at: datetime,
        content: dict[str, Any] | None,
        imported_at: datetime | None = None,
    ) -> Revision:
        return cls(
            seq,
            ns,
            record_id,
            rev,
            op,
            parent,
            saved_at,
            imported_at,
            random_bytes(SALT_BYTES),
            content,
        )


def canonical(obj: Any) -> bytes:
    """The one byte encoding of a JSON value that hashes and seals use."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def encode(rev: Revision) -> bytes:
    return canonical(
        {
            "ns": rev.ns.value,
            "id": rev.record_id,
            "rev": rev.rev,
            "op": rev.op.value,
            "parent": rev.parent,
            "saved_at": _time(rev.saved_at),
            "imported_at": _time(rev.imported_at),
            "salt": rev.salt.hex(),
            "content": rev.content,
        }
    )


class BadPayload(ValueError):
    """A payload opened but does not have the revision format's shape."""


def _aware(text: Any) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise BadPayload("time without a time zone")
    return value


def decode(raw: bytes, seq: int) -> Revision:
    try:
        obj = json.loads(raw)
        imported = obj["imported_at"]
        rev = Revision(
            seq=seq,
            ns=Namespace(obj["ns"]),
            record_id=obj["id"],
            rev=obj["rev"],
            op=Op(obj["op"]),
            parent=obj["parent"],
            saved_at=_aware(obj["saved_at"]),
            imported_at=None if imported is None else _aware(imported),
            salt=bytes.fromhex(obj["salt"]),
            content=obj["content"],
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise BadPayload(str(type(exc).__name__)) from None
    if not isinstance(rev.rev, int) or rev.rev < 1 or len(rev.salt) != SALT_BYTES:
        raise BadPayload("bad revision number or salt")
    if rev.content is not None and not isinstance(rev.content, dict):
        raise BadPayload("content is not an object")
    return rev


def revision_ad(vault_id: str, seq: int, record_id: str, rev: int) -> bytes:
    return associated_data(APP_TAG, FORMAT_MAJOR, "revision", vault_id, seq, record_id, rev)


def checkpoint_ad(vault_id: str) -> bytes:
    return associated_data(APP_TAG, FORMAT_MAJOR, "checkpoint", vault_id)


def content_digest(rev: Revision) -> bytes:
    return hashlib.sha256(
        rev.salt + canonical({"parent": rev.parent, "content": rev.content})
    ).digest()


def leaf_data(rev: Revision, vault_id: str) -> bytes:
    """What a Merkle leaf commits to: metadata in the clear, content only as a salted hash."""
    return canonical(
        {
            "v": FORMAT_MAJOR,
            "vault": vault_id,
            "seq": rev.seq,
            "ns": rev.ns.value,
            "id": rev.record_id,
            "rev": rev.rev,
            "op": rev.op.value,
            "saved_at": _time(rev.saved_at),
            "imported_at": _time(rev.imported_at),
            "digest": content_digest(rev).hex(),
        }
    )


def leaf(rev: Revision, vault_id: str) -> bytes:
    return merkle.leaf_hash(leaf_data(rev, vault_id))


def encode_checkpoint(size: int, root: bytes) -> bytes:
    return canonical({"size": size, "root": root.hex()})


def decode_checkpoint(raw: bytes) -> tuple[int, bytes]:
    try:
        obj = json.loads(raw)
        return int(obj["size"]), bytes.fromhex(obj["root"])
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise BadPayload("checkpoint") from None
