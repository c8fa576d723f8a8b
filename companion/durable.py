"""What every whole-or-nothing write shares: a full disk (or quota) said as such, and a move
into a folder made to last through a power cut."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from companion.errors import StorageFailed, StorageFull


def storage_error(exc: OSError) -> StorageFull | StorageFailed:
    """The error to give for a failed write: a full disk or quota, or any other failure."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StorageFull()
    return StorageFailed(type(exc).__name__)


def sync_folder(folder: Path) -> None:
    """Make a move into `folder` last through a power cut (where a folder can be opened)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
