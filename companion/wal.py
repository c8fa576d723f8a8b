"""Noticing a damaged write-ahead log before SQLite quietly reads past the damage.

After a crash, the vault's most recent saves may still be in its write-ahead
log (the `-wal` file beside it). When SQLite next opens the vault it replays
the log up to the first frame whose checksum fails and silently ignores the
rest, so one damaged byte there would drop saved notes without a word. This
module reads the log's frames as SQLite's file format documents them
(https://sqlite.org/fileformat2.html#walformat) and says whether any
committed change lies beyond the damage, so the app can keep the log aside
and tell the person.

A log being written by a crash or a power cut ends in frames of an
uncommitted change; those are not damage, and SQLite is right to ignore them.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from companion.durable import sync_folder

HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_MAGIC_LITTLE = 0x377F0682  # checksums over little-endian words
_MAGIC_BIG = 0x377F0683  # checksums over big-endian words
_VERSION = 3007000
MAX_CHECKED_BYTES = 1 << 30  # a leftover log this large is unheard of; not read into memory


@dataclass(frozen=True)
class LogState:
    frames: int  # whole frames in the file
    replayed: int  # frames SQLite will use: up to the last commit before any damage
    lost_commits: int  # committed changes beyond the damage, which SQLite would ignore

    @property
    def damaged(self) -> bool:
        return self.lost_commits > 0


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _page_size(raw: int) -> int | None:
    size = 65536 if raw == 1 else raw
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


def inspect(path: Path) -> LogState:
    """Read a write-ahead log and count the committed changes SQLite would not replay."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_CHECKED_BYTES)
    if len(data) < HEADER_BYTES:
        return LogState(0, 0, 0)  # never got as far as a frame
    magic, version, raw_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    page = _page_size(raw_size)
    big = magic == _MAGIC_BIG
    header_ok = (
        magic in (_MAGIC_LITTLE, _MAGIC_BIG)
        and version == _VERSION
        and page is not None
        and _checksum(data[:24], big, 0, 0) == (c1, c2)
    )
    if page is None:
        # Without a page size the frames cannot be found; a log with more than a header
        # in it held something.
        return LogState(0, 0, 1 if len(data) > HEADER_BYTES + FRAME_HEADER_BYTES else 0)
    if not header_ok:
        # SQLite ignores a log whose header is damaged, every change in it included.
        step = FRAME_HEADER_BYTES + page
        frames = (len(data) - HEADER_BYTES) // step
        commits = sum(
            struct.unpack(">I", data[HEADER_BYTES + n * step + 4 : HEADER_BYTES + n * step + 8])[0]
            != 0
            for n in range(frames)
        )
        return LogState(frames, 0, commits)
    step = FRAME_HEADER_BYTES + page
    frames = (len(data) - HEADER_BYTES) // step
    s0, s1 = c1, c2
    replayed = good = 0
    chain_ok = True
    lost = 0
    for n in range(frames):
        start = HEADER_BYTES + n * step
        head = data[start : start + FRAME_HEADER_BYTES]
        _pgno, commit, f_salt1, f_salt2, f1, f2 = struct.unpack(">6I", head)
        ours = (f_salt1, f_salt2) == (salt1, salt2)
        # A frame with one salt of this generation and one not is this log's frame with a
        # damaged salt (an older generation differs in both: SQLite changes both on reset).
        damaged_salt = (f_salt1 == salt1) != (f_salt2 == salt2)
        if chain_ok and ours:
            s0, s1 = _checksum(head[:8], big, s0, s1)
            s0, s1 = _checksum(data[start + FRAME_HEADER_BYTES : start + step], big, s0, s1)
            if (s0, s1) == (f1, f2):
                good += 1
                if commit:
                    replayed = good
                continue
        chain_ok = False
        # Beyond the damage: a frame of this log's generation that ends a change means a
        # committed change SQLite will drop. (Frames of an older generation are leftovers.)
        if (ours or damaged_salt) and commit:
            lost += 1
    return LogState(frames, replayed, lost)


def has_log(path: Path) -> bool:
    """Whether a crash left changes in the vault's write-ahead log (a `-wal` file not empty)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def keep_damaged_log(path: Path) -> tuple[Path | None, int]:
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
    state = inspect(log)
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
        sync_folder(path.parent)
    return kept, state.lost_commits
