"""Checking an exported log: is it what the vault held, character for character?

An export (JSON, or a PDF carrying the JSON inside it) holds the vault's
fingerprint and a proof for every version. Checking rebuilds each version's
Merkle leaf from the wording shown where it can, and checks each proof
against the fingerprint. Any changed character breaks a proof. What this
cannot show is that the fingerprint itself is the vault's: compare it with a
copy kept elsewhere (an email to yourself on the day), or check against the
vault itself.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import logging
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from companion import merkle, revisions
from companion.errors import ExportUnreadable, InvalidInput, StorageFailed
from companion.export.json_log import leaf_of
from companion.export.options import Part, Redaction
from companion.export.redact import record_names, redact_fields, removed_fields
from companion.fingerprint import Fingerprint
from companion.i18n import translate
from companion.interchange.document import FORMAT_NAME
from companion.model import Appointment, Event, Person
from companion.revisions import Revision
from companion.vault import Vault

ATTACHMENT = "appointment-log.json"
_SECTIONS = {"people": "person", "appointments": "appointment", "events": "event"}
_CLASSES: dict[str, type] = {"person": Person, "appointment": Appointment, "event": Event}


@dataclass
class ExportCheck:
    fingerprint: Fingerprint | None = None
    versions: int = 0
    wording_checked: int = 0
    wording_not_checkable: int = 0
    problems: list[str] = field(default_factory=list)
    redact: frozenset[Redaction] = frozenset()  # what the file says was removed
    left_out: frozenset[Part] = frozenset()

    @property
    def intact(self) -> bool:
        return not self.problems and self.fingerprint is not None


# Far larger than any export (10,000 appointments make about 30 MiB); a bigger file is
# not read into memory at all.
MAX_FILE_BYTES = 512 * 2**20


@dataclass
class ReadLog:
    doc: dict[str, Any]
    from_pdf: bool  # the log attached to a PDF: the pages themselves are not what was checked


def read_log(path: Path) -> ReadLog:
    """The log inside an exported file: a JSON file, or the attachment of a PDF."""
    try:
        if path.is_dir():
            raise InvalidInput("", "file", str(path), "a file, not a folder")
        if path.suffix.lower() in (".csv", ".md", ".txt"):
            raise InvalidInput(
                "", "file", path.name, "an exported PDF or JSON file (only those carry proofs)"
            )
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ExportUnreadable()
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("", "file", str(path), "a file that exists") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    from_pdf = raw.startswith(b"%PDF")
    if from_pdf:
        raw = _pdf_attachment(raw)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ExportUnreadable() from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExportUnreadable()
    return ReadLog(doc, from_pdf)


def _pdf_attachment(raw: bytes) -> bytes:
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a damaged file is reported in one sentence, below
    try:
        attachments = PdfReader(io.BytesIO(raw)).attachments
        found = attachments.get(ATTACHMENT)
    except (PdfReadError, ValueError, KeyError, TypeError, zlib.error, OSError, RecursionError):
        found = None
    finally:
        quiet.setLevel(level)
    if not found:
        raise ExportUnreadable()
    return found[0]


def _fingerprint(doc: dict[str, Any]) -> Fingerprint | None:
    try:
        vault = doc["vault"]
        return Fingerprint(str(vault["id"]), int(vault["size"]), base64.b64decode(vault["root"]))
    except (KeyError, TypeError, ValueError, binascii.Error):
        return None


def _t(text: str) -> str:
    return translate("Verify", text)


def removals(doc: dict[str, Any]) -> tuple[frozenset[Redaction], frozenset[Part]]:
    """What the file says was left out when it was exported."""
    try:
        redact = frozenset(Redaction(v) for v in doc.get("redacted") or [])
        left_out = frozenset(Part(v) for v in doc.get("left_out") or [])
    except (TypeError, ValueError):
        raise ExportUnreadable() from None
    return redact, left_out


def removals_of(check: ExportCheck) -> tuple[frozenset[Redaction], frozenset[Part]]:
    return check.redact, check.left_out


def check_log(doc: dict[str, Any]) -> ExportCheck:
    """Check every proof in a log against the fingerprint it carries."""
    check = ExportCheck(fingerprint=_fingerprint(doc))
    fp = check.fingerprint
    if fp is None:
        check.problems.append(_t("The file carries no vault fingerprint, so it cannot be checked."))
        return check
    redact, left_out = removals(doc)
    check.redact, check.left_out = redact, left_out
    seen: set[int] = set()
    for section, ns in _SECTIONS.items():
        # Without a salt a version's wording cannot be checked; only a declared removal
        # that empties a field of this kind of record explains a missing salt.
        may_lack_salt = bool(removed_fields(_CLASSES[ns], redact, left_out))
        for n, item in enumerate(doc.get(section) or [], start=1):
            where = f"{section}[{n}]"
            try:
                record_id = str(item["id"])
                parent = None if ns == "person" else str(item["person_id"])
                if not item["versions"]:
                    raise ValueError("no versions")
                for version in item["versions"]:
                    check.versions += 1
                    seq = int(version["proof"]["seq"])
                    if seq in seen:
                        check.problems.append(
                            _t("{where} repeats a proof given for another entry.").format(
                                where=where
                            )
                        )
                        continue
                    seen.add(seq)
                    _check_version(check, fp, version, ns, record_id, parent, where, may_lack_salt)
            except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
                check.problems.append(
                    _t("{where} is not in the form the app writes.").format(where=where)
                )
    if check.versions == 0:
        check.problems.append(_t("The file holds no entries to check."))
    return check


def _well_formed(version: dict[str, Any]) -> None:
    """Raise ValueError/KeyError/TypeError unless the version has the shape the app writes."""
    proof = version["proof"]
    int(proof["rev"])
    revisions.Op(proof["op"])
    datetime.fromisoformat(version["saved_at"])
    if version.get("imported_at") is not None:
        datetime.fromisoformat(version["imported_at"])
    if not isinstance(version["fields"], dict):
        raise TypeError("fields")


def _check_version(check: ExportCheck, fp: Fingerprint, version: dict[str, Any], ns: str,
                   record_id: str, parent: str | None, where: str,
                   may_lack_salt: bool) -> None:  # fmt: skip
    proof = version["proof"]
    index = int(proof["seq"]) - 1
    leaf = bytes.fromhex(proof["leaf"])
    path = [bytes.fromhex(h) for h in proof["path"]]
    _well_formed(version)
    if not proof.get("salt"):
        # Only a declared removal explains a missing salt, and then what it removes must be
        # empty in the file: a removal claimed over filled-in values is a made-up claim.
        fields = version["fields"]
        if not may_lack_salt or redact_fields(fields, _CLASSES[ns], *removals_of(check)) != fields:
            check.problems.append(
                _t("{where} has lost what is needed to check its wording.").format(where=where)
            )
            return
    if proof.get("salt"):
        rebuilt = leaf_of(version, vault_id=fp.vault_id, ns=ns, record_id=record_id, parent=parent)
        if rebuilt != leaf:
            check.problems.append(
                _t("The wording of {where} is not what the vault held.").format(where=where)
            )
            return
        check.wording_checked += 1
    else:
        check.wording_not_checkable += 1
    if not merkle.verify_inclusion(index, fp.size, leaf, path, fp.root):
        check.problems.append(
            _t("{where} does not belong to the vault with this fingerprint.").format(where=where)
        )


@dataclass
class VaultComparison:
    problems: list[str] = field(default_factory=list)  # the file and the vault disagree
    changes: list[str] = field(default_factory=list)  # the vault moved on since: not a fault


def compare_with_vault(doc: dict[str, Any], vault: Vault) -> VaultComparison:
    """Whether an export agrees with the vault's history, and what changed since it was made."""
    result = VaultComparison()
    fp = _fingerprint(doc)
    if fp is None or fp.vault_id != vault.vault_id:
        result.problems.append(_t("The file was exported from a different vault."))
        return result
    tree = vault.tree()
    if fp.size > tree.size or merkle.root(tree.levels[0][: fp.size]) != fp.root:
        result.problems.append(
            _t("The vault's history does not match the file: one of them was changed.")
        )
        return result
    try:
        return _compare(doc, vault, result)
    except (KeyError, TypeError, ValueError, AttributeError):
        result.problems.append(_t("The file is not in the form the app writes."))
        return result


def _compare(doc: dict[str, Any], vault: Vault, result: VaultComparison) -> VaultComparison:
    redact, left_out = removals(doc)
    fp = _fingerprint(doc)
    assert fp is not None  # compare_with_vault has checked it
    corrected = deleted = erased = 0
    for section, ns in _SECTIONS.items():
        for n, item in enumerate(doc.get(section) or [], start=1):
            where = f"{section}[{n}]"
            record_id = str(item["id"])
            parent = None if ns == "person" else str(item["person_id"])
            versions = item["versions"]
            seqs = [int(v["proof"]["seq"]) for v in versions]
            if all(vault.was_erased(seq) for seq in seqs):
                # Its person was purged: the words are gone, but the vault still knows which
                # record each erased change belonged to, and that its person was erased.
                owner = record_id if parent is None else parent
                if all(
                    vault.erased_as(seq) == (record_id, int(v["proof"]["rev"]))
                    for seq, v in zip(seqs, versions, strict=True)
                ) and vault.was_purged(owner):
                    erased += 1
                else:
                    result.problems.append(
                        _t("{where} is not what the vault holds.").format(where=where)
                    )
                continue
            stored = {r.seq: r for r in vault.revisions_of(record_id)}
            then = [r for seq, r in sorted(stored.items()) if seq <= fp.size]  # when exported
            names = record_names((r.content or {} for r in then), redact) if redact else frozenset()
            for version, seq in zip(versions, seqs, strict=True):
                rev = stored.get(seq)
                if (
                    rev is None
                    or rev.ns.value != ns
                    or rev.parent != parent
                    or not _same_version(version, rev, _CLASSES[ns], redact, left_out, names)
                ):
                    result.problems.append(
                        _t("{where} is not what the vault holds.").format(where=where)
                    )
                    break
            else:
                # Every version the vault held when the file was made must be in it (or, with
                # corrections left out, the one that was current then).
                wanted = [r.seq for r in then][-1:] if Part.CORRECTIONS in left_out else [
                    r.seq for r in then
                ]  # fmt: skip
                if then and seqs != wanted:
                    result.problems.append(
                        _t(
                            "{where} leaves out versions the vault held when the file was made."
                        ).format(where=where)
                    )
            if section == "people":
                continue
            history = vault.versions(record_id)
            if history and history[-1].record is None:
                deleted += 1
            elif stored and max(stored) > int(versions[-1]["proof"]["seq"]):
                corrected += 1
    if corrected:
        result.changes.append(
            _t("{n} exported entries have been corrected since.").format(n=corrected)
        )
    if deleted:
        result.changes.append(_t("{n} exported entries have been deleted since.").format(n=deleted))
    if erased:
        result.changes.append(
            _t("{n} exported records were erased since, when a person was purged.").format(n=erased)
        )
    return result


def _same_version(version: dict[str, Any], rev: Revision, cls: type,
                  redact: frozenset[Redaction], left_out: frozenset[Part],
                  names: frozenset[str]) -> bool:  # fmt: skip
    """Whether a version in the file is, as exported, the one the vault holds."""
    imported = version.get("imported_at")
    return (
        int(version["proof"]["rev"]) == rev.rev
        and version["proof"]["op"] == rev.op.value
        and datetime.fromisoformat(version["saved_at"]) == rev.saved_at
        and (None if imported is None else datetime.fromisoformat(imported)) == rev.imported_at
        and version["fields"] == redact_fields(rev.content or {}, cls, redact, left_out, names)
    )
