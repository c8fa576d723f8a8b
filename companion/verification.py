"""Checking an exported file: is it what the vault held, character for character, and whole?

An export (JSON, or a PDF carrying the JSON inside it) holds the vault's
fingerprint and a proof for every version. Checking rebuilds each version's
Merkle leaf, from the wording shown where nothing was left out of it, or
from the salted hash of its wording where something was, and checks each
proof against the fingerprint. A leaf commits to its record, its revision
number and when it was saved, so any changed character breaks a proof, and
a version taken out of the middle of a record's history, two swapped or one
given twice shows: a record's versions must be revisions 1, 2, 3, ... in
order (or, where the file says corrections were left out, its one latest).

What the file alone cannot show: that a record's latest correction was not
taken out (the versions left still run 1, 2, ...), nor that a whole entry
was not, nor that the fingerprint itself is the vault's. Checking against
the vault settles the first two (every record's versions are compared with
the vault's history when the file was made); for the fingerprint, compare
it with a copy kept elsewhere (an email to yourself on the day).

A PDF's pages are checked against the page list attached beside its log
(companion/export/pdf_pages.py): a page edited after the file was made
shows. The list is not part of the proof, and the report says so.

The records of files attached to the entries (companion/attachment_log.py) are
saved changes like the entries', checked the same way; each must belong to an
entry in the file. Against the vault, an entry whose attached file the file
leaves out is caught too.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion import attachment_log, merkle, safe_read
from companion.errors import DuplicateName, ExportUnreadable, InvalidInput
from companion.export import pdf_pages
from companion.export.json_log import leaf_from_digest, leaf_of
from companion.export.options import Part, Redaction
from companion.export.redact import record_names, redact_fields, removed_fields
from companion.fingerprint import Fingerprint
from companion.interchange.document import FORMAT_NAME
from companion.log_shape import (
    CLASSES,
    SECTIONS,
    _hash,
    _int,
    _Log,
    _Malformed,
    _parse,
    _Record,
    _Version,
    shown,
    since_made,
    verify_text,
)
from companion.model import Attachment
from companion.revisions import Revision
from companion.vault import Vault

ATTACHMENT = pdf_pages.LOG_ATTACHMENT
_SECTIONS = SECTIONS
_CLASSES: dict[str, type] = {**CLASSES, attachment_log.NS: Attachment}
# Records whose own words may hold an NI number: where NI numbers are left out, those are
# taken out of the words (companion/export/redact.py), so such a version carries no salt.
_WORDED = ("appointment", "event", attachment_log.NS)

# Far larger than any export (10,000 appointments make about 30 MiB); a bigger file is
# not read into memory at all.
MAX_FILE_BYTES = 512 * 2**20

_t = verify_text
_shown = shown


class AlteredExport(ExportUnreadable):
    """A file refused before any proof was looked at, with the sentence that says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- reading -------------------------------------------------------------------------


@dataclass
class PageCheck:
    """What checking a PDF's pages found."""

    listed: bool = False  # the PDF carries its page list (exports made since pages were listed)
    pages: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class ReadLog:
    doc: dict[str, Any]
    from_pdf: bool  # the log attached to a PDF
    pages: PageCheck | None = None  # for a PDF: what checking its pages found


def read_log(path: Path) -> ReadLog:
    """The log inside an exported file (a JSON file, or the attachment of a PDF), and for a
    PDF what checking its pages found."""
    if path.suffix.lower() in (".csv", ".md", ".txt"):
        raise InvalidInput(
            "", "file", path.name, "an exported PDF or JSON file (only those carry proofs)"
        )
    raw = safe_read.read_file(path, MAX_FILE_BYTES)
    if raw.startswith(b"%PDF"):
        return _read_pdf(raw)
    return ReadLog(_log_doc(raw), from_pdf=False)


def _log_doc(raw: bytes) -> dict[str, Any]:
    try:
        doc = safe_read.loads_bytes(raw)
    except DuplicateName as exc:
        raise AlteredExport(
            _t(
                'The name "{name}" is given twice in one part of the log, so which value was '
                "meant cannot be told."
            ).format(name=_shown(exc.name))
        ) from None
    except InvalidInput:
        raise ExportUnreadable() from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExportUnreadable()
    return doc


def _read_pdf(raw: bytes) -> ReadLog:
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a damaged file is reported in one sentence, below
    try:
        try:
            reader = PdfReader(io.BytesIO(raw))
            files = {str(name): list(found) for name, found in reader.attachments.items()}
        except Exception:  # a crafted PDF can stop the reader in a great many ways
            raise ExportUnreadable() from None
        logs = files.get(ATTACHMENT) or []
        if not logs:
            raise ExportUnreadable()
        if len(logs) > 1:
            raise AlteredExport(
                _t("The PDF carries more than one log, so which one was meant cannot be told.")
            )
        doc = _log_doc(logs[0])
        return ReadLog(doc, from_pdf=True, pages=check_pages(reader, files, logs[0]))
    finally:
        quiet.setLevel(level)


# -- a PDF's pages -------------------------------------------------------------------


@dataclass(frozen=True)
class _PageList:
    log: str
    document: str
    pages: list[str]


def _page_list(raw: bytes) -> _PageList:
    try:
        doc = safe_read.loads_bytes(raw)
    except InvalidInput:
        raise _Malformed("page list") from None
    if not isinstance(doc, dict) or set(doc) != {"format", "version", "log", "document", "pages"}:
        raise _Malformed("page list")
    if doc["format"] != pdf_pages.PAGES_FORMAT or _int(doc["version"]) != pdf_pages.PAGES_VERSION:
        raise _Malformed("page list")
    pages = doc["pages"]
    if not isinstance(pages, list):
        raise _Malformed("page list")
    return _PageList(_hash(doc["log"]), _hash(doc["document"]), [_hash(p) for p in pages])


def _numbers(pages: list[int]) -> str:
    """1, 2 and 5; or, for many, the first few and how many more."""
    shown = [str(n) for n in pages[:10]]
    if len(pages) > 10:
        return _t("{first} and {more} more").format(first=", ".join(shown), more=len(pages) - 10)
    if len(shown) == 1:
        return shown[0]
    return _t("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


def check_pages(reader: Any, files: dict[str, list[bytes]], log: bytes) -> PageCheck:
    """Whether a PDF's pages (and the document around them) are as they were made."""
    check = PageCheck()
    others = [name for name in files if name not in (ATTACHMENT, pdf_pages.PAGES_ATTACHMENT)]
    if others:
        check.problems.append(
            _t("The PDF carries {n} attached files that the app did not put there.").format(
                n=len(others)
            )
        )
    listed = files.get(pdf_pages.PAGES_ATTACHMENT) or []
    if not listed:
        return check
    check.listed = True
    try:
        if len(listed) > 1:
            raise _Malformed("two page lists")
        expected = _page_list(listed[0])
    except _Malformed:
        check.problems.append(_t("The PDF's page list is not in the form the app writes."))
        return check
    if hashlib.sha256(log).hexdigest() != expected.log:
        check.problems.append(_t("The log attached to the PDF is not the one it was made with."))
    try:
        hasher = pdf_pages.PageHasher(reader)
        count = len(reader.pages)
    except Exception:  # a crafted PDF can stop the reader in a great many ways
        check.problems.append(_t("The PDF's pages cannot be read."))
        return check
    check.pages = count
    if count != len(expected.pages):
        check.problems.append(
            _t("The PDF has {n} pages, but it had {m} when it was made.").format(
                n=count, m=len(expected.pages)
            )
        )
    changed = []
    for number, wanted in enumerate(expected.pages[:count], start=1):
        try:
            found = hasher.page(number - 1)
        except Exception:  # a page the reader cannot read is not the page that was made
            found = None
        if found != wanted:
            changed.append(number)
    if len(changed) == 1:
        check.problems.append(
            _t("Page {n} has been changed since the file was made.").format(n=changed[0])
        )
    elif changed:
        check.problems.append(
            _t("Pages {numbers} have been changed since the file was made.").format(
                numbers=_numbers(changed)
            )
        )
    try:
        document = hasher.document()
    except Exception:
        document = None
    if document != expected.document:
        check.problems.append(
            _t(
                "The PDF's document properties (its title, author or subject), or what it "
                "holds besides its pages, have been changed since it was made."
            )
        )
    return check


# -- the proofs ----------------------------------------------------------------------


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


# -- against the vault ---------------------------------------------------------------


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
