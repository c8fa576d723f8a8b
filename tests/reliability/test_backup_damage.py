"""Damaged backups are refused before anything is replaced: a flipped byte in a saved
change, a leaf, the sealed tree head, the header, SQLite's own header or a page's; a backup
cut short; a text file, another SQLite file, zeros or nothing named as a backup. Each is
refused in one sentence with the vault untouched byte for byte, and a byte flipped anywhere
(one in every 512) is refused or harmless: never other data restored as good."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from companion import backup, backup_restore, errors
from companion.messages import describe
from companion.vault import Vault
from tests.attack import attack_cases, snapshot
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen
from tests.core.test_backup_restore import backed_up, restore, state_of

__all__ = ["backed_up"]  # the fixture, shared with the restore tests


def flip(data: bytearray, offset: int) -> bytearray:
    data[offset] ^= 0x40
    return data


def blob_offset(path: Path, sql: str) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        blob = bytes(conn.execute(sql).fetchone()[0])
    offset = path.read_bytes().find(blob)
    assert offset > 0
    return offset + len(blob) // 2


DAMAGE = {
    "a byte of a saved change": lambda p, d: flip(
        d, blob_offset(p, "SELECT sealed FROM revisions WHERE seq = 2")
    ),
    "a byte of a leaf": lambda p, d: flip(
        d, blob_offset(p, "SELECT leaf FROM revisions WHERE seq = 3")
    ),
    "a byte of the sealed tree head": lambda p, d: flip(
        d, blob_offset(p, "SELECT sealed FROM checkpoint")
    ),
    "a byte of the header": lambda p, d: flip(d, blob_offset(p, "SELECT data FROM header")),
    "SQLite's own header": lambda p, d: flip(d, 3),
    "a page's own header": lambda p, d: flip(d, 4096 + 5),
    "cut short by half": lambda p, d: d[: len(d) // 2],
    "cut short by a page": lambda p, d: d[:-4096],
    "cut short inside its first page": lambda p, d: d[:1000],
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_backup_is_refused_and_the_vault_is_untouched(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    damage: str,  # type: ignore[type-arg]
) -> None:
    backup_file, _held, _fp = backed_up
    data = DAMAGE[damage](backup_file, bytearray(backup_file.read_bytes()))
    backup_file.write_bytes(bytes(data))
    before = state_of(vault_path.parent)
    with pytest.raises(errors.BackupDamaged) as refused:
        restore(backup_file, vault_path)
    assert state_of(vault_path.parent) == before  # the vault byte for byte, and nothing new
    sentence = describe(refused.value)
    assert "nothing was restored" in sentence and sentence.count(". ") == 1
    attack_cases(1)


@pytest.mark.parametrize(
    "content",
    [b"Shopping: eggs, milk\n", b"SQLite format 3\x00" + bytes(200), b"\x00" * 8192, b""],
    ids=["text", "a header only", "zeros", "empty"],
)
def test_a_file_that_is_not_a_backup_is_refused(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    tmp_path: Path,
    content: bytes,  # type: ignore[type-arg]
) -> None:
    fake = tmp_path / "records.companion-backup"
    fake.write_bytes(content)
    before = state_of(vault_path.parent)
    with pytest.raises(errors.BackupDamaged):
        restore(fake, vault_path)
    assert state_of(vault_path.parent) == before
    attack_cases(1)


def test_another_sqlite_file_is_refused(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    other = tmp_path / "photos.companion-backup"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (name TEXT)")
    before = state_of(vault_path.parent)
    with pytest.raises(errors.BackupDamaged):
        restore(other, vault_path)
    assert state_of(vault_path.parent) == before
    attack_cases(1)


def test_every_flipped_byte_is_refused_or_harmless(
    backed_up: tuple[Path, dict, object],
    vault_path: Path,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    """One byte flipped in each 512 of the backup: either the restore is refused with the
    vault untouched, or it restores exactly what was backed up; never other data as good."""
    backup_file, held, fingerprint = backed_up
    good = backup_file.read_bytes()
    damaged = tmp_path / "damaged.companion-backup"
    for offset in range(100, len(good), 512):
        damaged.write_bytes(bytes(flip(bytearray(good), offset)))
        before = state_of(vault_path.parent)
        try:
            prepared = backup_restore.prepare(
                damaged, vault_path, passphrase=PASSPHRASE, policy=FAST_KDF
            )
        except errors.CompanionError:
            assert state_of(vault_path.parent) == before, offset
            attack_cases(1)
            continue
        assert prepared.fingerprint == fingerprint, offset
        check = reopen(prepared.copy)
        assert snapshot(check) == held, offset
        check.close()
        prepared.abandon()
        assert state_of(vault_path.parent) == before, offset
        attack_cases(1)


def test_a_flipped_byte_in_an_attached_file_refuses_the_backup(
    new_vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    """Every chunk of every attached file is checked before anything is replaced."""
    person = new_vault.save(make_person()).record
    entry = new_vault.save(make_appointment(person.id)).record
    recording = tmp_path / "interview.mp3"
    recording.write_bytes(os.urandom(150 * 1024))
    new_vault.attach(entry.id, recording)
    made = backup.back_up(new_vault, tmp_path / "b.companion-backup").path
    new_vault.close()
    with sqlite3.connect(f"file:{made}?mode=ro", uri=True) as conn:
        parts = [bytes(d) for (d,) in conn.execute("SELECT data FROM attachment_parts")]
    data = bytearray(made.read_bytes())
    for part in parts:
        for where in (100, len(part) // 2, len(part) - 100):  # first, middle and last chunks
            damaged = bytearray(data)
            offset = data.find(part[where : where + 48])
            assert offset > 0
            damaged[offset] ^= 0x40
            made.write_bytes(bytes(damaged))
            before = state_of(vault_path.parent)
            with pytest.raises(errors.BackupDamaged):
                restore(made, vault_path)
            assert state_of(vault_path.parent) == before
            attack_cases(1)
