"""Creating, opening and unlocking a vault: passphrase, recovery key and this computer."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from companion import errors, keystore
from companion.crypto import PRODUCTION_KDF
from companion.keyslots import SlotKind
from companion.recovery_key import RecoveryKey
from companion.store import FORMAT
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, MemoryKeyring, reopen


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_vault_is_empty_and_reopens_with_its_passphrase(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    assert vault.people() == [] and vault.problems == []
    vault.close()
    again = reopen(vault_path)
    assert again.vault_id == vault.vault_id
    again.close()


def test_records_survive_closing_and_reopening(new_vault: Vault, vault_path: Path) -> None:
    person = new_vault.save(make_person()).record
    appointment = new_vault.save(make_appointment(person.id)).record
    new_vault.close()
    again = reopen(vault_path)
    assert [p.record for p in again.people()] == [person]
    assert [a.record for a in again.appointments()] == [appointment]
    again.close()


def test_wrong_passphrase_is_refused_and_leaves_the_file_unchanged(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.save(make_person())
    new_vault.close()
    before = digest(vault_path)
    with pytest.raises(errors.WrongPassphrase):
        reopen(vault_path, passphrase="not the passphrase")
    assert digest(vault_path) == before
    assert not Path(f"{vault_path}-wal").exists() or Path(f"{vault_path}-wal").stat().st_size == 0


def test_a_vault_cannot_be_made_over_an_existing_file(vault_path: Path) -> None:
    vault_path.write_text("my shopping list")
    with pytest.raises(errors.VaultExists):
        Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    assert vault_path.read_text() == "my shopping list"


def test_a_missing_vault_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(errors.VaultNotFound):
        reopen(tmp_path / "nowhere.companion")


def test_a_file_that_is_not_a_vault_is_damaged_not_a_wrong_passphrase(tmp_path: Path) -> None:
    other = tmp_path / "notes.companion"
    other.write_bytes(b"These are not the droids. " * 100)
    with pytest.raises(errors.VaultDamaged):
        reopen(other)
    sqlite_file = tmp_path / "other.sqlite"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(errors.VaultDamaged):
        reopen(sqlite_file)


def _edit_row(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_damaged_keyslot_is_reported_as_damage_never_as_a_wrong_passphrase(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.close()
    conn = sqlite3.connect(vault_path)
    wrapped = bytearray(
        conn.execute("SELECT wrapped FROM keyslots WHERE kind='passphrase'").fetchone()[0]
    )
    conn.close()
    wrapped[20] ^= 0x01
    _edit_row(
        vault_path, "UPDATE keyslots SET wrapped = ? WHERE kind = 'passphrase'", bytes(wrapped)
    )
    with pytest.raises(errors.VaultDamaged):
        reopen(vault_path)  # even with the right passphrase: damage, not a wrong passphrase


def test_a_damaged_header_is_reported_as_damage(new_vault: Vault, vault_path: Path) -> None:
    new_vault.close()
    # Change the stored version without updating its checksum, as a stray write would.
    _edit_row(
        vault_path,
        "UPDATE header SET data = CAST(replace(CAST(data AS TEXT), "
        f"'[{FORMAT[0]},{FORMAT[1]}]', '[1,0]') AS BLOB)",
    )
    with pytest.raises(errors.VaultDamaged):
        reopen(vault_path)


def _rewrite_header(path: Path, **changes: object) -> None:
    conn = sqlite3.connect(path)
    data = json.loads(conn.execute("SELECT data FROM header").fetchone()[0])
    data.update(changes)
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    conn.execute("UPDATE header SET data = ?, checksum = ?", (raw, hashlib.sha256(raw).digest()))
    conn.commit()
    conn.close()


def test_a_vault_from_a_newer_major_version_is_refused(new_vault: Vault, vault_path: Path) -> None:
    new_vault.close()
    _rewrite_header(vault_path, format=[2, 0])
    with pytest.raises(errors.VaultTooNew):
        reopen(vault_path)


def _rewrite_passphrase_slot(path: Path, **changes: object) -> None:
    from companion.keyslots import Keyslot

    conn = sqlite3.connect(path)
    params, wrapped = conn.execute(
        "SELECT params, wrapped FROM keyslots WHERE kind = 'passphrase'"
    ).fetchone()
    data = json.loads(params)
    data.update(changes)
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    slot = Keyslot(SlotKind.PASSPHRASE, raw, bytes(wrapped))
    conn.execute(
        "UPDATE keyslots SET params = ?, checksum = ? WHERE kind = 'passphrase'",
        (raw, slot.checksum()),
    )
    conn.commit()
    conn.close()


def test_crafted_key_settings_cannot_make_the_app_hang(new_vault: Vault, vault_path: Path) -> None:
    new_vault.close()
    _rewrite_passphrase_slot(vault_path, memory_kib=64 * 1024 * 1024, iterations=1000)
    asked = []
    with pytest.raises(errors.VaultDamaged):
        Vault.open(vault_path, ask=lambda: asked.append(1) or PASSPHRASE, policy=PRODUCTION_KDF)
    assert asked == []  # refused before anyone was asked for anything


def test_weakened_key_settings_are_refused_as_a_downgrade(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.close()
    # The fast test vault is itself below the production floor: production code refuses it.
    with pytest.raises(errors.VaultDamaged):
        Vault.open(vault_path, passphrase=PASSPHRASE, policy=PRODUCTION_KDF)


def test_recovery_key_opens_the_vault_and_sets_a_new_passphrase(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    vault.save(make_person())
    vault.close()
    recovered, fresh = Vault.recover(
        vault_path, recovery, "a brand new passphrase", policy=FAST_KDF
    )
    assert len(recovered.people()) == 1
    recovered.close()
    with pytest.raises(errors.WrongPassphrase):
        reopen(vault_path)
    reopen(vault_path, passphrase="a brand new passphrase").close()
    # The spent recovery key no longer works; the new one does.
    with pytest.raises(errors.WrongRecoveryKey):
        reopen(vault_path, recovery_key=recovery)
    reopen(vault_path, recovery_key=fresh).close()


def test_a_wrong_recovery_key_is_refused_and_changes_nothing(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.close()
    before = digest(vault_path)
    with pytest.raises(errors.WrongRecoveryKey):
        Vault.recover(vault_path, RecoveryKey.generate(), "new passphrase here", policy=FAST_KDF)
    assert digest(vault_path) == before


def test_changing_the_passphrase_keeps_every_record(new_vault: Vault, vault_path: Path) -> None:
    person = new_vault.save(make_person()).record
    fingerprint = new_vault.fingerprint()
    with pytest.raises(errors.WrongPassphrase):
        new_vault.change_passphrase("not it", "another passphrase")
    new_vault.change_passphrase(PASSPHRASE, "another passphrase")
    assert new_vault.fingerprint() == fingerprint  # no record was re-encrypted
    new_vault.close()
    with pytest.raises(errors.WrongPassphrase):
        reopen(vault_path)
    again = reopen(vault_path, passphrase="another passphrase")
    assert [p.record for p in again.people()] == [person]
    again.close()


def test_remembering_this_computer_opens_without_a_passphrase_until_forgotten(
    new_vault: Vault, vault_path: Path, memory_keyring: MemoryKeyring
) -> None:
    assert not new_vault.remembered
    new_vault.remember_on_this_computer()
    assert new_vault.remembered
    stored = list(memory_keyring.items.values())
    assert stored and all(PASSPHRASE not in value for value in stored)
    new_vault.close()

    asked = []
    remembered = Vault.open(vault_path, ask=lambda: asked.append(1) or "", policy=FAST_KDF)
    assert asked == []
    remembered.forget_this_computer()
    assert not remembered.remembered and memory_keyring.items == {}
    remembered.close()
    with pytest.raises(errors.NoPassphrase):
        Vault.open(vault_path, policy=FAST_KDF)


def test_a_missing_keyring_item_falls_back_to_the_passphrase(
    new_vault: Vault, vault_path: Path, memory_keyring: MemoryKeyring
) -> None:
    new_vault.remember_on_this_computer()
    new_vault.close()
    memory_keyring.items.clear()
    reopen(vault_path).close()


def test_an_insecure_password_store_is_refused(new_vault: Vault) -> None:
    import keyring
    import keyring.backends.fail
    import keyring.backends.null

    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    for backend in (
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
        PlaintextKeyring(),
    ):
        keyring.set_keyring(backend)
        with pytest.raises(errors.KeyringUnavailable):
            keystore.secure_backend()
        with pytest.raises(errors.KeyringUnavailable):
            new_vault.remember_on_this_computer()
        assert not new_vault.remembered


def test_a_second_copy_of_the_app_is_told_the_vault_is_in_use(
    new_vault: Vault, vault_path: Path
) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from companion.errors import VaultInUse\n"
        "from companion.vault import Vault\n"
        "try:\n"
        "    Vault.open(Path(sys.argv[1]), passphrase='x')\n"
        "except VaultInUse:\n"
        "    sys.exit(42)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(vault_path)], timeout=60)
    assert result.returncode == 42


def test_a_full_disk_saves_nothing_and_says_so(new_vault: Vault, vault_path: Path) -> None:
    person = new_vault.save(make_person()).record
    before = new_vault.fingerprint()
    new_vault._store._conn.execute("PRAGMA max_page_count = 1")  # the disk is now "full"
    with pytest.raises(errors.StorageFull):
        new_vault.save(make_appointment(person.id, account="x" * 50_000))
    assert new_vault.fingerprint() == before and new_vault.appointments() == []
    new_vault.close()
    again = reopen(vault_path)
    assert again.appointments() == [] and again.problems == []
    again.close()


def test_saving_an_unchanged_record_adds_no_revision(new_vault: Vault) -> None:
    person = new_vault.save(make_person()).record
    size = new_vault.fingerprint().size
    new_vault.save(person)
    assert new_vault.fingerprint().size == size


def test_clock_times_are_recorded_as_written_times(vault_path: Path) -> None:
    clock = Clock()
    vault, _ = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF, clock=clock)
    saved = vault.save(make_person())
    assert saved.written_at == clock.now
    vault.close()


def test_the_vault_and_its_journal_are_readable_by_their_owner_only(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.save(make_person())
    files = [p for p in vault_path.parent.iterdir() if p.name.startswith(vault_path.name)]
    assert any(p.name.endswith("-wal") for p in files)
    for path in files:
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_one_id_twice_in_one_import_is_refused_and_the_vault_still_saves(
    new_vault: Vault, clock: Clock
) -> None:
    from companion.ledger import Version

    person = make_person()
    item = ("people, 1st", [Version(clock.now, person)])
    again = ("people, 2nd", [Version(clock.now, person)])
    with pytest.raises(errors.InvalidInput) as refused:
        new_vault.import_versions([item, again])
    assert refused.value.row == "people, 2nd" and "people, 1st" in refused.value.expected
    assert new_vault.people() == []
    new_vault.save(make_person(display_name="Still writable"))
    assert new_vault.verify() == []
