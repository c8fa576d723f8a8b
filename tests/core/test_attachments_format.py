"""Vault format 1.3: a file from before attachments (1.2, and the committed 1.0 fixture) is
brought up to date when it is first opened, keeps every record, and then takes attachments."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

from companion.crypto import PRODUCTION_KDF
from companion.store import FORMAT, Store
from companion.vault import Vault
from tests.attack import snapshot
from tests.conftest import create_vault, reopen
from tests.core.attachment_helpers import a_file, entry_in

GOLDEN = Path(__file__).parent.parent / "fixtures" / "v1"


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    finally:
        conn.close()


def stored_format(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return json.loads(conn.execute("SELECT data FROM header").fetchone()[0])["format"]
    finally:
        conn.close()


def as_format_1_2(path: Path) -> None:
    """Make a closed vault what the app of format 1.2 wrote: no attachment table, 1.2 header."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE attachment_parts")
        data = json.loads(conn.execute("SELECT data FROM header").fetchone()[0])
        data["format"] = [1, 2]
        raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
        conn.execute(
            "UPDATE header SET data = ?, checksum = ?", (raw, hashlib.sha256(raw).digest())
        )
    conn.close()


def test_this_version_writes_a_format_with_attachments(vault_path: Path) -> None:
    create_vault(vault_path).close()
    assert FORMAT >= (1, 3) and stored_format(vault_path) == list(FORMAT)
    assert "attachment_parts" in tables(vault_path)


def test_a_1_2_vault_is_brought_up_to_date_and_takes_attachments(
    vault_path: Path, tmp_path: Path
) -> None:
    vault = create_vault(vault_path)
    entry = entry_in(vault)
    before = (vault.fingerprint(), snapshot(vault))
    vault.close()
    as_format_1_2(vault_path)
    assert "attachment_parts" not in tables(vault_path)

    vault = reopen(vault_path)
    try:
        assert vault.problems == [] and (vault.fingerprint(), snapshot(vault)) == before
        assert vault.verify() == []
        path = a_file(tmp_path, 200_000)
        saved = vault.attach(entry, path)
    finally:
        vault.close()
    assert stored_format(vault_path) == list(FORMAT) and "attachment_parts" in tables(vault_path)
    again = reopen(vault_path)
    try:
        assert b"".join(again.attachment_chunks(saved.record.id)) == path.read_bytes()
        assert again.verify() == []
    finally:
        again.close()


def test_a_1_2_vault_read_without_bringing_it_up_to_date_shows_no_attachments(
    vault_path: Path,
) -> None:
    """The reads work on a file with no attachment table (as a read-only vault stays)."""
    create_vault(vault_path).close()
    as_format_1_2(vault_path)
    store = Store.open(vault_path)
    try:
        assert store.parts_of("ab" * 16) == [] and store.attachment_ids_stored() == set()
    finally:
        store.close()


def test_the_format_1_0_fixture_opens_and_takes_an_attachment(tmp_path: Path) -> None:
    copy = tmp_path / "golden.companion"
    shutil.copy(GOLDEN / "vault.companion", copy)
    passphrase = (GOLDEN / "passphrase.txt").read_text().splitlines()[0]
    vault = Vault.open(copy, passphrase=passphrase, policy=PRODUCTION_KDF)
    try:
        appointment = vault.appointments()[0].record
        path = a_file(tmp_path, 70_000, "photo.jpg")
        saved = vault.attach(appointment.id, path, description="Photo of the letter")
        assert vault.attachments_of(appointment.id) == [saved]
        assert vault.verify() == []
    finally:
        vault.close()
    assert stored_format(copy) == list(FORMAT)
