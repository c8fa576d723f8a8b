"""Drafts: what was typed into a form is kept sealed in the vault until saved or thrown away."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from companion.crypto import PRODUCTION_KDF
from companion.errors import InvalidInput
from companion.recovery_key import RecoveryKey
from companion.store import FORMAT
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import Clock, create_vault, reopen

MARKER = "Kestrel-draft-words-7741"


def test_a_draft_outlives_locking_and_reopening(new_vault: Vault, vault_path: Path) -> None:
    new_vault.save_draft("appointment", None, {"account": MARKER, "kind": "assessment"})
    new_vault.close()
    again = reopen(vault_path)
    drafts = again.drafts()
    assert [(d.kind, d.record_id, d.values) for d in drafts] == [
        ("appointment", None, {"account": MARKER, "kind": "assessment"})
    ]
    again.close()


def test_a_draft_is_replaced_not_added_to(new_vault: Vault) -> None:
    new_vault.save_draft("event", None, {"summary": "first"})
    new_vault.save_draft("event", None, {"summary": "second"})
    assert [d.values for d in new_vault.drafts()] == [{"summary": "second"}]


def test_drafts_of_different_forms_are_kept_apart_newest_first(
    vault_path: Path, clock: Clock
) -> None:
    vault = create_vault(vault_path, clock)
    vault.save_draft("appointment", None, {"account": "new one"})
    clock.advance(minutes=5)
    vault.save_draft("appointment", "rec-1", {"account": "a correction"})
    assert [(d.record_id, d.values["account"]) for d in vault.drafts()] == [
        ("rec-1", "a correction"),
        (None, "new one"),
    ]
    assert vault.draft("appointment", None).values == {"account": "new one"}  # type: ignore[union-attr]
    vault.discard_draft("appointment", "rec-1")
    assert [d.record_id for d in vault.drafts()] == [None]
    vault.close()


def test_the_words_of_a_draft_are_never_in_the_file_in_the_clear(
    new_vault: Vault, vault_path: Path
) -> None:
    new_vault.save_draft("appointment", None, {"account": MARKER})
    new_vault.close()
    for part in vault_path.parent.iterdir():
        if part.is_file():
            data = part.read_bytes()
            assert MARKER.encode() not in data, part.name
            assert MARKER.encode("utf-16-le") not in data, part.name


def test_a_draft_moved_to_another_form_does_not_open(new_vault: Vault, vault_path: Path) -> None:
    """The slot is bound into the seal: a draft put under another form's name is left out."""
    new_vault.save_draft("appointment", None, {"account": MARKER})
    new_vault.close()
    with sqlite3.connect(vault_path) as conn:
        conn.execute("UPDATE drafts SET slot = 'appointment:rec-9'")
    conn.close()
    again = reopen(vault_path)
    assert again.drafts() == []
    again.close()


def test_a_damaged_draft_is_left_out_and_the_records_still_open(
    new_vault: Vault, vault_path: Path
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save_draft("person", person.id, {"display_name": "half typed"})
    new_vault.close()
    with sqlite3.connect(vault_path) as conn:
        (sealed,) = conn.execute("SELECT sealed FROM drafts").fetchone()
        flipped = bytes([sealed[0], sealed[1], sealed[2] ^ 1, *sealed[3:]])
        conn.execute("UPDATE drafts SET sealed = ?", (flipped,))
    conn.close()
    again = reopen(vault_path)
    assert again.drafts() == []
    assert [p.record.id for p in again.people()] == [person.id]
    assert again.problems == []
    # The next draft of that form takes its place.
    again.save_draft("person", person.id, {"display_name": "typed again"})
    assert [d.values for d in again.drafts()] == [{"display_name": "typed again"}]
    again.close()


def test_a_draft_is_not_part_of_the_record(new_vault: Vault) -> None:
    person = new_vault.save(make_person()).record
    before = new_vault.fingerprint()
    new_vault.save_draft("appointment", None, {"person_id": person.id, "account": MARKER})
    assert new_vault.fingerprint() == before
    assert new_vault.appointments() == []
    assert new_vault.verify() == []


def test_what_cannot_be_a_draft_is_refused_in_a_plain_way(new_vault: Vault) -> None:
    with pytest.raises(InvalidInput):
        new_vault.save_draft("spreadsheet", None, {})
    with pytest.raises(InvalidInput):
        new_vault.save_draft("event", None, {"summary": object()})
    with pytest.raises(InvalidInput):
        new_vault.save_draft("event", None, {"summary": "x" * 600_000})
    assert new_vault.drafts() == []


def test_purging_a_person_takes_their_drafts_too(new_vault: Vault) -> None:
    keep = new_vault.save(make_person(display_name="Kept")).record
    gone = new_vault.save(make_person(display_name="Gone")).record
    entry = new_vault.save(make_appointment(gone.id)).record
    new_vault.save_draft("appointment", None, {"person_id": gone.id, "account": MARKER})
    new_vault.save_draft("appointment", entry.id, {"account": "a correction"})
    new_vault.save_draft("person", gone.id, {"display_name": "Gone"})
    new_vault.save_draft("event", None, {"person_id": keep.id, "summary": "stays"})
    new_vault.purge_person(gone.id)
    assert [(d.kind, d.values) for d in new_vault.drafts()] == [
        ("event", {"person_id": keep.id, "summary": "stays"})
    ]


def test_a_vault_from_before_drafts_gains_a_place_for_them(tmp_path: Path) -> None:
    """The format 1.0 file committed for that purpose is brought up to date when opened."""
    fixture = Path(__file__).parents[1] / "fixtures" / "v1"
    copy = tmp_path / "old.companion"
    shutil.copy(fixture / "vault.companion", copy)
    key = RecoveryKey.parse((fixture / "recovery-key.txt").read_text())
    vault = Vault.open(copy, recovery_key=key, policy=PRODUCTION_KDF)
    assert vault._header.format == FORMAT
    vault.save_draft("event", None, {"summary": MARKER})
    assert [d.values for d in vault.drafts()] == [{"summary": MARKER}]
    vault.close()
