"""SQLite's and the operating system's failures, in the core's typed errors: a vault open
elsewhere, a full disk, a damaged file, or a file that could not be read or written."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from companion.errors import StorageFailed, StorageFull, VaultDamaged, VaultInUse


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
