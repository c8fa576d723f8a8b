"""The machine-readable log: the interchange document plus a proof for every version.

A proof ties a version to the vault's fingerprint (its Merkle tree head): the
version's sequence number, revision, leaf hash and audit path. Where nothing
was removed from a version, its salt is included too, so anyone can rebuild
the leaf from the wording shown and see that not a character was changed.
Where something was removed, the salted hash of its wording (`digest`) is
given instead: it reveals nothing of the words (the salt stays secret), but
lets anyone rebuild the leaf from the rest, so when the version was saved,
which record it belongs to and its revision number are still proven. A
record's revision numbers run 1, 2, 3, ... and are in its leaves, so a
version taken out of the middle of a history, or two swapped, shows.

The files attached to the entries are listed the same way, in their own section: each
record (name, size, SHA-256, kind, when attached, description) with its proof, never
the content.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from companion import merkle, revisions
from companion.export.content import ExportContent
from companion.export.options import Part, Redaction
from companion.export.redact import record_names, redact_fields
from companion.interchange.document import FORMAT_NAME, VERSION
from companion.ledger import Saved
from companion.model import Event
from companion.presentation.omissions import left_out_lines
from companion.vault import Vault

# The section of the log listing the files attached to its entries (docs/format.md).
ATTACHMENTS = "attachments"


def _versions(
    vault: Vault, tree: merkle.Tree, saved: Saved, redact: frozenset[Redaction],
    left_out: frozenset[Part], *, as_stored: bool = False,
) -> list[Any]:  # fmt: skip
    """Each version with its proof; `as_stored` when the pages already found nothing to
    remove from the only version there is."""
    record = saved.record
    emptied = bool(redact or left_out) and not as_stored
    revs = vault.revisions_of(record.id)
    # A name in any version's name boxes is taken out of every version's words.
    names = record_names((rev.content or {} for rev in revs), redact) if redact else frozenset()
    leaves = tree.levels[0]
    out = []
    for rev in revs:
        content = rev.content or {}
        fields = redact_fields(content, record, redact, left_out, names) if emptied else content
        proof: dict[str, Any] = {
            "seq": rev.seq,
            "rev": rev.rev,
            "op": rev.op.value,
            "leaf": leaves[rev.seq - 1].hex(),
            "path": tree.hex_proof(rev.seq - 1),
        }
        if not emptied or fields == rev.content:
            proof["salt"] = rev.salt.hex()  # lets anyone rebuild the leaf from these fields
        else:  # lets anyone rebuild the leaf from everything but the words left out
            proof["digest"] = revisions.content_digest(rev).hex()
        out.append({
            "saved_at": rev.saved_at.isoformat(),
            "imported_at": None if rev.imported_at is None else rev.imported_at.isoformat(),
            "fields": fields,
            "proof": proof,
        })  # fmt: skip
    return out


def build_log(vault: Vault, content: ExportContent) -> dict[str, Any]:
    """The log of exactly what `content` holds, with what the pages leave out left out too
    (NI numbers among them, unless they are shown). Every format's log is the same, attached
    to a PDF or not."""
    options = content.options
    redact, left_out = options.redactions, options.left_out
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
        # What the cover of a PDF would say this copy leaves out, in words.
        "leaves_out": left_out_lines(
            options, (p.saved.record for p in content.people), content.attachment_count
        ),
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
        people = _versions(vault, tree, part.saved, redact, left_out)
        if Part.CORRECTIONS not in options.parts:
            people = people[-1:]  # an earlier name or NI number is an earlier wording too
        doc["people"].append({"id": part.saved.record.id, "versions": people})
        for entry in part.entries:
            record = entry.saved.record
            section = "events" if isinstance(record, Event) else "appointments"
            # The pages' own copy of a never-corrected entry already says whether anything
            # is removed from it: don't look again.
            unchanged = not entry.saved.corrected and entry.record is entry.saved.record
            history = _versions(vault, tree, entry.saved, redact, left_out, as_stored=unchanged)
            if Part.CORRECTIONS not in options.parts:
                history = history[-1:]
            doc[section].append({"id": record.id, "person_id": record.person_id,
                                 "versions": history})  # fmt: skip
    attached = _attachments(vault, tree, content)
    if attached:  # a log with no attached files is as it was before they were listed
        doc[ATTACHMENTS] = attached
    return doc


def _attachments(vault: Vault, tree: merkle.Tree, content: ExportContent) -> list[Any]:
    """The records of the files attached to the entries in this copy, each with every version
    and its proof, as the entries' (their contents are never in a log: the SHA-256 in each
    record is what a copy is checked against)."""
    options = content.options
    out = []
    for entry in content.entries:
        for saved in content.attachments.get(entry.record.id, ()):
            history = _versions(vault, tree, saved, options.redactions, options.left_out)
            if Part.CORRECTIONS not in options.parts:
                history = history[-1:]
            out.append({"id": saved.record.id, "person_id": saved.record.person_id,
                        "versions": history})  # fmt: skip
    return out


def _revision(version: dict[str, Any], *, ns: str, record_id: str, parent: str | None,
              salt: bytes, content: dict[str, Any] | None) -> revisions.Revision:  # fmt: skip
    """A version as the vault's revision, from what the log shows of it."""
    proof = version["proof"]
    imported = version.get("imported_at")
    return revisions.Revision(
        seq=int(proof["seq"]), ns=revisions.Namespace(ns), record_id=record_id,
        rev=int(proof["rev"]), op=revisions.Op(proof["op"]), parent=parent,
        saved_at=datetime.fromisoformat(version["saved_at"]),
        imported_at=None if imported is None else datetime.fromisoformat(imported),
        salt=salt, content=content,
    )  # fmt: skip


def leaf_of(version: dict[str, Any], *, vault_id: str, ns: str, record_id: str,
            parent: str | None) -> bytes:  # fmt: skip
    """Rebuild a version's Merkle leaf from what the log shows (needs its salt)."""
    rev = _revision(
        version, ns=ns, record_id=record_id, parent=parent,
        salt=bytes.fromhex(version["proof"]["salt"]), content=version["fields"],
    )  # fmt: skip
    return revisions.leaf(rev, vault_id)


def leaf_from_digest(version: dict[str, Any], digest: bytes, *, vault_id: str, ns: str,
                     record_id: str) -> bytes:  # fmt: skip
    """Rebuild a version's Merkle leaf from its details and the salted hash of its wording
    (for a version with something left out, whose salt the log does not give)."""
    rev = _revision(version, ns=ns, record_id=record_id, parent=None, salt=b"", content=None)
    # The vault's own leaf data, with the digest the vault made in place of one made here.
    data = json.loads(revisions.leaf_data(rev, vault_id))
    data["digest"] = digest.hex()
    return merkle.leaf_hash(revisions.canonical(data))
