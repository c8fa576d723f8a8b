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
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion import APP_NAME, heads, leftovers, merkle, wal
from companion.attachment_store import PARTS_TABLE, AttachmentRows
from companion.errors import (
    StorageFailed,
    StorageFull,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultNotFound,
    VaultTooNew,
)
from companion.fingerprint import Fingerprint
from companion.keyslots import Keyslot, SlotKind
from companion.safe_read import loads_or_none

# 1.1: records may hold the fields and choices of log version 2, and the keeper; an
# older app refuses such a file as too new rather than reading it as damaged.
# 1.2: the drafts table (half-written forms, sealed; never part of the record).
# 1.3: attachment records and the attachment_parts table that holds their sealed content.
FORMAT = (1, 3)

SCHEMA = """
CREATE TABLE header (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data BLOB NOT NULL,
    checksum BLOB NOT NULL
);
CREATE TABLE keyslots (
    kind TEXT PRIMARY KEY,
    params BLOB NOT NULL,
    wrapped BLOB NOT NULL,
    checksum BLOB NOT NULL
);
CREATE TABLE revisions (
    seq INTEGER PRIMARY KEY,
    record_id BLOB NOT NULL,
    rev INTEGER NOT NULL,
    sealed BLOB,
    leaf BLOB NOT NULL
);
CREATE TABLE checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sealed BLOB NOT NULL
);
CREATE TABLE drafts (
    slot TEXT PRIMARY KEY,
    sealed BLOB NOT NULL
);
CREATE TABLE attachment_parts (
    attachment_id BLOB NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (attachment_id, part)
);
"""

DRAFTS_TABLE = "CREATE TABLE IF NOT EXISTS drafts (slot TEXT PRIMARY KEY, sealed BLOB NOT NULL)"

# Steps that bring an older minor version of format 1 up to date, keyed by the
# minor version they start from. Each runs inside the opening transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: lambda _conn: None,  # 1.0 to 1.1: nothing stored changes shape; only the header says 1.1
    1: lambda conn: conn.execute(DRAFTS_TABLE),  # 1.1 to 1.2: a place for drafts
    2: lambda conn: conn.execute(PARTS_TABLE),  # 1.2 to 1.3: a place for attachments' content
}


@dataclass(frozen=True)
class StoredRevision:
    """A revision row: its place, which record and revision it is, its ciphertext and leaf."""

    seq: int
    record_id: str
    rev: int
    sealed: bytes | None  # None once erased by a purge
    leaf: bytes


@dataclass(frozen=True)
class Header:
    vault_id: str
    format: tuple[int, int]

    def encode(self) -> bytes:
        data = {"app": APP_NAME, "format": list(self.format), "vault_id": self.vault_id}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def _translate(exc: sqlite3.Error) -> Exception:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return VaultInUse()
    if primary == sqlite3.SQLITE_FULL or "full" in text:
        return StorageFull()
    if primary in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT) or "not a database" in text:
        return VaultDamaged("the file is not a readable vault")
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
        return StorageFailed(type(exc).__name__)
    return VaultDamaged("the file could not be read as a vault")


@contextlib.contextmanager
def sqlite_errors() -> Iterator[None]:
    """Turn SQLite's and the OS's failures into the core's typed errors."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _translate(exc) from exc
    except UnicodeDecodeError as exc:  # damaged text in SQLite's own pages (its schema)
        raise VaultDamaged("the file could not be read as a vault") from exc
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise StorageFull() from exc
        raise StorageFailed(type(exc).__name__) from exc


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


class Store(AttachmentRows):
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
                _fsync_dir(path.parent)
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
            kept, lost = _keep_damaged_log(path)
            had_log = _has_log(path)
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
            header = store.read_header()
            leaves = [row.leaf for row in store.read_revisions()]
        finally:
            store.close()
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

    # -- header and migrations -----------------------------------------------

    def read_header(self) -> Header:
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
        if (major, minor) > FORMAT:
            raise VaultTooNew()
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


def file_bytes(path: Path) -> int:
    """The vault's size on disk: the file and its write-ahead log."""
    total = 0
    for part in (path, Path(f"{path}-wal")):
        with contextlib.suppress(OSError):
            total += part.stat().st_size
    return total


def _has_log(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _keep_damaged_log(path: Path) -> tuple[Path | None, int]:
    """Before SQLite reads a leftover write-ahead log, check it; if committed changes lie
    beyond damage (which SQLite would silently skip), keep a copy of the log aside.

    Returns where the copy was kept and how many committed changes it holds beyond
    the damage; (None, 0) for a sound log or none. The copy holds only ciphertext.
    """
    log = Path(f"{path}-wal")
    try:
        if log.stat().st_size == 0:
            return None, 0
    except FileNotFoundError:
        return None, 0
    state = wal.inspect(log)
    if not state.damaged:
        return None, 0
    data = log.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    kept = path.with_name(f"{path.name}.damaged-log-{digest}")
    if not kept.exists():
        temp = kept.with_name(f".{kept.name}.{os.urandom(4).hex()}.part")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, kept)
        _fsync_dir(path.parent)
    return kept, state.lost_commits


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
