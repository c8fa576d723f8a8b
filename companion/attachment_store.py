"""The rows that hold attachments' sealed content: a part of `Store` (companion/store.py).

An attachment's sealed chunks (companion/attachment_chunks.py) are stored in order in
rows of `attachment_parts`, each row (a part) holding up to CHUNKS_PER_PART whole chunks.
A part is made at its full length (SQLite's zeroblob) and filled, and later read, a chunk
at a time through SQLite's incremental blob I/O, so neither writing nor reading ever holds
more than one chunk in memory, and no value comes near SQLite's limit of 1 GB for one value
however large the file. Like every other table, these rows hold ids, numbers and
ciphertext only.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

PARTS_TABLE = (
    "CREATE TABLE IF NOT EXISTS attachment_parts (attachment_id BLOB NOT NULL, "
    "part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (attachment_id, part))"
)


@dataclass(frozen=True)
class StoredPart:
    """One row of an attachment's content: where it is, its place in order and its length."""

    rowid: int
    part: int
    length: int


class AttachmentRows:
    """Rows in, rows out for attachments' content (mixed into Store). Raises sqlite3's own
    errors; callers wrap them in store.sqlite_errors()."""

    _conn: sqlite3.Connection

    def add_part(self, attachment_id: str, part: int, length: int) -> int:
        """A new row of `length` zero bytes for one part; returns its rowid, to fill it."""
        cursor = self._conn.execute(
            "INSERT INTO attachment_parts (attachment_id, part, data) VALUES (?, ?, zeroblob(?))",
            (bytes.fromhex(attachment_id), part, length),
        )
        return int(cursor.lastrowid or 0)

    @contextlib.contextmanager
    def part_writer(self, rowid: int) -> Iterator[sqlite3.Blob]:
        """The part's bytes, open for writing in place (inside the caller's transaction)."""
        with self._conn.blobopen("attachment_parts", "data", rowid, readonly=False) as blob:
            yield blob

    @contextlib.contextmanager
    def part_reader(self, rowid: int) -> Iterator[sqlite3.Blob]:
        blob = self._conn.blobopen("attachment_parts", "data", rowid, readonly=True)
        try:
            yield blob
        finally:
            # A reader left part way (a damaged chunk, or the vault locked meanwhile) is let go
            # quietly: there is nothing left to read, and closing cannot lose anything.
            with contextlib.suppress(sqlite3.Error):
                blob.close()

    def parts_of(self, attachment_id: str) -> list[StoredPart]:
        """An attachment's parts in order; none in a file from before attachments existed."""
        try:
            rows = self._conn.execute(
                "SELECT rowid, part, length(data) FROM attachment_parts "
                "WHERE attachment_id = ? ORDER BY part",
                (bytes.fromhex(attachment_id),),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # a read-only 1.2 file, not brought up to date
                return []
            raise
        return [StoredPart(int(r), int(p), int(n)) for r, p, n in rows]

    def attachment_ids_stored(self) -> set[str]:
        """Every attachment id that has content stored."""
        try:
            rows = self._conn.execute("SELECT DISTINCT attachment_id FROM attachment_parts")
            return {r[0].hex() if isinstance(r[0], bytes) else str(r[0]) for r in rows}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return set()
            raise

    def delete_parts(self, attachment_id: str) -> None:
        """Remove an attachment's content (secure_delete overwrites the freed pages)."""
        self._conn.execute(
            "DELETE FROM attachment_parts WHERE attachment_id = ?", (bytes.fromhex(attachment_id),)
        )
