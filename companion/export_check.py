"""Checking an export's proofs on their own: every version's Merkle leaf rebuilt and
proven against the fingerprint the file carries, and every record's versions whole
(revisions 1, 2, 3, ... in order, none twice). The records of attached files are checked
the same way, and each must belong to an entry in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from companion import attachment_log, merkle
from companion.export.json_log import leaf_from_digest, leaf_of
from companion.export.options import Part, Redaction
from companion.export.redact import redact_fields, removed_fields
from companion.fingerprint import Fingerprint
from companion.log_shape import CLASSES, _Log, _Malformed, _parse, _Record, _Version, verify_text
from companion.model import Attachment

_CLASSES: dict[str, type] = {**CLASSES, attachment_log.NS: Attachment}
# Records whose own words may hold an NI number: where NI numbers are left out, those are
# taken out of the words (companion/export/redact.py), so such a version carries no salt.
_WORDED = ("appointment", "event", attachment_log.NS)

_t = verify_text


@dataclass
class ExportCheck:
    fingerprint: Fingerprint | None = None
    versions: int = 0
    records: int = 0
    wording_checked: int = 0  # rebuilt from the words shown: every character proven
    details_checked: int = 0  # rebuilt from the salted hash of the words: all but the words
    unbound: int = 0  # neither (a file from before digests were written): only in the vault
    history_unchecked: int = 0  # records with an unbound version: missing versions cannot show
    corrected_before: int = 0  # records shown by their latest version only, which was a change
    problems: list[str] = field(default_factory=list)
    redact: frozenset[Redaction] = frozenset()  # what the file says was removed
    left_out: frozenset[Part] = frozenset()

    @property
    def intact(self) -> bool:
        return not self.problems and self.fingerprint is not None

    @property
    def wording_not_checkable(self) -> int:
        return self.details_checked + self.unbound

    @property
    def latest_only(self) -> bool:
        return Part.CORRECTIONS in self.left_out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _read(doc: dict[str, Any]) -> _Log:
    """The log's records, the attached files' after the entries they belong to; raises
    _Malformed (and what reading a crafted file can raise) when it is not as the app writes."""
    log = _parse(attachment_log.without_attachments(doc))
    attached = attachment_log.read_section(doc)
    log.records += attached.records
    log.unreadable += attached.unreadable
    return log


def _may_lack_salt(ns: str, log: _Log) -> bool:
    """Whether what the file says was left out explains a version of this kind with no salt."""
    if removed_fields(_CLASSES[ns], log.redact, log.left_out):
        return True
    return Redaction.NI_NUMBER in log.redact and ns in _WORDED


def check_log(doc: dict[str, Any]) -> ExportCheck:
    """Check every proof in a log against the fingerprint it carries, and that each record's
    versions are whole: revisions 1, 2, 3, ... in order, none twice."""
    check = ExportCheck()
    try:
        log = _read(doc)
    except (_Malformed, KeyError, TypeError, ValueError):
        check.problems.append(_t("The file is not in the form the app writes."))
        return check
    check.fingerprint = fp = log.fingerprint
    if fp is None:
        check.problems.append(_t("The file carries no vault fingerprint, so it cannot be checked."))
        return check
    check.redact, check.left_out = log.redact, log.left_out
    for where in log.unreadable:
        check.problems.append(_t("{where} is not in the form the app writes.").format(
            where=_cap(where)))  # fmt: skip
    owners: dict[int, str] = {}  # which record each saved change was given for
    ids: set[str] = set()
    people = {r.record_id for r in log.records if r.ns == "person"}
    for record in log.records:
        check.records += 1
        if record.parent is not None and record.parent not in people:
            check.problems.append(
                _t("{where} belongs to a person who is not in the file.").format(
                    where=_cap(record.where)
                )
            )
            continue
        if record.record_id in ids:
            check.problems.append(
                _t("{where} is a record already given earlier in the file.").format(
                    where=_cap(record.where)
                )
            )
            continue
        ids.add(record.record_id)
        # Without a salt a version's wording cannot be checked; only a declared removal
        # that empties a field of this kind of record explains a missing salt.
        may_lack_salt = _may_lack_salt(record.ns, log)
        kinds: list[str | None] = []
        for k, version in enumerate(record.versions, start=1):
            check.versions += 1
            seq = version.proof.seq
            if owners.get(seq, record.record_id) != record.record_id:
                check.problems.append(
                    _t("{where} repeats a proof given for another record.").format(
                        where=_cap(record.version_where(k))
                    )
                )
                kinds.append(None)
            elif seq not in owners:
                owners[seq] = record.record_id
                kinds.append(_check_version(check, fp, record, k, version, may_lack_salt))
            # else the same version twice in one record: its history says so below
        if None in kinds:
            continue  # already said
        if "unbound" in kinds:
            check.history_unchecked += 1  # its revision numbers are not proven
        else:
            _check_history(check, record, log.latest_only)
    entries = {r.record_id for r in log.records if r.ns in ("appointment", "event")}
    check.problems += attachment_log.entry_problems(
        [r for r in log.records if r.ns == attachment_log.NS], entries
    )
    if check.versions == 0 and not check.problems:
        check.problems.append(_t("The file holds no entries to check."))
    return check


def _check_version(check: ExportCheck, fp: Fingerprint, record: _Record, k: int,
                   version: _Version, may_lack_salt: bool) -> str | None:  # fmt: skip
    """Check one version's proof; "words", "details" or "unbound" for what it proved, or
    None (with the problem added) if it failed."""
    proof = version.proof
    where = record.version_where(k)
    cls = _CLASSES[record.ns]
    # What the file says was left out must be empty in every version, as the app leaves it:
    # a removal claimed over filled-in values is a made-up claim. And only such a removal
    # explains a missing salt.
    consistent = True
    if check.redact or check.left_out:
        try:
            fields = version.fields
            consistent = redact_fields(fields, cls, check.redact, check.left_out) == fields
        except (KeyError, TypeError, ValueError, AttributeError):
            consistent = False
    if proof.salt is None and (not may_lack_salt or not consistent):
        check.problems.append(
            _t("{where} has lost what is needed to check its wording.").format(where=_cap(where))
        )
        return None
    if not consistent:
        check.problems.append(
            _t("{where} shows what the file says was left out of it.").format(where=_cap(where))
        )
        return None
    kind: str
    if proof.salt is not None:
        rebuilt = leaf_of(version.raw, vault_id=fp.vault_id, ns=record.ns,
                          record_id=record.record_id, parent=record.parent)  # fmt: skip
        if rebuilt != proof.leaf:
            check.problems.append(
                _t("The wording of {where} is not what the vault held.").format(where=where)
            )
            return None
        kind = "words"
    elif proof.digest is not None:
        rebuilt = leaf_from_digest(version.raw, proof.digest, vault_id=fp.vault_id,
                                   ns=record.ns, record_id=record.record_id)  # fmt: skip
        if rebuilt != proof.leaf:
            check.problems.append(
                _t(
                    "When {where} was saved, or its place in its record's history, is not what "
                    "the vault held."
                ).format(where=where)
            )
            return None
        kind = "details"
    else:
        kind = "unbound"
    if not merkle.verify_inclusion(proof.seq - 1, fp.size, proof.leaf, proof.path, fp.root):
        check.problems.append(
            _t("{where} does not belong to the vault with this fingerprint.").format(
                where=_cap(where)
            )
        )
        return None
    if kind == "words":
        check.wording_checked += 1
    elif kind == "details":
        check.details_checked += 1
    else:
        check.unbound += 1
    return kind


def _check_history(check: ExportCheck, record: _Record, latest_only: bool) -> None:
    """A record's versions, each proven to be its revision n, must be 1, 2, 3, ... in order;
    where the file says earlier wordings were left out, its one latest version."""
    revs = [v.proof.rev for v in record.versions]
    seqs = [v.proof.seq for v in record.versions]
    where = _cap(record.where)
    if latest_only:
        if len(revs) != 1:
            check.problems.append(
                _t(
                    "{where} has more than one version, though the file says earlier wordings "
                    "were left out."
                ).format(where=where)
            )
        elif revs[0] > 1:
            check.corrected_before += 1
        return
    if revs == list(range(1, len(revs) + 1)) and seqs == sorted(set(seqs)):
        return
    if len(set(revs)) < len(revs) or len(set(seqs)) < len(seqs):
        sentence = _t("{where} gives the same version more than once.")
    elif revs != sorted(revs) or seqs != sorted(seqs):
        sentence = _t("{where} has its versions out of order.")
    else:
        sentence = _t(
            "{where} has versions missing from its history: an earlier wording or a "
            "correction has been taken out of the file."
        )
    check.problems.append(sentence.format(where=where))
