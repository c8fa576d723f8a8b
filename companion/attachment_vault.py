"""Attachments for an open vault: a part of `Vault` (companion/vault.py), kept apart so each
file says one thing.

Attaching writes the file's sealed chunks (companion/attachment_chunks.py) and its record
(an Attachment revision: a leaf of the tree, committing to the content's SHA-256) in one
transaction, so an attach that fails, is stopped or is killed part way leaves nothing. Reading
gives plaintext a chunk at a time, each authenticated before it is given out and the whole
checked against the recorded size and SHA-256; nothing of it is written to disk except a copy
the person asked for (companion/attachments.py's write_copy).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from companion import codec
from companion.attachment_chunks import (
    CHUNK,
    SEALED_CHUNK,
    chunk_count,
    open_chunks,
    part_lengths,
    seal_chunk,
    sealed_size,
)
from companion.attachment_store import StoredPart
from companion.attachment_types import HEAD_BYTES, detect
from companion.attachments import (
    Hashed,
    Progress,
    Source,
    StopAsked,
    check_description,
    check_name,
    check_stop,
    open_source,
    read_exactly,
    write_copy,
)
from companion.crypto import Box
from companion.durable import check_not_the_vault, check_place
from companion.errors import (
    AttachmentDamaged,
    ChunkProblem,
    EmptyFile,
    InvalidInput,
    StorageFailed,
    VaultDamaged,
)
from companion.ledger import Ledger, Problem, ProblemKind, Saved, record_from
from companion.model import Appointment, Attachment, Event, new_id
from companion.revisions import Namespace, Op, Revision
from companion.store import sqlite_errors

if TYPE_CHECKING:
    from companion.store import Store
    from companion.vault import Vault

# What may be corrected in an attachment's record; the rest is fixed at capture.
CORRECTABLE = ("name", "description")


class VaultAttachments:
    """Evidence files kept with entries (mixed into Vault)."""

    _store: Store
    _key: bytes
    _ledger: Ledger
    _clock: Callable[[], datetime]

    if TYPE_CHECKING:  # given by Vault, which this is mixed into
        vault_id: str

        def _require_writable(self) -> None: ...
        def _write_revisions(
            self, revs: list[Revision], erase: Iterable[int] = ()
        ) -> list[bytes]: ...  # noqa: E501
        def _committed(
            self, revs: list[Revision], leaves: list[bytes], erase: list[int]
        ) -> None: ...  # noqa: E501

    # -- attaching ---------------------------------------------------------------------

    def attach(
        self,
        entry_id: str,
        path: Path,
        *,
        description: str = "",
        progress: Progress | None = None,
        stop: StopAsked | None = None,
    ) -> Saved[Attachment]:
        """Keep the file at `path` with an appointment or letter, sealed inside the vault.

        Its SHA-256, name, size, type (from its bytes) and the time are recorded. The file
        is read once, a chunk at a time. `progress(done, total)` is called after each chunk
        (raising in it stops the attach), and `stop()` returning True stops it with
        Cancelled; either way nothing of it is kept.
        """
        self._require_writable()
        self._entry(entry_id)
        with open_source(path) as source:
            return self._attach(entry_id, source, description, progress, stop)

    def attach_stream(
        self,
        entry_id: str,
        handle: BinaryIO,
        *,
        name: str,
        size: int,
        description: str = "",
        progress: Progress | None = None,
        stop: StopAsked | None = None,
    ) -> Saved[Attachment]:
        """As `attach`, from an open binary stream that holds exactly `size` bytes."""
        self._require_writable()
        self._entry(entry_id)
        if size < 1:
            raise EmptyFile(name)
        return self._attach(entry_id, Source(name, size, handle), description, progress, stop)

    def _attach(
        self,
        entry_id: str,
        source: Source,
        description: str,
        progress: Progress | None,
        stop: StopAsked | None,
    ) -> Saved[Attachment]:
        entry = self._entry(entry_id)
        name, description = check_name(source.name), check_description(description)
        attachment_id = new_id()
        found: dict[str, str] = {}

        def head(plain: bytes) -> None:
            found["type"] = detect(name, plain[:HEAD_BYTES])

        def record(sha256: str) -> list[Revision]:
            attachment = Attachment(
                person_id=entry.person_id, entry_id=entry_id, name=name, size=source.size,
                sha256=sha256, media_type=found["type"], captured_at=self._clock(),
                id=attachment_id, description=description,
            )  # fmt: skip
            return [self._revision(attachment, 1, attachment.captured_at, None)]

        chunks = read_exactly(source, CHUNK)
        self._store_content(attachment_id, source.size, chunks, head, record, progress, stop)
        return self._ledger.saved(attachment_id)

    def import_attachment(
        self,
        source: Vault,
        attachment_id: str,
        progress: Progress | None = None,
        stop: StopAsked | None = None,
    ) -> Saved[Attachment]:
        """Copy an attachment from another open vault into this one, with every version of
        its record (their times kept, marked as brought in now) and its content sealed again
        under this vault's key, checked against its SHA-256 on the way. Its entry must be
        here already, with the same id and person (as a hand-over brings it)."""
        self._require_writable()
        theirs = source.attachment(attachment_id)
        entry = self._entry(theirs.entry_id)
        if entry.person_id != theirs.person_id or attachment_id in self._ledger.history:
            raise InvalidInput("", "attachment", attachment_id, "an attachment not already here")
        versions = [v for v in source.versions(attachment_id) if v.record is not None]
        now = self._clock()

        def record(sha256: str) -> list[Revision]:
            if sha256 != theirs.sha256:  # already checked while reading; never trust one check
                raise VaultDamaged("an attachment changed while it was copied")
            return [
                self._revision(v.record, n, v.saved_at, now)
                for n, v in enumerate(versions, start=1)
            ]

        chunks = source.attachment_chunks(attachment_id)
        self._store_content(attachment_id, theirs.size, chunks, None, record, progress, stop)
        return self._ledger.saved(attachment_id)

    def _store_content(
        self,
        attachment_id: str,
        size: int,
        chunks: Iterable[bytes],
        head: Callable[[bytes], None] | None,
        record: Callable[[str], list[Revision]],
        progress: Progress | None,
        stop: StopAsked | None,
    ) -> None:
        """Seal and store the content, then the record made from its SHA-256, as one change."""
        box = Box(self._key)
        last = chunk_count(size) - 1
        digest = hashlib.sha256()
        pieces = iter(chunks)
        index = done = 0
        try:
            with self._store.transaction():
                for part, length in enumerate(part_lengths(size)):
                    rowid = self._store.add_part(attachment_id, part, length)
                    with self._store.part_writer(rowid) as blob:
                        for _ in range(-(-length // SEALED_CHUNK)):
                            plain = next(pieces)
                            if len(plain) != (CHUNK if index < last else size - done):
                                raise StorageFailed("a chunk of the wrong length")
                            if index == 0 and head is not None:
                                head(plain)
                            digest.update(plain)
                            blob.write(
                                seal_chunk(box, self.vault_id, attachment_id, index,
                                           index == last, plain)
                            )  # fmt: skip
                            index, done = index + 1, done + len(plain)
                            check_stop(progress, stop, done, size)
                for _extra in pieces:  # the source must end here (checks it did not grow)
                    raise StorageFailed("more content than was recorded")
                revs = record(digest.hexdigest())
                leaves = self._write_revisions(revs)
        finally:
            with contextlib.suppress(Exception):  # give back the log's space, whatever happened
                self._store.checkpoint_wal()
        self._committed(revs, leaves, [])

    def _revision(
        self, attachment: Attachment, rev: int, saved_at: datetime, imported_at: datetime | None
    ) -> Revision:
        return Revision.new(
            seq=self._ledger.size + rev,
            ns=Namespace.ATTACHMENT,
            record_id=attachment.id,
            rev=rev,
            op=Op.CREATE if rev == 1 else Op.EDIT,
            parent=attachment.person_id,
            saved_at=saved_at,
            content=codec.to_fields(attachment),
            imported_at=imported_at,
        )

    def _entry(self, entry_id: str) -> Appointment | Event:
        entry = self._ledger.current.get(entry_id)
        if not isinstance(entry, Appointment | Event):
            raise InvalidInput("", "entry", entry_id, "an appointment or letter in this vault")
        return entry

    # -- correcting ----------------------------------------------------------------------

    def _tidy_attachment(self, attachment: Attachment) -> Attachment:
        """An attachment's record as saved again: only its name and description may change
        (what was captured stays as captured), and only through attach is one added."""
        now = self._ledger.current.get(attachment.id)
        if not isinstance(now, Attachment):
            raise InvalidInput(
                "", "id", attachment.id, "an attachment in this vault (a new file is attached)"
            )
        fixed = [f for f in codec.field_names(Attachment) if f not in CORRECTABLE]
        for name in (*fixed, "person_id"):
            if getattr(attachment, name) != getattr(now, name):
                raise InvalidInput("", name, str(getattr(attachment, name)), "as captured")
        return dataclasses.replace(
            attachment,
            name=check_name(attachment.name),
            description=check_description(attachment.description),
        )

    # -- reading -------------------------------------------------------------------------

    def attachments(self) -> list[Saved[Attachment]]:
        """Every attachment not deleted, in the order they were attached."""
        found = self._ledger.all_saved(Attachment)
        return sorted(found, key=lambda s: (s.record.captured_at, s.record.id))

    def attachments_of(self, entry_id: str) -> list[Saved[Attachment]]:
        """The attachments of one appointment or letter, in the order they were attached."""
        return [s for s in self.attachments() if s.record.entry_id == entry_id]

    def attachment(self, attachment_id: str) -> Attachment:
        record = self._ledger.current.get(attachment_id)
        if not isinstance(record, Attachment):
            raise InvalidInput("", "attachment", attachment_id, "an attachment in this vault")
        return record

    def attachment_chunks(self, attachment_id: str) -> Iterator[bytes]:
        """The attachment's content, a chunk at a time, in order. Each chunk is authenticated
        before it is given; AttachmentDamaged is raised at the first chunk that is wrong, or
        at the end if the whole is not the size and SHA-256 recorded at capture."""
        record = self.attachment(attachment_id)
        return self._chunks(record.id, record.size, record.sha256)

    def save_attachment_copy(
        self,
        attachment_id: str,
        path: Path,
        progress: Progress | None = None,
        stop: StopAsked | None = None,
    ) -> Attachment:
        """Write a decrypted copy where the person chose, whole or not at all; it is not
        protected by the vault once written (say so)."""
        record = self.attachment(attachment_id)
        check_place(path)
        check_not_the_vault(path, self._store.path)
        write_copy(path, self.attachment_chunks(attachment_id), record.size, progress, stop)
        return record

    def _chunks(self, attachment_id: str, size: int, sha256: str) -> Iterator[bytes]:
        with sqlite_errors():
            parts = self._store.parts_of(attachment_id)
        if sum(p.length for p in parts) > sealed_size(size):  # more stored than was sealed
            raise AttachmentDamaged(attachment_id, ChunkProblem.EXTRA, chunk_count(size))
        pieces = self._pieces(parts)
        opened = open_chunks(Box(self._key), self.vault_id, attachment_id, pieces)
        yield from Hashed(attachment_id, size, sha256).through(opened)

    def _pieces(self, parts: list[StoredPart]) -> Iterator[tuple[bytes, bool]]:
        """Each sealed chunk as stored, in order, with whether it is the last thing stored."""
        for n, part in enumerate(parts):
            final_part = n == len(parts) - 1
            with sqlite_errors(), self._store.part_reader(part.rowid) as blob:
                offset = 0
                while offset < part.length:
                    piece = blob.read(SEALED_CHUNK)
                    if not piece:
                        break
                    offset += len(piece)
                    yield piece, final_part and offset >= part.length

    # -- checking and erasing ----------------------------------------------------------------

    def _attachment_problems(self, ledger: Ledger) -> list[Problem]:
        """For verify: every attachment's every chunk opens, and the whole is the size and
        SHA-256 each version of its record gives; no content is stored without a record."""
        problems = []
        try:
            with sqlite_errors():
                stored: set[str] | None = self._store.attachment_ids_stored()
        except VaultDamaged:  # SQLite's own pages of the table are damaged
            stored = None
        for record_id, revs in ledger.history.items():
            if not revs or revs[0].ns is not Namespace.ATTACHMENT:
                continue
            if stored is not None:
                stored.discard(record_id)
            try:
                kept = {(a.size, a.sha256) for a in _records(revs)}
                if len(kept) != 1:
                    raise AttachmentDamaged(record_id, ChunkProblem.DIFFERENT)
                size, sha256 = kept.pop()
                for _chunk in self._chunks(record_id, size, sha256):
                    pass
            except (VaultDamaged, InvalidInput):  # AttachmentDamaged, or SQLite's damage
                problems.append(Problem(ProblemKind.ATTACHMENT_DAMAGED, revs[0].seq, record_id))
        if stored is None:
            return [*problems, Problem(ProblemKind.ATTACHMENT_UNEXPLAINED)]
        for record_id in sorted(stored - set(ledger.damaged)):
            problems.append(Problem(ProblemKind.ATTACHMENT_UNEXPLAINED, None, record_id))
        return problems

    def _erase_attachments(self, record_ids: Iterable[str]) -> None:
        """A purge: the content of each of these that is an attachment goes (inside the
        caller's change; secure_delete overwrites it in the file)."""
        for record_id in record_ids:
            revs = self._ledger.history.get(record_id, [])
            if revs and revs[0].ns is Namespace.ATTACHMENT:
                self._store.delete_parts(record_id)


def _records(revs: list[Revision]) -> list[Attachment]:
    found = [record_from(r) for r in revs if r.op is not Op.DELETE]
    return [r for r in found if isinstance(r, Attachment)]
