"""Changing an open vault: saving a record or a correction, deleting an entry, erasing a
person for good, and what every such change shares (sealed, added to the tree and its head
sealed again, all in one transaction; then the ledger and this computer's note of the
vault's head follow). A part of `Vault` (companion/vault.py), kept apart so each file says
one thing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion import codec, heads, merkle, revisions
from companion.crypto import Box
from companion.errors import InvalidInput
from companion.ledger import NAMESPACE_OF, Ledger, Saved
from companion.model import Attachment, Keeper, Person, Record, new_id
from companion.revisions import Namespace, Op, Revision
from companion.store import StoredRevision, file_bytes
from companion.validation import validate
from companion.vault_load import seal_checkpoint

if TYPE_CHECKING:
    from companion.store import Store

Progress = Callable[[int, int], None]


class VaultWriting:
    """Saving changes to an open vault (mixed into Vault)."""

    _store: Store
    _key: bytes
    _ledger: Ledger
    _clock: Callable[[], datetime]

    if TYPE_CHECKING:  # given by Vault and the other parts it is made of
        vault_id: str
        path: Path

        def _require_writable(self) -> None: ...
        def keeper(self) -> Saved[Keeper] | None: ...
        def _tidy_attachment(self, attachment: Attachment) -> Attachment: ...
        def _discard_drafts_of(self, person_id: str, record_ids: set[str]) -> None: ...
        def _erase_attachments(self, record_ids: Iterable[str]) -> None: ...

    def save(self, record: Record) -> Saved:
        """Add a record, or save a correction to one. Saving an unchanged record does nothing.

        An attachment is added by `attach`; saving one corrects its name or description."""
        if isinstance(record, Attachment):
            record = self._tidy_attachment(record)
        else:
            record = validate(record)
        ns = NAMESPACE_OF[type(record)]
        parent = None if isinstance(record, Person | Keeper) else record.person_id
        keeper = self.keeper()
        if isinstance(record, Keeper) and keeper is not None and keeper.record.id != record.id:
            raise InvalidInput("", "id", record.id, "the keeper already named in this vault")
        if parent is not None and not isinstance(self._ledger.current.get(parent), Person):
            raise InvalidInput("", "person_id", parent, "a person in this vault")
        history = self._ledger.history.get(record.id, [])
        if history:
            if history[0].ns is not ns or record.id not in self._ledger.current:
                raise InvalidInput("", "id", record.id, "a record that can still be edited")
            if history[0].parent != parent:
                raise InvalidInput(
                    "", "person_id", str(parent), "the same person as when it was first written"
                )
            if self._ledger.current[record.id] == record:
                return self._ledger.saved(record.id)
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=ns,
            record_id=record.id,
            rev=len(history) + 1,
            op=Op.EDIT if history else Op.CREATE,
            parent=parent,
            saved_at=self._clock(),
            content=codec.to_fields(record),
        )
        self._commit([rev])
        return self._ledger.saved(record.id)

    def delete(self, record_id: str) -> None:
        """Hide an appointment or event. Its history stays in the vault, marked as deleted."""
        history = self._ledger.history.get(record_id, [])
        if record_id not in self._ledger.current or history[0].ns is Namespace.PERSON:
            raise InvalidInput("", "id", record_id, "an appointment or event in this vault")
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=history[0].ns,
            record_id=record_id,
            rev=len(history) + 1,
            op=Op.DELETE,
            parent=history[0].parent,
            saved_at=self._clock(),
            content=None,
        )
        self._commit([rev])

    def purge_person(self, person_id: str) -> int:
        """Erase a person and all their entries for good; returns how many revisions went.

        The tree keeps each erased revision's leaf (a hash that reveals nothing),
        and a purge revision records which were erased, so the vault still
        verifies and shows that an erasure happened.
        """
        if not isinstance(self._ledger.current.get(person_id), Person):
            raise InvalidInput("", "person", person_id, "a person in this vault")
        entries = self._ledger.people_entries(person_id)
        seqs = sorted(r.seq for r in entries)
        record_ids = {r.record_id for r in entries}
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=Namespace.PURGE,
            record_id=new_id(),
            rev=1,
            op=Op.PURGE,
            parent=person_id,
            saved_at=self._clock(),
            content={"seqs": seqs},
        )

        def also() -> None:
            self._discard_drafts_of(person_id, record_ids)
            self._erase_attachments(record_ids)

        self._commit([rev], erase=seqs, also=also)
        self._store.checkpoint_wal()
        return len(seqs)

    def _commit(
        self,
        revs: list[Revision],
        erase: Iterable[int] = (),
        progress: Progress | None = None,
        also: Callable[[], None] | None = None,
    ) -> None:
        """Append revisions (and erase others) as one change; `also` runs inside it."""
        self._require_writable()
        erase = list(erase)
        with self._store.transaction():
            new_leaves = self._write_revisions(revs, erase, progress)
            if also is not None:
                also()
        self._committed(revs, new_leaves, erase)

    def _write_revisions(
        self, revs: list[Revision], erase: Iterable[int] = (), progress: Progress | None = None
    ) -> list[bytes]:
        """Seal and append revisions, erase others and write the new tree head, inside the
        caller's transaction; returns the new leaves, for `_committed` once it commits."""
        self._require_writable()
        new_leaves = [revisions.leaf(rev, self.vault_id) for rev in revs]
        leaves = self._ledger.leaves + new_leaves
        checkpoint = seal_checkpoint(self._key, self.vault_id, len(leaves), merkle.root(leaves))
        total = len(revs)
        box = Box(self._key)
        for done, (rev, leaf) in enumerate(zip(revs, new_leaves, strict=True), start=1):
            ad = revisions.revision_ad(self.vault_id, rev.seq, rev.record_id, rev.rev)
            sealed = box.seal(revisions.encode(rev), ad)
            self._store.append_revision(
                StoredRevision(rev.seq, rev.record_id, rev.rev, sealed, leaf)
            )
            if progress is not None:
                progress(done, total)
        for seq in erase:
            self._store.erase_revision(seq)
        self._store.write_checkpoint(checkpoint)
        return new_leaves

    def _committed(self, revs: list[Revision], leaves: list[bytes], erase: list[int]) -> None:
        """What was written has been committed: the ledger follows, and the head is noted."""
        self._apply_committed(revs, leaves, erase)
        self._remember_head()

    def _apply_committed(self, revs: list[Revision], leaves: list[bytes], erase: list[int]) -> None:
        ledger = self._ledger
        erased = set(erase)
        for rid, hist in list(ledger.history.items()):
            if hist[0].seq in erased:
                ledger.erased.update({r.seq: (rid, r.rev) for r in hist})
                del ledger.history[rid]
                ledger.current.pop(rid, None)
        for rev, leaf in zip(revs, leaves, strict=True):
            ledger.leaves.append(leaf)
            ledger.apply(rev)  # a purge revision explains the erasures it lists

    def _remember_head(self) -> None:
        ledger = self._ledger
        heads.remember(
            self.path,
            heads.Seen(
                self.vault_id,
                ledger.size,
                ledger.root(),
                self._clock(),
                file_bytes(self.path),
            ),
        )
