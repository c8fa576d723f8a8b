"""The vault file's shape: its tables, its header and the format version it says it is, and
the steps that bring an older format 1 file up to date (docs/format.md, "The vault file")."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from companion import APP_NAME
from companion.attachment_store import PARTS_TABLE

# 1.1: records may hold the fields and choices of log version 2, and the keeper; an
# older app refuses such a file as too new rather than reading it as damaged.
# 1.2: the drafts table (half-written forms, sealed; never part of the record).
# 1.3: attachment records and the attachment_parts table that holds their sealed content.
# 1.4: the event kind "handed_over" (the note a hand-over writes); nothing changes shape,
# but an older app would read that note as damage, so it refuses the file as too new.
FORMAT = (1, 4)

SCHEMA = """
CREATE TABLE header (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data BLOB NOT NULL,
    checksum BLOB NOT NULL
);
CREATE TABLE keyslots (
    kind TEXT PRIMARY KEY,
    params BLOB NOT NULL,
    wrapped BLOB NOT NULL,
    checksum BLOB NOT NULL
);
CREATE TABLE revisions (
    seq INTEGER PRIMARY KEY,
    record_id BLOB NOT NULL,
    rev INTEGER NOT NULL,
    sealed BLOB,
    leaf BLOB NOT NULL
);
CREATE TABLE checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sealed BLOB NOT NULL
);
CREATE TABLE drafts (
    slot TEXT PRIMARY KEY,
    sealed BLOB NOT NULL
);
CREATE TABLE attachment_parts (
    attachment_id BLOB NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (attachment_id, part)
);
"""

DRAFTS_TABLE = "CREATE TABLE IF NOT EXISTS drafts (slot TEXT PRIMARY KEY, sealed BLOB NOT NULL)"

# Steps that bring an older minor version of format 1 up to date, keyed by the
# minor version they start from. Each runs inside the opening transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: lambda _conn: None,  # 1.0 to 1.1: nothing stored changes shape; only the header says 1.1
    1: lambda conn: conn.execute(DRAFTS_TABLE),  # 1.1 to 1.2: a place for drafts
    2: lambda conn: conn.execute(PARTS_TABLE),  # 1.2 to 1.3: a place for attachments' content
    3: lambda _conn: None,  # 1.3 to 1.4: nothing stored changes shape; only the header says 1.4
}


@dataclass(frozen=True)
class Header:
    vault_id: str
    format: tuple[int, int]

    def encode(self) -> bytes:
        data = {"app": APP_NAME, "format": list(self.format), "vault_id": self.vault_id}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
