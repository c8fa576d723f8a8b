"""The file handling backups and restores share: SQLite addresses, a hidden file given up,
a move made to last, and an operating system's refusal in the core's words."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from companion import leftovers

PAGES_PER_STEP = 256  # pages copied between two reports of progress (1 MiB at 4 KiB a page)

Progress = Callable[[int, int], None]


def sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?mode={mode}"


def new_copy(temp: Path) -> sqlite3.Connection:
    """A connection to the hidden file the pages are copied into. It keeps no journal of
    its own: until it is whole and moved into place it is nobody's vault, and a kill then
    leaves only the hidden file, which is removed as a leftover."""
    conn = sqlite3.connect(sqlite_uri(temp, "rw"), uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
    except BaseException:
        conn.close()
        raise
    return conn


def standalone(descriptor: int) -> None:
    """Mark a copied vault as one file on its own, kept with a rollback journal rather than
    a write-ahead log beside it (bytes 18 and 19 of SQLite's header: 1 for a journal, 2
    for a log). The copy has no log, so nothing else changes; opened afterwards, it makes no
    file beside itself, and a stick it is on can be taken out once it is written."""
    if hasattr(os, "pwrite"):
        os.pwrite(descriptor, b"\x01\x01", 18)
    else:  # Windows
        os.lseek(descriptor, 18, os.SEEK_SET)
        os.write(descriptor, b"\x01\x01")


def sqlite_progress(progress: Progress | None) -> Callable[[int, int, int], None] | None:
    """SQLite's report of a copy's progress, as (pages done, pages in all)."""
    if progress is None:
        return None

    def step(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)  # may raise Cancelled: the copy stops there

    return step


def copy_pages(
    source: sqlite3.Connection, dest: sqlite3.Connection, progress: Progress | None
) -> None:
    """Every page of `source` into `dest` through SQLite's online backup, a step at a time,
    `progress` told after each step (pages done, pages in all; it may raise to stop)."""
    source.backup(dest, pages=PAGES_PER_STEP, progress=sqlite_progress(progress))


def discard(temp: Path, lock: int) -> None:
    """Remove a hidden file being written (and SQLite's files beside it), and unlock it."""
    for leftover in (temp, *(Path(f"{temp}{end}") for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink()
    with contextlib.suppress(OSError):
        os.close(lock)
    leftovers.finished(temp)
