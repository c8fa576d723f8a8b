"""Changing the vault file behind the app's back is detected, and never shown as valid data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from companion import errors
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen


@pytest.fixture
def filled(new_vault: Vault, vault_path: Path) -> dict[str, str]:
    import dataclasses

    person = new_vault.save(make_person()).record
    first = new_vault.save(make_appointment(person.id, account="Original words.")).record
    second = new_vault.save(make_appointment(person.id, account="Another day.")).record
    new_vault.save(dataclasses.replace(first, account="Corrected words."))
    new_vault.close()
    return {"person": person.id, "first": first.id, "second": second.id}


def rows(path: Path) -> dict[int, bytes]:
    """Each revision's ciphertext by sequence number."""
    conn = sqlite3.connect(path)
    out = {seq: bytes(sealed) for seq, sealed in conn.execute("SELECT seq, sealed FROM revisions")}
    conn.close()
    return out


def put(path: Path, seq: int, sealed: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE revisions SET sealed = ? WHERE seq = ?", (sealed, seq))
    conn.commit()
    conn.close()


def assert_detected(path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The vault says it was tampered with, takes no more writes, and verify exits 5."""
    vault = reopen(path)
    assert vault.problems, "tampering went unnoticed"
    assert vault.read_only
    with pytest.raises(errors.VaultReadOnly):
        vault.save(make_person(display_name="Should not be written"))
    vault.close()
    result = cli("verify", vault=path)
    assert result.code == 5 and result.err.strip()


def test_an_intact_vault_verifies(filled: dict[str, str], cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify")
    assert result.code == 0 and "intact" in result.out


@pytest.mark.parametrize("seq", [1, 2, 3, 4])
def test_flipping_any_single_byte_of_a_revision_is_detected(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, seq: int, cli
) -> None:
    sealed = rows(vault_path)[seq]
    for position in (0, len(sealed) // 2, len(sealed) - 1):  # nonce, body and tag
        copy = tmp_path / f"copy-{position}.companion"
        shutil.copy(vault_path, copy)
        changed = bytearray(sealed)
        changed[position] ^= 0x01
        put(copy, seq, bytes(changed))
        assert_detected(copy, cli)


def test_swapping_two_revisions_is_detected(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    current = rows(vault_path)
    put(vault_path, 2, current[3])
    put(vault_path, 3, current[2])
    assert_detected(vault_path, cli)


def test_restoring_an_older_revision_over_the_current_one_is_detected(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    current = rows(vault_path)
    put(vault_path, 4, current[2])  # the original text over its correction
    assert_detected(vault_path, cli)
    vault = reopen(vault_path)
    entry = vault.get(filled["first"])
    # What can be read is still shown, but never as if it were the whole, valid record.
    assert entry.damaged and entry.record.account == "Original words."
    assert not vault.get(filled["second"]).damaged
    vault.close()


def test_a_revision_from_another_vault_does_not_open(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    other_path = tmp_path / "other.companion"
    other, _ = Vault.create(other_path, PASSPHRASE, policy=FAST_KDF)
    other.save(make_person(display_name="Someone Else"))
    other.close()
    put(vault_path, 1, rows(other_path)[1])
    assert_detected(vault_path, cli)


def test_removing_the_latest_revision_is_detected(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    conn = sqlite3.connect(vault_path)
    conn.execute("DELETE FROM revisions WHERE seq = 4")
    conn.commit()
    conn.close()
    assert_detected(vault_path, cli)


def test_removing_a_middle_revision_is_detected(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    conn = sqlite3.connect(vault_path)
    conn.execute("DELETE FROM revisions WHERE seq = 3")
    conn.commit()
    conn.close()
    assert_detected(vault_path, cli)


def test_an_older_copy_swapped_in_is_noticed_on_this_computer(
    new_vault: Vault, vault_path: Path, tmp_path: Path, cli
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.close()
    older = tmp_path / "older.companion"
    shutil.copy(vault_path, older)
    vault = reopen(vault_path)
    vault.save(make_appointment(person.id))
    vault.close()

    shutil.copy(older, vault_path)  # the whole file swapped for the older copy
    swapped = reopen(vault_path)
    assert [p.kind.value for p in swapped.problems] == ["rolled_back"]
    assert not swapped.read_only  # a deliberate restore must still be usable
    swapped.close()
    assert cli("verify").code == 5


def test_entries_of_a_damaged_person_are_still_listed_and_exported(
    filled: dict[str, str], vault_path: Path, tmp_path: Path, cli
) -> None:
    changed = bytearray(rows(vault_path)[1])  # the person's own record
    changed[30] ^= 0x01
    put(vault_path, 1, bytes(changed))
    listed = cli("list")
    assert listed.code == 5 and "damaged" in listed.err
    assert "Another day" not in listed.out  # list shows no free text, but both entries:
    assert len(listed.out.strip().splitlines()) == 2
    out = tmp_path / "rescue.md"
    exported = cli("export", "--format", "md", "--out", str(out))
    assert exported.code == 5
    text = out.read_text()
    assert "Another day." in text and "cannot be read" in text


def test_an_altered_keyslot_with_its_checksum_recomputed_is_damage_not_a_wrong_passphrase(
    new_vault: Vault, vault_path: Path
) -> None:
    from companion.keyslots import Keyslot, SlotKind

    new_vault.close()
    conn = sqlite3.connect(vault_path)
    params, wrapped = conn.execute(
        "SELECT params, wrapped FROM keyslots WHERE kind = 'passphrase'"
    ).fetchone()
    altered = bytearray(wrapped)
    altered[20] ^= 0x01
    slot = Keyslot(SlotKind.PASSPHRASE, bytes(params), bytes(altered))
    conn.execute(
        "UPDATE keyslots SET wrapped = ?, checksum = ? WHERE kind = 'passphrase'",
        (slot.wrapped, slot.checksum()),
    )
    conn.commit()
    conn.close()
    with pytest.raises(errors.VaultDamaged):
        reopen(vault_path)
    with pytest.raises(errors.WrongPassphrase):  # a wrong passphrase is still said as one
        reopen(vault_path, passphrase="not the passphrase")


def test_a_deeply_nested_key_setting_is_damage_in_one_sentence(
    new_vault: Vault, vault_path: Path
) -> None:
    from companion.keyslots import Keyslot, SlotKind

    new_vault.close()
    crafted = Keyslot(SlotKind.PASSPHRASE, b"[" * 100_000 + b"]" * 100_000, b"x" * 60)
    conn = sqlite3.connect(vault_path)
    conn.execute(
        "UPDATE keyslots SET params = ?, wrapped = ?, checksum = ? WHERE kind = 'passphrase'",
        (crafted.params, crafted.wrapped, crafted.checksum()),
    )
    conn.commit()
    conn.close()
    with pytest.raises(errors.VaultDamaged):
        reopen(vault_path)
