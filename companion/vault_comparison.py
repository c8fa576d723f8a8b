"""Checking an export against the vault: every record it holds has every version the
vault held when the file was made, as held (which the file alone cannot show: a latest
correction or a whole entry taken out); and what changed in the vault since, which is
not a fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from companion import attachment_log, merkle
from companion.export.options import Part, Redaction
from companion.export.redact import record_names, redact_fields
from companion.export_check import _CLASSES, _cap, _read
from companion.fingerprint import Fingerprint
from companion.log_shape import _Log, _Malformed, _Record, _Version, since_made, verify_text
from companion.revisions import Revision
from companion.vault import Vault

_t = verify_text


@dataclass
class VaultComparison:
    problems: list[str] = field(default_factory=list)  # the file and the vault disagree
    changes: list[str] = field(default_factory=list)  # the vault moved on since: not a fault
    earlier_left_out: int = 0  # earlier versions the vault held that the file says it left out
    with_earlier_left_out: int = 0  # records those belong to
    not_included: int = 0  # entries of the people in the file, in the vault then, not in it


def compare_with_vault(doc: dict[str, Any], vault: Vault) -> VaultComparison:
    """Whether an export agrees with the vault's history: every record it holds has every
    version the vault held when it was made, as held; and what changed since."""
    result = VaultComparison()
    try:
        log = _read(doc)
    except (_Malformed, KeyError, TypeError, ValueError):
        result.problems.append(_t("The file is not in the form the app writes."))
        return result
    fp = log.fingerprint
    if fp is None or fp.vault_id != vault.vault_id:
        result.problems.append(_t("The file was exported from a different vault."))
        return result
    tree = vault.tree()
    if fp.size > tree.size or merkle.root(tree.levels[0][: fp.size]) != fp.root:
        result.problems.append(
            _t("The vault's history does not match the file: one of them was changed.")
        )
        return result
    if log.unreadable:
        result.problems.append(_t("The file is not in the form the app writes."))
        return result
    try:
        _compare(log, fp, vault, result)
        problems, changes = attachment_log.compare_with_vault(
            log.records, fp.size, vault, attachment_log.has_section(doc)
        )
        result.problems += problems
        result.changes += changes
    except (KeyError, TypeError, ValueError, AttributeError):
        result.problems.append(_t("The file is not in the form the app writes."))
    return result


def _compare(log: _Log, fp: Fingerprint, vault: Vault, result: VaultComparison) -> None:
    corrected = deleted = erased = 0
    for record in log.records:
        outcome = _compare_record(log, fp, vault, record, result)
        if outcome == "erased":
            erased += 1
            continue
        if outcome is None or record.ns in ("person", attachment_log.NS):
            continue
        since = since_made(vault, record)
        deleted += since == "deleted"
        corrected += since == "changed"
    result.not_included = _not_included(log, fp, vault)
    if corrected:
        result.changes.append(
            _t("{n} exported entries have been corrected since.").format(n=corrected)
        )
    if deleted:
        result.changes.append(
            _t("{n} entries in the file have been deleted in the vault.").format(n=deleted)
        )
    if erased:
        result.changes.append(
            _t("{n} exported records were erased since, when a person was purged.").format(n=erased)
        )


def _compare_record(log: _Log, fp: Fingerprint, vault: Vault, record: _Record,
                    result: VaultComparison) -> str | None:  # fmt: skip
    """Compare one record; "same", "erased", or None with the problem added."""
    where = _cap(record.where)
    seqs = [v.proof.seq for v in record.versions]
    if all(vault.was_erased(seq) for seq in seqs):
        # Its person was purged: the words are gone, but the vault still knows which
        # record each erased change belonged to, and that its person was erased.
        owner = record.record_id if record.parent is None else record.parent
        if all(
            vault.erased_as(v.proof.seq) == (record.record_id, v.proof.rev) for v in record.versions
        ) and vault.was_purged(owner):
            return "erased"
        result.problems.append(_t("{where} is not what the vault holds.").format(where=where))
        return None
    stored = {r.seq: r for r in vault.revisions_of(record.record_id)}
    then = [r for seq, r in sorted(stored.items()) if seq <= fp.size]  # when exported
    cls = _CLASSES[record.ns]
    names = record_names((r.content or {} for r in then), log.redact) if log.redact else frozenset()
    for version in record.versions:
        rev = stored.get(version.proof.seq)
        if (
            rev is None
            or rev.seq > fp.size
            or rev.ns.value != record.ns
            or rev.parent != record.parent
            or not _same_version(version, rev, cls, log.redact, log.left_out, names)
        ):
            result.problems.append(_t("{where} is not what the vault holds.").format(where=where))
            return None
    # Every version the vault held when the file was made must be in it (or, with
    # corrections left out, the one that was current then).
    wanted = then[-1:] if log.latest_only else then
    if seqs != [r.seq for r in wanted]:
        result.problems.append(
            _t("{where} leaves out versions the vault held when the file was made.").format(
                where=where
            )
        )
        return None
    if log.latest_only and len(then) > 1:
        result.earlier_left_out += len(then) - 1
        result.with_earlier_left_out += 1
    return "same"


def _not_included(log: _Log, fp: Fingerprint, vault: Vault) -> int:
    """How many entries of the people in the file the vault held when it was made, and still
    holds, that the file does not include (an export may hold any selection)."""
    people = {r.record_id for r in log.records if r.ns == "person"}
    given = {r.record_id for r in log.records}
    count = 0
    for saved in [*vault.appointments(), *vault.events()]:
        entry = saved.record
        if entry.person_id not in people or entry.id in given:
            continue
        stored = vault.revisions_of(entry.id)
        if stored and stored[0].seq <= fp.size:
            count += 1
    return count


def _same_version(version: _Version, rev: Revision, cls: type,
                  redact: frozenset[Redaction], left_out: frozenset[Part],
                  names: frozenset[str]) -> bool:  # fmt: skip
    """Whether a version in the file is, as exported, the one the vault holds."""
    return (
        version.proof.rev == rev.rev
        and version.proof.op == rev.op.value
        and version.saved_at == rev.saved_at
        and version.imported_at == rev.imported_at
        and version.fields == redact_fields(rev.content or {}, cls, redact, left_out, names)
    )
