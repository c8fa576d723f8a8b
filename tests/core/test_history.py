"""Nothing is overwritten: corrections keep the original, deletion is a tombstone, purge erases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from companion import errors
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import Clock, reopen


def test_editing_twice_keeps_all_three_texts_with_their_times(
    new_vault: Vault, vault_path: Path, clock: Clock
) -> None:
    person = new_vault.save(make_person()).record
    original = new_vault.save(make_appointment(person.id, account="First account.")).record
    first_time = clock.now
    clock.advance(days=1)
    new_vault.save(dataclasses.replace(original, account="Corrected account."))
    second_time = clock.now
    clock.advance(hours=3)
    latest = new_vault.save(dataclasses.replace(original, account="Corrected again."))
    third_time = clock.now
    new_vault.close()

    vault = reopen(vault_path)
    versions = vault.versions(original.id)
    assert [v.record.account for v in versions] == [
        "First account.",
        "Corrected account.",
        "Corrected again.",
    ]
    assert [v.saved_at for v in versions] == [first_time, second_time, third_time]
    saved = vault.get(original.id)
    assert saved.record.account == "Corrected again." and saved.corrected
    assert saved.written_at == first_time and saved.last_saved_at == third_time
    assert latest.version_count == 3
    vault.close()


def test_deleting_hides_an_entry_but_keeps_its_history(new_vault: Vault, vault_path: Path) -> None:
    person = new_vault.save(make_person()).record
    appointment = new_vault.save(make_appointment(person.id)).record
    new_vault.delete(appointment.id)
    assert new_vault.appointments() == []
    new_vault.close()
    vault = reopen(vault_path)
    assert vault.appointments() == []
    history = vault.versions(appointment.id)
    assert [v.record for v in history] == [appointment, None]
    with pytest.raises(errors.InvalidInput):
        vault.save(appointment)  # a deleted entry is not silently brought back
    assert vault.verify() == []
    vault.close()


def test_people_cannot_be_deleted_only_purged(new_vault: Vault) -> None:
    person = new_vault.save(make_person()).record
    with pytest.raises(errors.InvalidInput):
        new_vault.delete(person.id)


def test_an_entry_stays_with_the_person_it_was_written_for(new_vault: Vault) -> None:
    first = new_vault.save(make_person(display_name="First")).record
    second = new_vault.save(make_person(display_name="Second")).record
    appointment = new_vault.save(make_appointment(first.id)).record
    with pytest.raises(errors.InvalidInput):
        new_vault.save(dataclasses.replace(appointment, person_id=second.id))


def test_an_entry_needs_a_person_in_the_vault(new_vault: Vault) -> None:
    with pytest.raises(errors.InvalidInput):
        new_vault.save(make_appointment("0" * 32))


def test_purging_a_person_erases_them_and_their_entries_and_leaves_a_mark(
    new_vault: Vault, vault_path: Path
) -> None:
    keep = new_vault.save(make_person(display_name="Kept Example")).record
    gone = new_vault.save(make_person(display_name="Erased Example", ni_number="AB123456D")).record
    kept_appointment = new_vault.save(make_appointment(keep.id)).record
    erased = new_vault.save(make_appointment(gone.id, account="Words to erase")).record
    new_vault.save(dataclasses.replace(erased, account="More words to erase"))
    new_vault.save(make_event(gone.id))
    size_before = new_vault.fingerprint().size

    assert new_vault.purge_person(gone.id) == 4
    assert [p.record for p in new_vault.people()] == [keep]
    assert [a.record for a in new_vault.appointments()] == [kept_appointment]
    assert new_vault.events() == []
    # The tree keeps every leaf and gains one for the purge itself.
    assert new_vault.fingerprint().size == size_before + 1
    new_vault.close()

    vault = reopen(vault_path)
    assert vault.problems == [] and vault.verify() == []
    assert [p.record.display_name for p in vault.people()] == ["Kept Example"]
    assert vault.versions(erased.id) == []
    vault.close()


def test_an_erasure_not_made_by_a_purge_is_detected(new_vault: Vault, vault_path: Path) -> None:
    import sqlite3

    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id))
    new_vault.close()
    conn = sqlite3.connect(vault_path)
    conn.execute("UPDATE revisions SET sealed = NULL WHERE seq = 2")
    conn.commit()
    conn.close()
    vault = reopen(vault_path)
    assert vault.read_only
    assert [p.kind.value for p in vault.problems] == ["unexplained_erasure"]
    vault.close()
