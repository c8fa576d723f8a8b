"""Hidden files the app writes beside a file it is making, and what a crash leaves of them.

An export is written as ".NAME.8HEX.part" and a new vault is built as
".NAME.8HEX.creating" (with SQLite's "-wal" or "-journal" beside it), then moved
into place whole. Each such file is locked (flock) from the moment it exists until
it has been moved. If the app is killed halfway, the lock goes with it: a file of
exactly this naming that can be locked is a leftover, and is removed the next time
the app writes to that folder or starts (companion.hardening). An export's leftover
holds plaintext, so this matters. On Windows, where an open file cannot be removed,
removing it is the test.

So that a leftover is removed at the next start wherever it was written (an
export to a USB stick, say), the full name of each hidden file is noted in the
app's settings folder while it is being written (`writing.json`, owner-only; a
name, never any content) and taken off once it is moved into place or removed. The
name is noted before the file is made: a kill between the two leaves a noted name
and no file, which the next start simply drops, never a file nobody noted.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from companion import paths
from companion.errors import StorageFailed
from companion.safe_read import loads_or_none

_HIDDEN = re.compile(
    r"\.(?P<name>.+)\.[0-9a-f]{8}\.(?P<kind>part|creating)(?P<beside>-wal|-journal)?", re.DOTALL
)
_TRIES = 5


def is_leftover_name(name: str) -> bool:
    """Whether `name` is a file the app makes while it writes (an export or a new vault)."""
    return _HIDDEN.fullmatch(name) is not None


def remove_leftovers(folder: Path) -> int:
    """Remove what a write that was killed halfway left in `folder`: files of exactly the
    app's naming, ordinary, owned by this user and not being written by anyone now.
    Returns how many were removed; a folder that cannot be read is left alone."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return 0
    removed = 0
    for name in names:
        match = _HIDDEN.fullmatch(name)
        if match is None:
            continue
        if match["beside"]:
            # SQLite's file beside a vault being built: a leftover once the vault file it
            # belongs to is gone (removed below, or never there).
            if not (folder / name.removesuffix(match["beside"])).exists():
                removed += _remove_if_abandoned(folder / name, lockable=False)
            continue
        removed += _remove_if_abandoned(folder / name)  # before its "-wal": names are sorted
    return removed


def _remove_if_abandoned(path: Path, *, lockable: bool = True) -> bool:
    if fcntl is None:
        try:
            os.remove(path)
        except OSError:
            return False
        return True
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        descriptor = os.open(path, flags)
    except OSError:  # gone already, a link, or not ours to open
        return False
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_nlink != 1:
            return False
        if lockable:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # locked: being written right now
                return False
        now = os.lstat(path)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


def open_locked(path: Path, kind: str) -> tuple[Path, int]:
    """A new, empty, owner-only hidden file beside `path` (`kind` is "part" or "creating"),
    locked until it is closed; returns its path and an open descriptor for writing.

    Its name is noted before the file is made, so a kill at any moment, even between
    naming it and locking it, leaves nothing the next start cannot find and remove."""
    for _ in range(_TRIES):
        temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.{kind}")
        _note(temp, writing=True)
        try:
            descriptor = os.open(temp, _NEW_FILE, 0o600)
        except BaseException:
            finished(temp)
            raise
        if fcntl is None or _locked(descriptor, temp):
            return temp, descriptor
        # Taken for a leftover in the instant before it was locked (or it cannot be locked
        # here): try another name, leaving nothing of this one.
        _remove_own(descriptor, temp)
        os.close(descriptor)
        finished(temp)
    raise StorageFailed(f"{kind} file")


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _locked(descriptor: int, temp: Path) -> bool:
    """Lock the file just made, and check it is still the one at its name."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        made = os.fstat(descriptor)
        now = os.lstat(temp)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (made.st_dev, made.st_ino)


def _remove_own(descriptor: int, temp: Path) -> None:
    """Remove the file at `temp` if it is still the one open as `descriptor`."""
    with contextlib.suppress(OSError):
        made, now = os.fstat(descriptor), os.lstat(temp)
        if (now.st_dev, now.st_ino) == (made.st_dev, made.st_ino):
            os.unlink(temp)


# -- the note of hidden files being written ---------------------------------------------


def _record() -> Path:
    return paths.config_dir() / "writing.json"


def _noted() -> list[str]:
    try:
        raw = _record().read_bytes()[: 1 << 20]
    except OSError:
        return []
    names = loads_or_none(raw)
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _save_note(names: list[str]) -> None:
    record = _record()
    with contextlib.suppress(OSError):  # the note helps; failing to keep it loses only that
        if not names:
            record.unlink(missing_ok=True)
            return
        paths.private_dir(record.parent)
        temp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            json.dump(names, handle)
        os.replace(temp, record)


def _note(path: Path, *, writing: bool) -> None:
    name = os.path.abspath(path)
    names = [n for n in _noted() if n != name]
    if writing:
        names.append(name)
    _save_note(names)


def finished(path: Path) -> None:
    """The hidden file `path` was moved into place or removed: it is no longer noted."""
    _note(path, writing=False)


def remove_noted_leftovers() -> int:
    """At start: remove every noted hidden file whose writer has gone, wherever it is."""
    removed = 0
    keep = []
    for name in _noted():
        path = Path(name)
        if not is_leftover_name(path.name) or not os.path.lexists(path):
            continue
        if _remove_if_abandoned(path):
            removed += 1
        else:
            keep.append(name)  # still being written by a live copy of the app
    _save_note(keep)
    return removed
