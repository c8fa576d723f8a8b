"""An attachment's content, sealed in chunks of 64 KiB as the age format does it.

Each chunk is sealed on its own with AES-256-GCM under a fresh random 96-bit nonce
(companion/crypto.py's Box), so a file of any size is sealed and opened a chunk at a time
in flat memory. The associated data of each chunk (length-prefixed, like a revision's)
binds the app, the format's major version, the vault, the attachment, the chunk's number
and whether it is the last one:

    app tag, 1, "attachment chunk", vault id, attachment id, chunk number, last (1 or 0)

So a chunk changed by one byte, two chunks swapped, a chunk moved in from another
attachment or another vault, and content cut short at a chunk's edge (the chunk before it
was not sealed as the last) each fail to open. The last chunk is never empty, and an empty
file is never stored (it is refused before anything is written), so every attachment ends
in exactly one chunk marked last and "the data ended" never passes for "the file ended".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from companion.crypto import APP_TAG, NONCE_BYTES, Box, OpenFailed, associated_data
from companion.errors import AttachmentDamaged, ChunkProblem
from companion.revisions import FORMAT_MAJOR

CHUNK = 64 * 1024  # plaintext bytes in every chunk but the last
OVERHEAD = NONCE_BYTES + 16  # the nonce before, the tag after
SEALED_CHUNK = CHUNK + OVERHEAD
CHUNKS_PER_PART = 64  # sealed chunks in one stored row (about 4 MiB)
PART_BYTES = CHUNKS_PER_PART * SEALED_CHUNK


def chunk_ad(vault_id: str, attachment_id: str, index: int, last: bool) -> bytes:
    return associated_data(
        APP_TAG, FORMAT_MAJOR, "attachment chunk", vault_id, attachment_id, index, int(last)
    )


def chunk_count(size: int) -> int:
    """How many chunks a file of `size` bytes (at least 1) is sealed in."""
    return -(-size // CHUNK)


def sealed_size(size: int) -> int:
    return size + chunk_count(size) * OVERHEAD


def part_lengths(size: int) -> list[int]:
    """The length of each stored row for a file of `size` bytes: whole chunks only."""
    total = sealed_size(size)
    return [min(PART_BYTES, total - start) for start in range(0, total, PART_BYTES)]


def seal_chunk(
    box: Box, vault_id: str, attachment_id: str, index: int, last: bool, plain: bytes
) -> bytes:
    return box.seal(plain, chunk_ad(vault_id, attachment_id, index, last))


def _open(box: Box, sealed: bytes, vault_id: str, attachment_id: str, index: int, last: bool):
    """The chunk's plaintext, or None if it does not open as chunk `index` with that flag."""
    try:
        return box.open(sealed, chunk_ad(vault_id, attachment_id, index, last))
    except OpenFailed:
        return None


def open_chunks(
    box: Box, vault_id: str, attachment_id: str, pieces: Iterable[tuple[bytes, bool]]
) -> Iterator[bytes]:
    """Open stored chunks in order, yielding each plaintext once it has been authenticated.

    `pieces` gives each sealed chunk as stored, with whether it is the last thing stored.
    Raises AttachmentDamaged at the first chunk that is wrong, saying how: one that opens
    only as another place's chunk, content that ends without its last chunk, or anything
    stored after the last. The caller compares the whole with the recorded size and hash.
    """
    index = -1
    for index, (sealed, final) in enumerate(pieces):
        plain = _open(box, sealed, vault_id, attachment_id, index, final)
        if plain is not None and (not final or plain):
            yield plain
            if final:
                return
            continue
        if final and _open(box, sealed, vault_id, attachment_id, index, False) is not None:
            raise AttachmentDamaged(attachment_id, ChunkProblem.TRUNCATED, index + 1)
        if not final and _open(box, sealed, vault_id, attachment_id, index, True) is not None:
            raise AttachmentDamaged(attachment_id, ChunkProblem.EXTRA, index + 1)
        raise AttachmentDamaged(attachment_id, ChunkProblem.UNREADABLE, index)
    raise AttachmentDamaged(
        attachment_id, ChunkProblem.MISSING if index < 0 else ChunkProblem.TRUNCATED
    )
