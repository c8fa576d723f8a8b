"""Erasing a handed-over person from the appointee's vault: a separate step, only with their
name typed, and only once the new vault opens with its new passphrase and holds every record
of theirs as it stands now."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from companion import errors
from companion.handover import hand_over
from companion.handover_check import name_matches, purge_after
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, Clock, reopen

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"


@pytest.fixture
def handed_over(new_vault: Vault, clock: Clock, tmp_path: Path) -> tuple[Vault, str, Path]:
    son = new_vault.save(make_person(display_name="Dylan  Example")).record
    other = new_vault.save(make_person(display_name="Rhian Other")).record
    new_vault.save(make_appointment(son.id, account="His account."))
    new_vault.save(make_appointment(other.id, account="Her account."))
    clock.advance(days=1)
    target = tmp_path / "dylan.companion"
    hand_over(new_vault, son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    return new_vault, son.id, target


def purge(vault: Vault, person_id: str, target: Path, typed: str, new: str = NEW_PASSPHRASE) -> int:
    return purge_after(vault, person_id, target, new, typed, policy=FAST_KDF)


def test_with_the_name_typed_the_person_is_erased_and_the_rest_kept(
    handed_over: tuple[Vault, str, Path],
) -> None:
    vault, son, target = handed_over
    assert purge(vault, son, target, " dylan example ") > 0  # spaces and case aside
    assert [p.record.display_name for p in vault.people()] == ["Rhian Other"]
    assert vault.was_purged(son) and vault.verify() == []
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    assert [p.record.id for p in new.people()] == [son]  # their own vault still has them
    new.close()


@pytest.mark.parametrize("typed", ["", "Dylan", "Rhian Other"])
def test_without_their_name_nothing_is_erased(
    handed_over: tuple[Vault, str, Path], typed: str
) -> None:
    vault, son, target = handed_over
    before = snapshot(vault)
    with pytest.raises(errors.PurgeNotConfirmed):
        purge(vault, son, target, typed)
    assert snapshot(vault) == before


def test_not_before_the_new_vault_opens_with_its_new_passphrase(
    handed_over: tuple[Vault, str, Path], tmp_path: Path
) -> None:
    vault, son, target = handed_over
    before = snapshot(vault)
    with pytest.raises(errors.WrongPassphrase):
        purge(vault, son, target, "Dylan Example", new="not the new one at all")
    with pytest.raises(errors.VaultNotFound):
        purge(vault, son, tmp_path / "elsewhere.companion", "Dylan Example")
    assert snapshot(vault) == before


def test_not_when_something_was_added_or_corrected_since(
    handed_over: tuple[Vault, str, Path], clock: Clock
) -> None:
    vault, son, target = handed_over
    clock.advance(hours=1)
    entry = next(s.record for s in vault.appointments() if s.record.person_id == son)
    vault.save(dataclasses.replace(entry, account="Corrected after the hand-over."))
    before = snapshot(vault)
    with pytest.raises(errors.NotHandedOver):
        purge(vault, son, target, "Dylan Example")
    assert snapshot(vault) == before


def test_not_into_another_persons_vault(
    handed_over: tuple[Vault, str, Path], tmp_path: Path
) -> None:
    vault, son, _target = handed_over
    other = next(p.record.id for p in vault.people() if p.record.id != son)
    theirs = tmp_path / "rhian.companion"
    hand_over(vault, other, theirs, NEW_PASSPHRASE, policy=FAST_KDF)
    before = snapshot(vault)
    with pytest.raises(errors.NotHandedOver):
        purge(vault, son, theirs, "Dylan Example")
    assert snapshot(vault) == before


def test_a_name_matches_only_whole() -> None:
    person = make_person(display_name="Siân  Ap Rhys")
    assert name_matches("siân ap rhys", person) and name_matches(" SIÂN AP RHYS ", person)
    assert not name_matches("Siân", person) and not name_matches("Sian ap Rhys", person)
