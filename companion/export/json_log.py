"""The machine-readable log: the interchange document plus a proof for every version.

A proof ties a version to the vault's fingerprint (its Merkle tree head): the
version's sequence number, revision, leaf hash and audit path. Where nothing
was removed from a version, its salt is included too, so anyone can rebuild
the leaf from the wording shown and see that not a character was changed.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from companion import merkle, revisions
from companion.export.content import ExportContent
from companion.export.options import Part, Redaction
from companion.export.redact import redact_fields, removed_fields
from companion.interchange.document import FORMAT_NAME, VERSION
from companion.ledger import Saved
from companion.model import Event
from companion.vault import Vault


def _versions(
    vault: Vault, tree: merkle.Tree, saved: Saved, redact: frozenset[Redaction],
    left_out: frozenset[Part],
) -> list[Any]:  # fmt: skip
    record = saved.record
    emptied = bool(removed_fields(record, redact, left_out))
    leaves = tree.levels[0]
    out = []
    for rev in vault.revisions_of(record.id):
        content = rev.content or {}
        fields = redact_fields(content, record, redact, left_out) if emptied else content
        proof: dict[str, Any] = {
            "seq": rev.seq,
            "rev": rev.rev,
            "op": rev.op.value,
            "leaf": leaves[rev.seq - 1].hex(),
            "path": tree.hex_proof(rev.seq - 1),
        }
        if not emptied or fields == rev.content:
            proof["salt"] = rev.salt.hex()  # lets anyone rebuild the leaf from these fields
        out.append({
            "saved_at": rev.saved_at.isoformat(),
            "imported_at": None if rev.imported_at is None else rev.imported_at.isoformat(),
            "fields": fields,
            "proof": proof,
        })  # fmt: skip
    return out


def build_log(vault: Vault, content: ExportContent, *, attached: bool = False) -> dict[str, Any]:
    """The log of exactly what `content` holds. `attached`: the log inside a PDF, which
    carries the NI number only where the pages show it."""
    options = content.options
    redact, left_out = options.redact, options.left_out
    if attached and not options.ni_shown:
        redact = redact | {Redaction.NI_NUMBER}
    fp = content.fingerprint
    tree = vault.tree()
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": VERSION,
        "exported_at": content.generated_at.isoformat(),
        "vault": {"id": fp.vault_id, "size": fp.size, "root": base64.b64encode(fp.root).decode()},
        "purpose": options.purpose.value,
        "reference": options.reference,
        "redacted": sorted(r.value for r in redact),
        "left_out": sorted(p.value for p in left_out),
        # Who kept the record and in what capacity, as the pages say it (not proved: the
        # keeper's own record is in the vault's history, not in this file).
        "keeper": None
        if content.keeper is None
        else {
            "name": content.keeper.name,
            "kept_by": content.kept_by(),
        },
        "people": [],
        "appointments": [],
        "events": [],
    }
    for part in content.people:
        doc["people"].append(
            {
                "id": part.saved.record.id,
                "versions": _versions(vault, tree, part.saved, redact, left_out),
            }
        )
        for entry in part.entries:
            record = entry.saved.record
            section = "events" if isinstance(record, Event) else "appointments"
            history = _versions(vault, tree, entry.saved, redact, left_out)
            if Part.CORRECTIONS not in options.parts:
                history = history[-1:]
            doc[section].append({"id": record.id, "person_id": record.person_id,
                                 "versions": history})  # fmt: skip
    return doc


def leaf_of(version: dict[str, Any], *, vault_id: str, ns: str, record_id: str,
            parent: str | None) -> bytes:  # fmt: skip
    """Rebuild a version's Merkle leaf from what the log shows (needs its salt)."""
    proof = version["proof"]
    imported = version.get("imported_at")
    rev = revisions.Revision(
        seq=int(proof["seq"]), ns=revisions.Namespace(ns), record_id=record_id,
        rev=int(proof["rev"]), op=revisions.Op(proof["op"]), parent=parent,
        saved_at=datetime.fromisoformat(version["saved_at"]),
        imported_at=None if imported is None else datetime.fromisoformat(imported),
        salt=bytes.fromhex(proof["salt"]), content=version["fields"],
    )  # fmt: skip
    return revisions.leaf(rev, vault_id)
