"""Evidence files kept with an entry: reading a file in to attach it, and writing a copy out.

What is stored and how it is sealed: companion/attachment_chunks.py (the content, in
chunks) and companion/model.py's Attachment (the record, a revision like any other, whose
SHA-256 ties the fingerprint to the content). The vault's side of it (attach, list, read,
verify, purge) is companion/attachment_vault.py. Here: opening a file to attach without
ever reading it whole, and writing a decrypted copy only where the person chose, whole or
not at all, as an export is written (companion/durable.py's write_whole), a chunk at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from companion.durable import storage_error as _storage_error
from companion.durable import write_whole
from companion.errors import (
    AttachmentDamaged,
    Cancelled,
    ChunkProblem,
    EmptyFile,
    InvalidInput,
    SourceChanged,
    StorageFailed,
)
from companion.leftovers import open_locked

Progress = Callable[[int, int], None]  # (bytes done, bytes in all); may raise to stop
StopAsked = Callable[[], bool]  # True once the person has asked to stop

# The most one attachment may be: far beyond any recording of an interview, but short of
# a disk image picked by mistake.
MOST_BYTES = 4 * 10**9
MAX_NAME = 255
MAX_DESCRIPTION = 2_000


@dataclass
class Source:
    """A file opened to be attached: its name (without its folder), size and open handle."""

    name: str
    size: int
    handle: BinaryIO


@contextlib.contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """Open an ordinary file to attach, without reading it: a folder, a pipe or a device is
    refused in one sentence (a pipe would otherwise hang the app), and so are an empty file
    and one larger than MOST_BYTES. The same refusals as companion/safe_read.read_file, for
    a file read a chunk at a time instead of whole."""
    if not str(path) or str(path) == ".":
        raise InvalidInput("", "file", "", "the name of a file")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InvalidInput("", "file", str(path), "a file that exists") from None
    except IsADirectoryError:
        raise InvalidInput("", "file", str(path), "a file, not a folder") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput("", "file", str(path), "a file, not a folder")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput("", "file", str(path), "an ordinary file (not a device or a pipe)")
        if info.st_size == 0:
            raise EmptyFile(path.name)
        if info.st_size > MOST_BYTES:
            raise InvalidInput("", "file", path.name, "a file smaller than 4 GB")
        handle = os.fdopen(descriptor, "rb", buffering=0)
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        yield Source(path.name, info.st_size, handle)  # type: ignore[arg-type]


def check_name(name: str) -> str:
    """A file's name as it will be kept: its last part only, one line, not too long."""
    kept = " ".join(Path(name.replace("\\", "/")).name.split())
    if not kept or kept in (".", ".."):
        raise InvalidInput("", "name", name, "a file name")
    if len(kept) > MAX_NAME:
        raise InvalidInput("", "name", kept[:40] + "...", f"at most {MAX_NAME} characters")
    return kept


def check_description(text: str) -> str:
    if len(text) > MAX_DESCRIPTION:
        raise InvalidInput(
            "", "description", text[:40] + "...", f"at most {MAX_DESCRIPTION:,} characters"
        )
    return text


def read_exactly(source: Source, chunk: int) -> Iterator[bytes]:
    """The file's bytes in pieces of `chunk` (the last may be shorter), checking that it
    holds exactly the size it had when opened: a file still being written (a recording
    being copied in) is refused rather than kept half."""
    left = source.size
    while left > 0:
        want = min(chunk, left)
        piece = _read_full(source.handle, want)
        if len(piece) != want:
            raise SourceChanged(source.name)
        left -= want
        yield piece
    if source.handle.read(1):
        raise SourceChanged(source.name)


def _read_full(handle: BinaryIO, want: int) -> bytes:
    pieces = []
    got = 0
    while got < want:
        try:
            piece = handle.read(want - got)
        except BlockingIOError:  # an ordinary file never blocks; be safe all the same
            continue
        except OSError as exc:
            raise _storage_error(exc) from exc
        if not piece:
            break
        pieces.append(piece)
        got += len(piece)
    return b"".join(pieces)


def check_stop(progress: Progress | None, stop: StopAsked | None, done: int, total: int) -> None:
    if stop is not None and stop():
        raise Cancelled()
    if progress is not None:
        progress(done, total)


class Hashed:
    """Checks plaintext chunks against the size and SHA-256 recorded at capture as they
    pass; raises AttachmentDamaged at the end if the whole is not the file recorded."""

    def __init__(self, attachment_id: str, size: int, sha256: str) -> None:
        self.attachment_id, self.size, self.sha256 = attachment_id, size, sha256

    def through(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        digest = hashlib.sha256()
        seen = 0
        for chunk in chunks:
            seen += len(chunk)
            if seen > self.size:
                raise AttachmentDamaged(self.attachment_id, ChunkProblem.DIFFERENT)
            digest.update(chunk)
            yield chunk
        if seen != self.size or digest.hexdigest() != self.sha256:
            raise AttachmentDamaged(self.attachment_id, ChunkProblem.DIFFERENT)


def write_copy(
    path: Path,
    chunks: Iterable[bytes],
    total: int,
    progress: Progress | None = None,
    stop: StopAsked | None = None,
) -> None:
    """Write plaintext chunks to `path` whole or not at all, as every such file is written
    (companion/durable.py's write_whole): moved into place only once every chunk has been
    checked, so a damaged attachment, a full disk, a stop or a kill leaves nothing there
    (what a kill leaves beside it is removed at the next start, see companion/leftovers.py)."""

    def after_chunk(done: int) -> None:
        check_stop(progress, stop, done, total)

    # The hidden file is made through this module's name for it (where a full disk can be
    # put in its place).
    write_whole(path, chunks, after_chunk, open_locked)
