"""Backups made by this version restore, with exactly their content, in every later one: the
committed backup (format 1.3, with an attached file) and, as an older backup, the committed
format-1.0 vault, which a restore brings up to date."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from companion import backup_restore
from companion.crypto import PRODUCTION_KDF
from companion.recovery_key import RecoveryKey
from companion.store import FORMAT
from companion.vault import Vault

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = FIXTURES / "backup_v1"


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.slow  # real keys, as the fixtures were made with
def test_the_golden_backup_restores_with_identical_content(tmp_path: Path) -> None:
    backup = tmp_path / "stick" / "records.companion-backup"
    backup.parent.mkdir()
    shutil.copy(GOLDEN / "records.companion-backup", backup)
    before = backup.read_bytes()
    passphrase = first_line(GOLDEN / "passphrase.txt")
    place = tmp_path / "new laptop" / "vault.companion"
    restored = backup_restore.prepare(
        backup, place, passphrase=passphrase, policy=PRODUCTION_KDF
    ).complete()
    assert backup.read_bytes() == before  # a backup is only read
    expected = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
    assert restored.fingerprint.checkpoint() == expected["fingerprint"]
    vault = Vault.open(place, passphrase=passphrase, policy=PRODUCTION_KDF)
    try:
        assert vault.verify() == [] and vault.warnings == []
        assert vault.fingerprint().checkpoint() == expected["fingerprint"]
        assert [p.record.display_name for p in vault.people()] == expected["people"]
        for record_id, accounts in expected["versions"].items():
            assert [v.record.account for v in vault.versions(record_id)] == accounts
        assert len(vault.events()) == expected["events"]
        attachment = expected["attachment"]
        content = b"".join(vault.attachment_chunks(attachment["id"]))
        assert hashlib.sha256(content).hexdigest() == attachment["sha256"]
    finally:
        vault.close()


@pytest.mark.slow  # real keys, as the fixtures were made with
def test_the_golden_backup_restores_with_its_recovery_key(tmp_path: Path) -> None:
    key = RecoveryKey.parse((GOLDEN / "recovery-key.txt").read_text(encoding="utf-8"))
    place = tmp_path / "vault.companion"
    shown: list[RecoveryKey] = []
    backup_restore.prepare(
        GOLDEN / "records.companion-backup",
        place,
        recovery_key=key,
        new_passphrase="a new and long passphrase 7",
        show_new_key=shown.append,
        policy=PRODUCTION_KDF,
    ).complete()
    assert len(shown) == 1
    vault = Vault.open(place, recovery_key=shown[0], policy=PRODUCTION_KDF)
    assert [p.record.display_name for p in vault.people()] == ["Mair Ŵyn-Example"]
    vault.close()


@pytest.mark.slow  # real keys, as the fixtures were made with
def test_an_older_format_restores_brought_up_to_date(tmp_path: Path) -> None:
    older = FIXTURES / "v1"
    passphrase = first_line(older / "passphrase.txt")
    place = tmp_path / "vault.companion"
    backup_restore.prepare(
        older / "vault.companion", place, passphrase=passphrase, policy=PRODUCTION_KDF
    ).complete()
    reference = tmp_path / "reference.companion"
    shutil.copy(older / "vault.companion", reference)
    restored = Vault.open(place, passphrase=passphrase, policy=PRODUCTION_KDF)
    original = Vault.open(reference, passphrase=passphrase, policy=PRODUCTION_KDF)
    try:
        assert restored.fingerprint() == original.fingerprint()
        assert [p.record for p in restored.people()] == [p.record for p in original.people()]
        assert [a.record for a in restored.appointments()] == [
            a.record for a in original.appointments()
        ]
    finally:
        restored.close()
        original.close()
    header = json.loads(_header(place))
    assert tuple(header["format"]) == FORMAT


def _header(path: Path) -> bytes:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return bytes(conn.execute("SELECT data FROM header").fetchone()[0])
