"""The rows of a vault file other than attachments' content: its keyslots, saved changes
(revisions), tree head (checkpoint) and drafts. A part of `Store` (companion/store.py): rows
in, rows out, knowing nothing about keys or records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from companion.errors import VaultDamaged
from companion.keyslots import Keyslot, SlotKind
from companion.sqlite_errors import sqlite_errors


@dataclass(frozen=True)
class StoredRevision:
    """A revision row: its place, which record and revision it is, its ciphertext and leaf."""

    seq: int
    record_id: str
    rev: int
    sealed: bytes | None  # None once erased by a purge
    leaf: bytes


class StoreRows:
    """Keyslots, revisions, the checkpoint and drafts (mixed into Store). Writes happen
    inside the caller's transaction (Store.transaction)."""

    _conn: sqlite3.Connection

    # -- keyslots ------------------------------------------------------------

    def read_slots(self) -> dict[SlotKind, Keyslot]:
        slots: dict[SlotKind, Keyslot] = {}
        with sqlite_errors():
            rows = self._conn.execute("SELECT kind, params, wrapped, checksum FROM keyslots")
            for kind, params, wrapped, checksum in rows:
                try:
                    slot = Keyslot(SlotKind(kind), bytes(params), bytes(wrapped))
                except (ValueError, TypeError):
                    raise VaultDamaged("a keyslot is damaged") from None
                if slot.checksum() != bytes(checksum):
                    raise VaultDamaged(f"the {slot.kind.value} keyslot is damaged")
                slots[slot.kind] = slot
        return slots

    def put_slot(self, slot: Keyslot) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO keyslots (kind, params, wrapped, checksum) VALUES (?, ?, ?, ?)",
            (slot.kind.value, slot.params, slot.wrapped, slot.checksum()),
        )

    def delete_slot(self, kind: SlotKind) -> None:
        self._conn.execute("DELETE FROM keyslots WHERE kind = ?", (kind.value,))

    # -- revisions -------------------------------------------------------------

    def read_revisions(self) -> Iterator[StoredRevision]:
        with sqlite_errors():
            rows = self._conn.execute(
                "SELECT seq, record_id, rev, sealed, leaf FROM revisions ORDER BY seq"
            )
            for seq, record_id, rev, sealed, leaf in rows:
                if not (
                    type(seq) is int
                    and type(rev) is int
                    and isinstance(record_id, bytes)
                    and isinstance(leaf, bytes)
                    and (sealed is None or isinstance(sealed, bytes))
                ):  # SQLite's own description of the table was altered
                    raise VaultDamaged("the vault's saved changes cannot be read")
                yield StoredRevision(seq, record_id.hex(), rev, sealed, leaf)

    def append_revision(self, row: StoredRevision) -> None:
        self._conn.execute(
            "INSERT INTO revisions (seq, record_id, rev, sealed, leaf) VALUES (?, ?, ?, ?, ?)",
            (row.seq, bytes.fromhex(row.record_id), row.rev, row.sealed, row.leaf),
        )

    def erase_revision(self, seq: int) -> None:
        """Remove a revision's content for good, keeping its leaf so the tree still verifies."""
        self._conn.execute("UPDATE revisions SET sealed = NULL WHERE seq = ?", (seq,))

    def read_checkpoint(self) -> bytes | None:
        with sqlite_errors():
            row = self._conn.execute("SELECT sealed FROM checkpoint WHERE id = 1").fetchone()
        return None if row is None else bytes(row[0])

    def write_checkpoint(self, sealed: bytes) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO checkpoint (id, sealed) VALUES (1, ?)", (sealed,)
        )

    # -- drafts ---------------------------------------------------------------

    def read_drafts(self) -> list[tuple[str, bytes]]:
        """Every draft as (slot, sealed); none in a file from before drafts existed."""
        with sqlite_errors():
            try:
                rows = self._conn.execute("SELECT slot, sealed FROM drafts ORDER BY slot")
                return [(str(slot), bytes(sealed)) for slot, sealed in rows]
            except sqlite3.OperationalError:  # a read-only 1.1 file, not brought up to date
                return []

    def put_draft(self, slot: str, sealed: bytes) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO drafts (slot, sealed) VALUES (?, ?)", (slot, sealed)
        )

    def delete_draft(self, slot: str) -> None:
        self._conn.execute("DELETE FROM drafts WHERE slot = ?", (slot,))
