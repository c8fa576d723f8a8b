"""The file handling backups and restores share: SQLite addresses, a hidden file given up,
a move made to last, and an operating system's refusal in the core's words."""

from __future__ import annotations

import contextlib
import errno
import os
import urllib.parse
from pathlib import Path

from companion import leftovers
from companion.errors import StorageFailed, StorageFull


def sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?mode={mode}"


def discard(temp: Path, lock: int) -> None:
    """Remove a hidden file being written (and SQLite's files beside it), and unlock it."""
    for leftover in (temp, *(Path(f"{temp}{end}") for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink()
    with contextlib.suppress(OSError):
        os.close(lock)
    leftovers.finished(temp)


def storage_error(exc: OSError) -> StorageFull | StorageFailed:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StorageFull()
    return StorageFailed(type(exc).__name__)


def fsync_dir(folder: Path) -> None:
    """Make a move into `folder` last through a power cut (where a folder can be opened)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
