"""The fictional sample: it loads, it is plainly fictional, and it shows what the app is for."""

from __future__ import annotations

from pathlib import Path

from companion import demo
from companion.model import Channel, EventKind, Relationship, Role
from companion.problems import EntryProblem, problems_of
from tests.conftest import FAST_KDF, reopen


def test_the_sample_is_an_appointee_with_three_sons_over_two_years(vault_path: Path) -> None:
    vault, _ = demo.create(vault_path, demo.DEMO_PASSPHRASE, FAST_KDF)
    people = [p.record for p in vault.people()]
    assert all("(fictional)" in p.display_name for p in people)
    sons = [p for p in people if p.relationship is Relationship.CHILD]
    assert len(sons) == 3 and all(p.role is Role.OFFICIAL_APPOINTEE for p in sons)
    appointments = [a.record for a in vault.appointments()]
    days = sorted(a.date for a in appointments)
    assert (days[-1] - days[0]).days > 365
    problems = {p for a in appointments for p in problems_of(a)}
    assert {EntryProblem.PEOPLE_AT_STAFF_END, EntryProblem.NO_PRIVATE_ROOM} <= problems
    assert any(a.channel is Channel.TELEPHONE for a in appointments)
    kinds = {e.record.kind for e in vault.events()}
    assert {EventKind.DECISION_LETTER, EventKind.MR_NOTICE} <= kinds
    assert any(a.corrected for a in vault.appointments())
    # Every dispute step the app knows prints by name in the sample, and its keeper is named.
    assert {EventKind.APPEAL_LODGED, EventKind.TRIBUNAL_DECISION, EventKind.ICE_REFERRAL} <= kinds
    assert vault.keeper() is not None and vault.keeper().record.name == demo.KEEPER
    assert vault.problems == []
    vault.close()


def test_demo_command_writes_the_sample_into_a_new_vault(cli, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("demo")
    assert result.code == 0 and "fictional sample" in result.out
    listed = cli("list", "--privacy-issues")
    assert listed.code == 0 and "Dylan Sample" in listed.out
    reopen(vault_path).close()


def test_the_throwaway_demo_leaves_no_note_of_its_place_on_this_computer() -> None:
    """Each demo is made in a new temporary folder; a note kept of each place would pile up in
    the settings folder, and every save would rewrite them all."""
    from companion import heads

    with demo.throwaway(FAST_KDF) as path:
        assert heads.recall(path) is not None  # seen while it is open, like any vault
    assert heads.recall(path) is None


def test_the_tribunals_own_steps_are_from_hmcts_never_dwp(vault_path: Path) -> None:
    vault = demo.create(vault_path, "a passphrase for the sample", FAST_KDF)[0]
    steps = {EventKind.APPEAL_LODGED, EventKind.HEARING, EventKind.ADJOURNMENT}
    steps.add(EventKind.TRIBUNAL_DECISION)
    found = [e.record for e in vault.events() if e.record.kind in steps]
    vault.close()
    assert {e.kind for e in found} == steps
    assert {e.organisation for e in found} == {"HM Courts and Tribunals Service"}
