"""The vault file: one SQLite database holding only ids, sequence numbers, hashes and ciphertext.

Settings follow SQLite's own durability advice: write-ahead log with
synchronous=FULL, so a committed action survives a power cut; secure_delete so
erased content is overwritten; temp_store=MEMORY so no temporary file is
written; and exclusive locking, so a second copy of the app is told the vault
is in use instead of writing over it. SQLite warns against network drives;
so does docs/security.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion import APP_NAME, backup_files, heads, leftovers, merkle
from companion.attachment_store import AttachmentRows
from companion.durable import sync_folder
from companion.errors import VaultDamaged, VaultExists, VaultNotFound, VaultTooNew
from companion.fingerprint import Fingerprint
from companion.safe_read import loads_or_none
from companion.sqlite_errors import sqlite_errors
from companion.store_rows import StoredRevision, StoreRows
from companion.store_schema import FORMAT, MIGRATIONS, SCHEMA, Header
from companion.wal import has_log, keep_damaged_log

# Where each part of the file is described: its shape and version (store_schema), its rows
# (store_rows, attachment_store) and SQLite's failures in the core's words (sqlite_errors).
__all__ = [
    "FORMAT",
    "Header",
    "Store",
    "StoredRevision",
    "file_bytes",
    "sqlite_errors",
]


def _shorter_than_its_pages(conn: sqlite3.Connection, path: Path) -> bool:
    """Whether the file holds fewer bytes than its pages need (with no log, every page of the
    vault is in the file itself)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return os.stat(path).st_size < pages * size


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"file:{urllib.parse.quote(str(path))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA synchronous=FULL")
        # Take the lock now, so a second copy of the app is told at once.
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


class Store(StoreRows, AttachmentRows):
    """Rows in, rows out. Knows nothing about keys or records."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        # Set when the write-ahead log left by a crash was damaged: where it was kept, and
        # how many committed changes lay beyond the damage.
        self.damaged_log: Path | None = None
        self.lost_changes = 0
        self.had_log = False  # a crash left changes in the write-ahead log

    # -- life cycle --------------------------------------------------------

    @classmethod
    def create(cls, path: Path, header: Header, write: Callable[[Store], None]) -> None:
        """Make a new vault file: built beside `path`, then moved into place whole."""
        if path.exists():
            raise VaultExists()
        with sqlite_errors():
            path.parent.mkdir(parents=True, exist_ok=True)
            leftovers.remove_leftovers(path.parent)  # what a set-up killed halfway left
            # Owner only, and locked while it is built; SQLite's -wal file gets the same
            # permissions.
            temp, lock = leftovers.open_locked(path, "creating")
            conn = _connect(temp, create=True)
            store = cls(conn, temp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                with store.transaction():
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    data = header.encode()
                    conn.execute(
                        "INSERT INTO header (id, data, checksum) VALUES (1, ?, ?)",
                        (data, hashlib.sha256(data).digest()),
                    )
                    write(store)
                conn.close()
                if path.exists():
                    raise VaultExists()
                os.replace(temp, path)
                sync_folder(path.parent)
                os.close(lock)
                leftovers.finished(temp)
            except BaseException:
                os.close(lock)
                leftovers.finished(temp)
                with contextlib.suppress(Exception):
                    conn.close()
                for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-journal")):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
                raise

    @classmethod
    def open(cls, path: Path) -> Store:
        if not path.is_file():
            raise VaultNotFound()
        with sqlite_errors():
            kept, lost = keep_damaged_log(path)
            had_log = has_log(path)
            conn = _connect(path, create=False)
            store = cls(conn, path)
            store.damaged_log, store.lost_changes, store.had_log = kept, lost, had_log
            if kept is not None:
                # Said at once, whatever opened the file: closing it moves the readable part
                # of the log in and empties it, and only this record of the loss remains.
                store._note_damaged_log(kept, lost)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()
                if not ok or ok[0] != "ok":
                    raise VaultDamaged("the database structure is damaged")
                if not had_log and _shorter_than_its_pages(conn, path):
                    # SQLite reads what is missing at the end as zeros: a file cut short
                    # where its last bytes were zeros would otherwise pass every check.
                    raise VaultDamaged("the file is shorter than it says it is")
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            except BaseException:
                conn.close()
                raise
        return store

    def _note_damaged_log(self, kept: Path, lost: int) -> None:
        try:
            vault_id = self.read_header().vault_id
            size = self._conn.execute("SELECT count(*) FROM revisions").fetchone()[0]
        except (VaultDamaged, VaultTooNew, sqlite3.Error):
            vault_id, size = "", 0
        found = heads.Found(vault_id, int(size), file_bytes(self.path), None)
        heads.raise_warning(
            self.path,
            heads.Warning(
                heads.WarningKind.LOG_DAMAGED,
                datetime.now(UTC),
                found,
                kept_as=kept.name,
                lost_changes=lost,
            ),
        )

    @classmethod
    def read_fingerprint(cls, path: Path) -> Fingerprint:
        """The tree head from the stored leaves alone: no key is needed and none is used."""
        store = cls.open(path)
        try:
            store.read_header()  # a file from a newer app is said to be one
            return store.fingerprint()
        finally:
            store.close()

    def fingerprint(self) -> Fingerprint:
        """The tree head from this file's header and stored leaves (no key is needed), of
        whatever format version: a backup copies a file from a newer app as it is."""
        header = self._stored_header()
        leaves = [row.leaf for row in self.read_revisions()]
        return Fingerprint(header.vault_id, len(leaves), merkle.root(leaves))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One action, all or nothing."""
        with sqlite_errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def checkpoint_wal(self) -> None:
        """Move everything from the write-ahead log into the file and empty the log."""
        with sqlite_errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def copy_into(
        self, dest: sqlite3.Connection, progress: backup_files.Progress | None = None
    ) -> None:
        """Every page of the file, as it stands, into `dest` (SQLite's online backup, never a
        copy of the file, which could catch a change half way). This connection holds the
        file's only lock while it is open, so its pages are read through nothing else."""
        with sqlite_errors():
            backup_files.copy_pages(self._conn, dest, progress)

    # -- header and migrations -----------------------------------------------

    def read_header(self) -> Header:
        """The header, checked: a file made by a newer version of the app is refused."""
        header = self._stored_header()
        if header.format > FORMAT:
            raise VaultTooNew()
        return header

    def _stored_header(self) -> Header:
        """The header as stored, whatever format version it says."""
        with sqlite_errors():
            try:
                row = self._conn.execute(
                    "SELECT data, checksum FROM header WHERE id = 1"
                ).fetchone()
            except sqlite3.OperationalError:
                raise VaultDamaged("the file is not a vault") from None
        if row is None:
            raise VaultDamaged("the vault's header is missing")
        data, checksum = bytes(row[0]), bytes(row[1])
        if hashlib.sha256(data).digest() != checksum:
            raise VaultDamaged("the vault's header is damaged")
        try:
            obj: dict[str, Any] = loads_or_none(data)
            if obj["app"] != APP_NAME:
                raise VaultDamaged("the file belongs to another program")
            major, minor = obj["format"]
            if type(major) is not int or type(minor) is not int:
                raise TypeError("format")
            vault_id = str(obj["vault_id"])
        except (ValueError, KeyError, TypeError):
            raise VaultDamaged("the vault's header cannot be read") from None
        return Header(vault_id, (major, minor))

    def migrate(self, header: Header) -> Header:
        """Bring an older format 1 file up to date; a no-op for a current one."""
        if header.format == FORMAT:
            return header
        with self.transaction():
            minor = header.format[1]
            while minor < FORMAT[1]:
                MIGRATIONS[minor](self._conn)
                minor += 1
            new = Header(header.vault_id, FORMAT)
            data = new.encode()
            self._conn.execute(
                "UPDATE header SET data = ?, checksum = ? WHERE id = 1",
                (data, hashlib.sha256(data).digest()),
            )
        return new


def file_bytes(path: Path) -> int:
    """The vault's size on disk: the file and its write-ahead log."""
    total = 0
    for part in (path, Path(f"{path}-wal")):
        with contextlib.suppress(OSError):
            total += part.stat().st_size
    return total
