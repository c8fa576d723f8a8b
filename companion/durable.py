"""What every whole-or-nothing write shares: where a file may be written (check_place), a
file written whole or not at all from its bytes a piece at a time (write_whole), a full disk
(or quota) said as such, and a move into a folder made to last through a power cut.

A file is written into a hidden, owner-only, locked file beside its place
(`.NAME.8HEX.part`, see companion/leftovers.py), flushed to the disk and moved into place
only once every piece is in: a failure, a stop or a kill leaves nothing at the place, and
what a kill leaves beside it is removed the next time (that folder is written to, or the
app starts). Only a new name or an ordinary file is ever written: never a device, a pipe,
a folder or through a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

from companion.errors import InvalidInput, StorageFailed, StorageFull
from companion.leftovers import finished, open_locked, remove_leftovers

AfterPiece = Callable[[int], None]  # told the bytes written so far; raising in it stops


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


# -- where a file may be written -------------------------------------------------------------


def _refuse(path: Path, expected: str) -> NoReturn:
    raise InvalidInput("", "file", str(path), expected)


def check_place(path: Path, unnamed: str = "the name of a file to write") -> os.stat_result | None:
    """Refuse, in one sentence, a place a file must not be written: nothing named (said as
    `unnamed` expects), a folder, a device, a pipe, a socket, a link (never followed), or a
    name in a folder that does not exist. A new name, or an ordinary file to replace, is
    accepted; returns what is there now (None for a new name)."""
    if str(path) in ("", "."):  # an empty name reaches here as ".", this folder
        raise InvalidInput("", "file", "", unnamed)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        _refuse(path, "a file in a folder that exists")
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    if info is not None:
        kind = not_ordinary(info.st_mode)
        if kind:
            _refuse(path, f"a new file or an ordinary one, not {kind}")
    if not path.parent.is_dir():
        _refuse(path, "a file in a folder that exists")
    return info


def check_not_the_vault(path: Path, vault_path: Path) -> None:
    """Refuse the vault itself (by any name of it) or SQLite's files beside it as a place to
    write: a copy written over them would destroy the records it was made from."""
    own = vault_path.resolve()
    beside = {own, *(Path(f"{own}{end}") for end in ("-wal", "-shm", "-journal"))}
    same = False
    if os.path.lexists(path) and vault_path.exists():
        with contextlib.suppress(OSError):
            same = os.path.samefile(path, vault_path)
    if same or path.resolve() in beside:
        _refuse(path, "a file other than the vault itself")


def not_ordinary(mode: int) -> str:
    """What a thing that is not an ordinary file is, in words; "" for an ordinary file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISLNK(mode):
        return "a link (links are not followed)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


# -- writing one -----------------------------------------------------------------------------


def write_whole(
    path: Path,
    pieces: Iterable[bytes],
    after_piece: AfterPiece | None = None,
    open_hidden: Callable[[Path, str], tuple[Path, int]] = open_locked,
) -> None:
    """Write `pieces` to `path` whole, or not at all, readable by its owner only (a file
    replaced too, whatever it allowed before). `after_piece` is told how many bytes are
    written after each piece; raising in it (a stop asked for), or in `pieces` (a damaged
    source), leaves nothing at `path` and nothing beside it. `open_hidden` makes the hidden
    file beside it (companion/leftovers.py's open_locked; a caller may name its own)."""
    check_place(path)
    remove_leftovers(path.parent)
    try:
        temp, descriptor = open_hidden(path, "part")
    except OSError as exc:
        raise storage_error(exc) from exc
    try:
        handle = open(descriptor, "wb")  # noqa: SIM115 (closed below, after the move)
        try:
            done = 0
            for piece in pieces:
                handle.write(piece)
                done += len(piece)
                if after_piece is not None:
                    after_piece(done)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # whatever the umask or the file replaced
            os.fsync(handle.fileno())
            if os.name != "posix":
                handle.close()  # Windows moves only a closed file
            check_place(path)  # still nothing, or an ordinary file, just before the move
            os.replace(temp, path)  # while still locked: never a leftover to anyone
        finally:
            handle.close()
        finished(temp)
        sync_folder(path.parent)
    except BaseException as exc:  # a stop or a kill too: no plaintext left behind
        with contextlib.suppress(OSError):
            temp.unlink()
        finished(temp)
        if isinstance(exc, OSError):
            raise storage_error(exc) from exc
        raise
