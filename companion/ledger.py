"""The vault's content in memory: every revision, the current records and what is wrong.

Built by replaying revisions in sequence order. Nothing is overwritten: the
current view of a record is its latest revision; earlier ones stay readable
as its history. Problems found while replaying (a revision that will not open,
a gap, a tree that does not match its checkpoint) are collected rather than
raised, so that everything still readable can be shown and rescued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from companion import codec, merkle
from companion.errors import InvalidInput
from companion.model import Appointment, Attachment, Event, EventKind, Keeper, Person, Record
from companion.revisions import Namespace, Op, Revision

R = TypeVar("R", Person, Appointment, Event, Keeper, Attachment)

CLASS_OF: dict[Namespace, type] = {
    Namespace.PERSON: Person,
    Namespace.APPOINTMENT: Appointment,
    Namespace.EVENT: Event,
    Namespace.KEEPER: Keeper,
    Namespace.ATTACHMENT: Attachment,
}
NAMESPACE_OF: dict[type, Namespace] = {cls: ns for ns, cls in CLASS_OF.items()}


class ProblemKind(StrEnum):
    UNREADABLE = "unreadable"
    LEAF_MISMATCH = "leaf_mismatch"
    GAP = "gap"
    BAD_HISTORY = "bad_history"
    UNEXPLAINED_ERASURE = "unexplained_erasure"
    TREE_MISMATCH = "tree_mismatch"
    # Found by verify, which reads every attachment's content (see companion/attachment_vault.py).
    ATTACHMENT_DAMAGED = "attachment_damaged"
    ATTACHMENT_UNEXPLAINED = "attachment_unexplained"
    # Warnings (see companion/heads.py): the vault can still be written to.
    ROLLED_BACK = "rolled_back"
    DIVERGED = "diverged"
    SWAPPED = "swapped"
    LOG_DAMAGED = "log_damaged"


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    seq: int | None = None
    record_id: str | None = None


# A version brought in from a file that did not say when it was written: the import
# gives it the import's own time, so the export can say so rather than invent a gap.
NOT_GIVEN = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Version(Generic[R]):
    """One saved state of a record; `record` is None where the record was deleted."""

    saved_at: datetime
    record: R | None
    imported_at: datetime | None = None


@dataclass(frozen=True)
class StoredVersion:
    """A saved version as plain fields, for writing out without decoding and re-encoding."""

    saved_at: datetime
    imported_at: datetime | None
    fields: dict[str, Any]


@dataclass(frozen=True)
class Saved(Generic[R]):
    """A record as it stands now, with when it was first written and how often corrected.

    `damaged` is True when one of its saved versions could not be read: what
    is shown is then the newest version that could, and must be marked so.
    `handed_over` is True when it was brought in by the hand-over that made this vault
    (at the moment its "Records handed over" note was written), not from a file.
    """

    record: R
    written_at: datetime
    last_saved_at: datetime
    version_count: int
    imported_at: datetime | None
    damaged: bool = False
    handed_over: bool = False

    @property
    def corrected(self) -> bool:
        return self.version_count > 1


def record_from(rev: Revision) -> Record:
    cls = CLASS_OF[rev.ns]
    envelope = {"id": rev.record_id}
    if cls not in (Person, Keeper):
        envelope["person_id"] = rev.parent
    return codec.from_fields(cls, rev.content or {}, f"revision {rev.seq}", **envelope)


def _is_handover_note(rev: Revision, record: Record) -> bool:
    """The note a hand-over wrote in this vault (not one brought in from elsewhere)."""
    return (
        rev.rev == 1
        and rev.imported_at is None
        and isinstance(record, Event)
        and record.kind is EventKind.HANDED_OVER
    )


@dataclass
class Ledger:
    vault_id: str
    leaves: list[bytes] = field(default_factory=list)
    history: dict[str, list[Revision]] = field(default_factory=dict)
    current: dict[str, Record] = field(default_factory=dict)
    erased: dict[int, tuple[str, int]] = field(default_factory=dict)
    purged_people: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    damaged: dict[str, set[int]] = field(default_factory=dict)
    _explained_erasures: set[int] = field(default_factory=set)
    # When a hand-over brought records into this vault: the time each of its notes was
    # written (the hand-over writes everything at that one moment, companion/handover.py).
    _handovers: set[datetime] = field(default_factory=set)
    _tree: merkle.Tree | None = field(default=None, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.leaves)

    def tree(self) -> merkle.Tree:
        """The Merkle tree of every leaf, built again only when leaves have been added
        (leaves are only ever appended: a purge keeps them)."""
        if self._tree is None or self._tree.size != len(self.leaves):
            self._tree = merkle.Tree(self.leaves)
        return self._tree

    def root(self) -> bytes:
        return self.tree().root

    def note(self, kind: ProblemKind, seq: int | None = None, record_id: str | None = None) -> None:
        self.problems.append(Problem(kind, seq, record_id))

    def damage(self, kind: ProblemKind, seq: int, record_id: str, rev: int) -> None:
        """A revision of this record could not be used: note it and mark the record."""
        self.note(kind, seq, record_id)
        self.damaged.setdefault(record_id, set()).add(rev)

    def apply(self, rev: Revision) -> None:
        """Replay one revision whose ciphertext opened and whose leaf matched.

        Revisions of a record must follow on from each other; a gap is allowed
        only where the missing revisions are known to be damaged, so the
        newest readable version is still shown (marked as damaged).
        """
        if rev.ns is Namespace.PURGE:
            seqs = (rev.content or {}).get("seqs", [])
            self._explained_erasures.update(s for s in seqs if isinstance(s, int))
            if rev.parent:
                self.purged_people.add(rev.parent)
            self.history.setdefault(rev.record_id, []).append(rev)
            return
        earlier = self.history.setdefault(rev.record_id, [])
        last = earlier[-1].rev if earlier else 0
        skipped = set(range(last + 1, rev.rev))
        follows = rev.rev > last and skipped <= self.damaged.get(rev.record_id, set())
        op_ok = rev.op is Op.CREATE if rev.rev == 1 else rev.op in (Op.EDIT, Op.DELETE)
        same_record = not earlier or (earlier[0].ns, earlier[0].parent) == (rev.ns, rev.parent)
        if not (follows and op_ok and same_record):
            self.damage(ProblemKind.BAD_HISTORY, rev.seq, rev.record_id, rev.rev)
            return
        earlier.append(rev)
        if rev.op is Op.DELETE:
            self.current.pop(rev.record_id, None)
            return
        try:
            record = self.current[rev.record_id] = record_from(rev)
        except InvalidInput:
            earlier.pop()
            self.damage(ProblemKind.BAD_HISTORY, rev.seq, rev.record_id, rev.rev)
            return
        if _is_handover_note(rev, record):
            self._handovers.add(rev.saved_at)

    def finish(self) -> None:
        """Checks that need every revision: erasures must each be explained by a purge."""
        for seq in sorted(set(self.erased) - self._explained_erasures):
            record_id, rev = self.erased[seq]
            self.damage(ProblemKind.UNEXPLAINED_ERASURE, seq, record_id, rev)

    # -- views ---------------------------------------------------------------

    def saved(self, record_id: str) -> Saved:
        revs = self.history[record_id]
        return Saved(
            record=self.current[record_id],
            written_at=revs[0].saved_at,
            last_saved_at=revs[-1].saved_at,
            version_count=len(revs),
            imported_at=revs[0].imported_at,
            damaged=record_id in self.damaged,
            handed_over=revs[0].imported_at in self._handovers,
        )

    def all_saved(self, cls: type[R]) -> list[Saved[R]]:
        return [self.saved(rid) for rid, rec in self.current.items() if type(rec) is cls]

    def versions(self, record_id: str) -> list[Version]:
        out: list[Version] = []
        revs = self.history.get(record_id, [])
        for n, rev in enumerate(revs, start=1):
            if rev.op is Op.DELETE:
                record = None
            elif n == len(revs) and record_id in self.current:
                record = self.current[record_id]  # already decoded
            else:
                record = record_from(rev)
            out.append(Version(rev.saved_at, record, rev.imported_at))
        return out

    def stored_versions(self, record_id: str) -> list[StoredVersion]:
        """Each saved version's fields exactly as sealed (the codec's own form), oldest first."""
        return [
            StoredVersion(rev.saved_at, rev.imported_at, rev.content)
            for rev in self.history.get(record_id, [])
            if rev.op is not Op.DELETE and rev.content is not None
        ]

    def people_entries(self, person_id: str) -> list[Revision]:
        """Every readable revision that belongs to a person: their own and their entries'.

        An entry's person never changes (the vault refuses such an edit), so a
        purge erases whole histories and never half of one.
        """
        out = []
        for rid, revs in self.history.items():
            belongs = rid == person_id or revs[0].parent == person_id
            if revs and revs[0].ns is not Namespace.PURGE and belongs:
                out.extend(revs)
        return out
