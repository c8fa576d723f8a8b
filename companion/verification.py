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
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from companion import merkle
from companion.errors import ExportUnreadable, InvalidInput, StorageFailed
from companion.export.json_log import leaf_of
from companion.fingerprint import Fingerprint
from companion.i18n import translate
from companion.interchange.document import FORMAT_NAME
from companion.vault import Vault

ATTACHMENT = "appointment-log.json"
_SECTIONS = {"people": "person", "appointments": "appointment", "events": "event"}


@dataclass
class ExportCheck:
    fingerprint: Fingerprint | None = None
    versions: int = 0
    wording_checked: int = 0
    wording_not_checkable: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems and self.fingerprint is not None


def read_log(path: Path) -> dict[str, Any]:
    """The log inside an exported file: a JSON file, or the attachment of a PDF."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("", "file", str(path), "a file that exists") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    if raw.startswith(b"%PDF"):
        raw = _pdf_attachment(raw)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ExportUnreadable() from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExportUnreadable()
    return doc


def _pdf_attachment(raw: bytes) -> bytes:
    try:
        attachments = PdfReader(io.BytesIO(raw)).attachments
        found = attachments.get(ATTACHMENT)
    except (PdfReadError, ValueError, KeyError, zlib.error, OSError):
        found = None
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


def check_log(doc: dict[str, Any]) -> ExportCheck:
    """Check every proof in a log against the fingerprint it carries."""
    check = ExportCheck(fingerprint=_fingerprint(doc))
    fp = check.fingerprint
    if fp is None:
        check.problems.append(_t("The file carries no vault fingerprint, so it cannot be checked."))
        return check
    for section, ns in _SECTIONS.items():
        for n, item in enumerate(doc.get(section) or [], start=1):
            where = f"{section}[{n}]"
            try:
                record_id = str(item["id"])
                parent = None if ns == "person" else str(item["person_id"])
                for version in item["versions"]:
                    check.versions += 1
                    _check_version(check, fp, version, ns, record_id, parent, where)
            except (KeyError, TypeError, ValueError, binascii.Error):
                check.problems.append(
                    _t("{where} is not in the form the app writes.").format(where=where)
                )
    if check.versions == 0:
        check.problems.append(_t("The file holds no entries to check."))
    return check


def _check_version(check: ExportCheck, fp: Fingerprint, version: dict[str, Any], ns: str,
                   record_id: str, parent: str | None, where: str) -> None:  # fmt: skip
    proof = version["proof"]
    index = int(proof["seq"]) - 1
    leaf = bytes.fromhex(proof["leaf"])
    path = [bytes.fromhex(h) for h in proof["path"]]
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
    corrected = deleted = 0
    for section in ("appointments", "events"):
        for item in doc.get(section) or []:
            history = vault.versions(str(item["id"]))
            if history and history[-1].record is None:
                deleted += 1
                continue
            stored = vault.revisions_of(str(item["id"]))
            if stored and stored[-1].seq > int(item["versions"][-1]["proof"]["seq"]):
                corrected += 1
    if corrected:
        result.changes.append(
            _t("{n} exported entries have been corrected since.").format(n=corrected)
        )
    if deleted:
        result.changes.append(_t("{n} exported entries have been deleted since.").format(n=deleted))
    return result
