"""Shared by the attachment tests: a vault with an entry, files to attach, and a way to alter an
attachment's stored chunks directly in the file, as someone with the file but not the key could."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from companion.attachment_chunks import CHUNKS_PER_PART, SEALED_CHUNK
from companion.vault import Vault
from tests.builders import make_appointment, make_person


def entry_in(vault: Vault, name: str = "Alex Example") -> str:
    """A person with one appointment; returns the appointment's id."""
    person = vault.save(make_person(display_name=name)).record
    return vault.save(make_appointment(person.id)).record.id


def a_file(folder: Path, size: int, name: str = "interview.mp3", seed: int = 1) -> Path:
    """A file of `size` bytes that differ from chunk to chunk (so swapped chunks differ)."""
    path = folder / name
    block = bytes((seed * 31 + n) % 251 for n in range(251))
    data = (block * (size // len(block) + 1))[:size]
    path.write_bytes(data)
    return path


def random_file(folder: Path, size: int, name: str = "recording.mp3") -> Path:
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


def stored_chunks(vault_path: Path, attachment_id: str) -> list[bytes]:
    """The attachment's sealed chunks as stored, in order."""
    conn = sqlite3.connect(vault_path)
    rows = conn.execute(
        "SELECT data FROM attachment_parts WHERE attachment_id = ? ORDER BY part",
        (bytes.fromhex(attachment_id),),
    ).fetchall()
    conn.close()
    data = b"".join(bytes(r[0]) for r in rows)
    return [data[i : i + SEALED_CHUNK] for i in range(0, len(data), SEALED_CHUNK)]


def store_chunks(vault_path: Path, attachment_id: str, chunks: list[bytes]) -> None:
    """Replace the attachment's stored chunks with these, laid out in parts as the app does."""
    key = bytes.fromhex(attachment_id)
    conn = sqlite3.connect(vault_path)
    with conn:
        conn.execute("DELETE FROM attachment_parts WHERE attachment_id = ?", (key,))
        for part, start in enumerate(range(0, len(chunks), CHUNKS_PER_PART)):
            data = b"".join(chunks[start : start + CHUNKS_PER_PART])
            conn.execute(
                "INSERT INTO attachment_parts (attachment_id, part, data) VALUES (?, ?, ?)",
                (key, part, data),
            )
    conn.close()


def alter_chunks(
    vault_path: Path, attachment_id: str, change: Callable[[list[bytes]], list[bytes]]
) -> None:
    store_chunks(vault_path, attachment_id, change(stored_chunks(vault_path, attachment_id)))


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def stored_ids(vault: Vault) -> set[str]:
    """The attachments whose content an open vault holds (read through its own connection,
    which holds the file's lock)."""
    return vault._store.attachment_ids_stored()
