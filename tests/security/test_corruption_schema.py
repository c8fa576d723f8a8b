"""A flipped byte in SQLite's schema (page 1, after the 100-byte file header) is damage, said
as such (the command line's exit code 5), never an internal error.

Two ways it went wrong before: bytes that are not UTF-8 in the schema's text, and a changed
letter of PRIMARY in the revisions table's "seq INTEGER PRIMARY KEY" (say "QRIMARY"), which
makes SQLite read "INTEGER QRIMARY KEY" as a type name, so seq is no longer the row id and
every seq reads as NULL."""

from __future__ import annotations

import random
from pathlib import Path

from tests.attack import attack_cases
from tests.security import test_corruption as corruption
from tests.security.test_corruption import PAGE, Original, outcome, prepare, run_list, used_bytes

original = corruption.original  # the module's fixture, used here by name
SCHEMA_FLIPS = 60
SEQ = b"seq INTEGER PRIMARY KEY"


def test_a_flipped_byte_in_the_schema_is_refused_or_harmless(
    original: Original, tmp_path: Path
) -> None:
    rng = random.Random("flip schema")
    schema = [o for o in used_bytes(original.data, 1) if 100 <= o < PAGE]
    offsets = sorted(rng.sample(schema, SCHEMA_FLIPS))
    start = original.data.index(SEQ)
    offsets += range(start, start + len(SEQ))
    for offset in offsets:
        for mask in (0x01, 0x80, 0xFF):
            blob = bytearray(original.data)
            blob[offset] ^= mask
            outcome(bytes(blob), original, tmp_path, f"byte {offset} (schema) ^ {mask:#04x}")
            attack_cases(1)


def test_the_command_line_says_a_damaged_schema_is_damaged(
    original: Original, tmp_path: Path
) -> None:
    path, secret = prepare(original, tmp_path)
    blob = bytearray(original.data)
    blob[original.data.index(SEQ) + len("seq INTEGER ")] ^= 0x01  # PRIMARY becomes QRIMARY
    path.write_bytes(bytes(blob))
    done = run_list(path, secret)
    assert done.returncode == 5, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
