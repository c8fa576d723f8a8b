"""Handing one person's records over: a new vault of their own, with its own passphrase and
recovery key, holding exactly their records with every version, nothing of anyone else, and
a first note of where the records came from; the vault they came from is only read."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from companion import errors, heads, leftovers, paths
from companion.export import ExportOptions, Format, export
from companion.handover import confirm_shown, hand_over, plan
from companion.importer import import_file
from companion.ledger import ProblemKind
from companion.model import EventKind, Keeper, Person, Relationship, Role
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, create_vault, reopen
from tests.readback import pages_text

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"
OTHER = "ZqOtherPersonMarker"  # in every record of the person who is not handed over
KEEPER_DETAILS = ("ZqKeeperAddressMarker", "ZqKeeperPhoneMarker", "zqkeeper@example.org")


@dataclasses.dataclass
class Family:
    vault: Vault
    clock: Clock
    son: Person
    other: Person
    deleted_id: str


@pytest.fixture
def family(vault_path: Path, clock: Clock, tmp_path: Path) -> Family:
    """An appointee's vault: her son, with corrections, a deleted entry and a note brought in
    from a sheet that gave no time of writing; and another person, marked everywhere."""
    vault = create_vault(vault_path, clock)
    vault.save(Keeper("Morwen Keeper", address=KEEPER_DETAILS[0], phone=KEEPER_DETAILS[1],
                      email=KEEPER_DETAILS[2]))  # fmt: skip
    son = vault.save(
        make_person(
            display_name="Dylan Example",
            relationship=Relationship.CHILD,
            role=Role.OFFICIAL_APPOINTEE,
        )
    ).record
    other = vault.save(make_person(display_name=OTHER, ni_number="QQ654321A")).record
    clock.advance(days=1)
    first = vault.save(make_appointment(son.id, account="What happened, as first written.")).record
    vault.save(make_appointment(other.id, account=f"{OTHER} account", location=OTHER))
    vault.save(make_event(other.id, notes=f"{OTHER} notes", reference=OTHER))
    clock.advance(days=2)
    vault.save(dataclasses.replace(first, account="What happened, corrected two days later."))
    vault.save(make_event(son.id, summary="PIP refused."))
    deleted = vault.save(make_appointment(son.id, account="Saved by mistake.")).record
    vault.delete(deleted.id)
    sheet = tmp_path / "diary.csv"
    sheet.write_text("person,date,account\nDylan Example,2026-01-05,From a diary kept on paper.\n")
    clock.advance(hours=3)
    import_file(vault, sheet)
    clock.advance(days=30)
    return Family(vault, clock, son, other, deleted.id)


def handed(family: Family, target: Path, **kwargs: object) -> Path:
    recovery = hand_over(
        family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF, **kwargs
    )  # type: ignore[arg-type]
    confirm_shown(target, recovery)
    return target


def son_records(vault: Vault, person_id: str) -> dict[str, list]:  # type: ignore[type-arg]
    """Each of the person's records with every version as (time written, wording)."""
    ids = [person_id] + [
        s.record.id
        for s in [*vault.appointments(), *vault.events()]
        if s.record.person_id == person_id
    ]
    return {rid: [(v.saved_at, v.record) for v in vault.versions(rid)] for rid in ids}


def test_it_opens_with_its_new_passphrase_and_new_recovery_key_and_no_old_one(
    family: Family, tmp_path: Path
) -> None:
    target = tmp_path / "dylan.companion"
    recovery = hand_over(family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    reopen(target, passphrase=NEW_PASSPHRASE).close()
    Vault.open(target, recovery_key=recovery, use_device=False).close()
    with pytest.raises(errors.WrongPassphrase):
        reopen(target, passphrase=PASSPHRASE)
    family.vault.close()
    old = reopen(family.vault.path)
    old_key = old.new_recovery_key(PASSPHRASE)  # the old vault's own key (set-up's is not kept)
    old.close()
    with pytest.raises(errors.WrongRecoveryKey):
        Vault.open(target, recovery_key=old_key, use_device=False)


def test_it_holds_exactly_that_persons_records_with_every_version(
    family: Family, tmp_path: Path
) -> None:
    before = son_records(family.vault, family.son.id)
    diary = next(s.record.id for s in family.vault.appointments() if s.written_at == s.imported_at)
    new = reopen(handed(family, tmp_path / "dylan.companion"), passphrase=NEW_PASSPHRASE)
    after = son_records(new, family.son.id)
    [note] = [s.record for s in new.events() if s.record.kind is EventKind.HANDED_OVER]
    del after[note.id]
    assert set(after) == set(before) and family.deleted_id not in after
    own = dataclasses.replace(family.son, relationship=Relationship.SELF, role=Role.CLAIMANT)
    assert after.pop(family.son.id) == [*before.pop(family.son.id), (family.clock.now, own)]
    assert [wording for _when, wording in after.pop(diary)] == [
        wording for _when, wording in before.pop(diary)
    ]  # its time: see the next test
    assert after == before  # the same ids, times and wording, every correction
    assert sorted(len(versions) for versions in before.values()) == [1, 2]
    for rid in [family.son.id, diary, *after]:
        assert new.get(rid).imported_at == family.clock.now  # marked as brought in today
    new.close()


def test_a_note_whose_time_was_never_known_stays_not_known(family: Family, tmp_path: Path) -> None:
    diary = next(
        s for s in family.vault.appointments() if s.record.account.startswith("From a diary")
    )
    assert diary.written_at == diary.imported_at  # the sheet gave no time of writing
    new = reopen(handed(family, tmp_path / "dylan.companion"), passphrase=NEW_PASSPHRASE)
    again = new.get(diary.record.id)
    assert again.record == diary.record
    # Not passed off as written when it first came in: its time is still the import's own.
    assert again.written_at == again.imported_at == family.clock.now
    new.close()


def test_nothing_of_anyone_else_is_in_the_new_vault(family: Family, tmp_path: Path) -> None:
    target = handed(family, tmp_path / "dylan.companion")
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    everything = repr(snapshot(new))
    assert [p.record.id for p in new.people()] == [family.son.id]
    assert new.keeper() is None  # left unset unless chosen
    new.close()
    for marker in (OTHER, family.other.id, "QQ654321A", *KEEPER_DETAILS):
        assert marker not in everything, marker
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("dylan"))
    for marker in (OTHER, *KEEPER_DETAILS):
        assert marker.encode() not in data and marker.encode("utf-16-le") not in data


def test_it_verifies_on_its_own_and_says_where_it_came_from(family: Family, tmp_path: Path) -> None:
    target = handed(family, tmp_path / "dylan.companion")
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    assert new.problems == [] and new.verify() == []
    assert new.recovery_key_shown
    assert new.vault_id != family.vault.vault_id
    [note] = [s.record for s in new.events() if s.record.kind is EventKind.HANDED_OVER]
    expected = (
        "Handed over on Saturday 4 April 2026 from the records kept by Morwen Keeper, "
        "official appointee for Dylan Example."
    )
    assert note.summary == expected
    for fmt in (Format.MARKDOWN, Format.PDF):
        out = tmp_path / f"exported.{fmt.value}"
        export(new, fmt, ExportOptions(), out)
        text = (
            out.read_text(encoding="utf-8")
            if fmt is Format.MARKDOWN
            else "".join(pages_text(out.read_bytes()))
        )
        assert expected in " ".join(text.split()), fmt
    new.close()


def test_the_vault_it_came_from_is_unchanged(family: Family, tmp_path: Path) -> None:
    before = snapshot(family.vault), family.vault.fingerprint()
    handed(family, tmp_path / "dylan.companion")
    assert (snapshot(family.vault), family.vault.fingerprint()) == before
    family.vault.close()
    again = reopen(family.vault.path)
    assert (snapshot(again), again.fingerprint()) == before and again.verify() == []
    again.close()


def test_the_keeper_is_the_one_chosen_and_a_copied_keeper_keeps_the_role(
    family: Family, tmp_path: Path
) -> None:
    own = reopen(
        handed(family, tmp_path / "own.companion", keeper=Keeper("Dylan Example")),
        passphrase=NEW_PASSPHRASE,
    )
    assert own.keeper().record.name == "Dylan Example"  # type: ignore[union-attr]
    assert own.get(family.son.id).record.role is Role.CLAIMANT
    own.close()
    kept = family.vault.keeper().record  # type: ignore[union-attr]
    copy = Keeper(kept.name, address=kept.address, phone=kept.phone, email=kept.email)
    copied = reopen(
        handed(family, tmp_path / "copied.companion", keeper=copy, own_claim=False),
        passphrase=NEW_PASSPHRASE,
    )
    assert copied.keeper().record.address == KEEPER_DETAILS[0]  # type: ignore[union-attr]
    assert copied.get(family.son.id).record == family.son
    assert copied.versions(family.son.id)[-1].record == family.son  # no correction
    copied.close()


def test_its_recovery_key_counts_as_not_shown_until_it_was(family: Family, tmp_path: Path) -> None:
    target = tmp_path / "dylan.companion"
    recovery = hand_over(family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    assert not new.recovery_key_shown
    new.close()
    confirm_shown(target, recovery)
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    assert new.recovery_key_shown
    new.close()


@pytest.mark.parametrize("where", ["existing file", "folder", "the vault itself", "no folder"])
def test_a_place_it_must_not_go_is_refused_and_nothing_is_made(
    family: Family, tmp_path: Path, where: str
) -> None:
    existing = tmp_path / "there.companion"
    existing.write_bytes(b"someone's file")
    target, error = {
        "existing file": (existing, errors.VaultExists),
        "folder": (tmp_path, errors.TargetIsFolder),
        "the vault itself": (family.vault.path, errors.TargetIsThisVault),
        "no folder": (tmp_path / "missing" / "new.companion", errors.NoSuchFolder),
    }[where]
    listing = sorted(os.listdir(tmp_path))
    before = snapshot(family.vault)
    with pytest.raises(error):
        hand_over(family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    assert sorted(os.listdir(tmp_path)) == listing
    assert existing.read_bytes() == b"someone's file"
    assert snapshot(family.vault) == before


def test_a_failure_part_way_leaves_nothing_at_the_place_or_beside_it(
    family: Family, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "dylan.companion"
    target.parent.mkdir()

    def stop(done: int, total: int) -> None:
        if done == 3:
            raise OSError(28, "No space left on device")

    with pytest.raises(errors.StorageFull):
        hand_over(
            family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF, progress=stop
        )
    assert os.listdir(target.parent) == []
    assert not (paths.config_dir() / "writing.json").exists()  # no hidden file still noted
    assert heads.recall(target) is None


def test_a_vault_that_does_not_hold_what_was_planned_is_never_moved_into_place(
    family: Family, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion import handover

    real = handover._fill

    def one_left_out(new: Vault, chosen: handover.Plan, progress: object) -> None:
        real(new, dataclasses.replace(chosen, items=chosen.items[:-1]), None)

    monkeypatch.setattr(handover, "_fill", one_left_out)
    target = tmp_path / "out" / "dylan.companion"
    target.parent.mkdir()
    with pytest.raises(errors.HandoverIncomplete):
        hand_over(family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    assert os.listdir(target.parent) == []


def test_a_damaged_vault_hands_nothing_over(family: Family, tmp_path: Path) -> None:
    family.vault._ledger.note(ProblemKind.TREE_MISMATCH)  # as a failed check leaves it
    with pytest.raises(errors.VaultReadOnly):
        hand_over(
            family.vault, family.son.id, tmp_path / "d.companion", NEW_PASSPHRASE, policy=FAST_KDF
        )
    assert not (tmp_path / "d.companion").exists()


def test_a_hidden_vault_left_by_a_kill_is_removed_at_the_next_start(
    family: Family, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a kill part way leaves beside the place is noted, so the next start removes it."""
    from companion import handover

    left: list[Path] = []

    def killed(new: Vault, chosen: handover.Plan, progress: object) -> None:
        left.append(new.path)
        raise SystemExit  # stands in for the kill: the clean-up below is skipped

    target = tmp_path / "out" / "dylan.companion"
    target.parent.mkdir()
    with monkeypatch.context() as patched, pytest.raises(SystemExit):
        patched.setattr(handover, "_fill", killed)
        patched.setattr(handover, "_remove", lambda temp: None)
        patched.setattr(leftovers, "finished", lambda temp: None)
        hand_over(family.vault, family.son.id, target, NEW_PASSPHRASE, policy=FAST_KDF)
    assert left and left[0].exists() and leftovers.is_leftover_name(left[0].name)
    assert leftovers.remove_noted_leftovers() == 1
    assert not left[0].exists() and not target.exists()


def test_the_plan_holds_no_one_else(family: Family) -> None:
    chosen = plan(family.vault, family.son.id)
    ids = {rid for rid, _versions in chosen.items}
    assert family.other.id not in ids and family.deleted_id not in ids
    for _rid, versions in chosen.items:
        for version in versions:
            assert getattr(version.record, "person_id", family.son.id) == family.son.id
