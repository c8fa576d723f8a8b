"""A hand-over killed at any moment leaves no file at the place chosen, or a complete one that
opens with its new passphrase, verifies and holds the person's records; the vault it came
from opens as before; and the hidden file it was building is removed at the next start.

The hand-over runs under tests/kill_harness.py, which also counts os.unlink here. A first run
counts the calls that can write; then runs are killed (SIGKILL) just before a few of them,
spread from first to last, and a few more after a random wait.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from companion import APP_NAME, leftovers, paths
from companion.handover import plan
from companion.handover_check import holds_all
from companion.model import EventKind
from companion.vault import Vault
from tests.attack import attack_cases, snapshot
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, reopen
from tests.kill_harness import LEARNED, learned, run_kills

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"
SPREAD_KILLS = 8  # kills before counted calls, spread over the whole hand-over
RANDOM_KILLS = 3  # kills after a random wait
ENTRIES = 30  # the person's appointments: enough writes to land kills among

# What each run does, in the helper's child (tests/kill_harness.py).
ACT = r"""
from companion.handover import hand_over
from companion.vault import Vault


def act(folder):
    vault = Vault.open(folder / "source.companion", passphrase=spec["passphrase"], policy=FAST)
    try:
        hand_over(vault, spec["person"], folder / "theirs.companion", spec["new_passphrase"],
                  policy=FAST)
    finally:
        vault.close()
"""


def build_baseline(folder: Path) -> str:
    """The appointee's vault: the person handed over, with corrections, and someone else."""
    clock = Clock()
    vault, _key = Vault.create(
        folder / "source.companion", PASSPHRASE, policy=FAST_KDF, clock=clock
    )
    son = vault.save(make_person(display_name="Dylan Example")).record
    other = vault.save(make_person(display_name="Rhian Other")).record
    for n in range(ENTRIES):
        clock.advance(hours=1)
        saved = vault.save(make_appointment(son.id, account=f"Entry {n}.")).record
        if n % 5 == 0:
            clock.advance(minutes=5)
            vault.save(make_appointment(son.id, id=saved.id, account=f"Entry {n}, corrected."))
    vault.save(make_event(son.id))
    vault.save(make_appointment(other.id, account="Someone else's entry."))
    vault.close()
    return son.id


def run_driver(person: str, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spec = {
        "person": person,
        "passphrase": PASSPHRASE,
        "new_passphrase": NEW_PASSPHRASE,
        "unlink": True,  # a hand-over removes what it made if it fails: count that too
    }
    return run_kills(ACT, spec, cases)


def check(folder: Path, person: str, before: Any, monkeypatch: pytest.MonkeyPatch) -> bool:
    """What a run left in `folder` is sound; returns whether the new vault was made."""
    monkeypatch.setattr(paths, "config_dir", lambda: folder / "config" / APP_NAME)
    source = reopen(folder / "source.companion")
    try:
        assert source.verify() == [] and snapshot(source) == before  # opens as before
        chosen = plan(source, person)
    finally:
        source.close()
    target = folder / "theirs.companion"
    made = target.exists()
    if made:  # complete: opens with its new passphrase, verifies, holds what was planned
        new = reopen(target, passphrase=NEW_PASSPHRASE)
        try:
            assert new.problems == [] and new.verify() == []
            assert holds_all(new, chosen)
            assert [p.record.id for p in new.people()] == [person]
            notes = [e for e in new.events() if e.record.kind is EventKind.HANDED_OVER]
            entries = len(new.appointments()) + len(new.events())
            assert len(notes) == 1 and entries == len(chosen.items)  # the items, less the
        finally:  # person, and the note of where they came from
            new.close()
    # The next start removes the hidden vault a kill left, wherever it was written.
    leftovers.remove_noted_leftovers()
    leftovers.remove_leftovers(folder)
    names = {p.name for p in folder.iterdir() if p.is_file()}
    expected = {"source.companion", "source.companion-wal", "theirs.companion", *LEARNED}
    assert names <= expected, names - expected
    return made


@pytest.mark.slow
def test_a_hand_over_killed_at_any_moment_leaves_nothing_or_a_whole_vault(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline"
    baseline.mkdir()
    person = build_baseline(baseline)
    source = reopen(baseline / "source.companion")
    before = snapshot(source)
    source.close()

    def fresh(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(baseline, folder)
        return folder

    learn = fresh("learn")
    [first] = run_driver(person, [{"folder": str(learn), "learn": True}])
    assert first["code"] == 0, (learn / "failure.txt").read_text()
    counted, _labels = learned(learn)
    assert check(learn, person, before, monkeypatch), "the hand-over made nothing to test"

    rng = random.Random("handover-kills")
    points = sorted({1 + (counted - 1) * n // (SPREAD_KILLS - 1) for n in range(SPREAD_KILLS)})
    cases: list[dict[str, Any]] = [
        {"folder": str(fresh(f"kill-{n}")), "kill_at": n} for n in points
    ]
    for n in range(RANDOM_KILLS):
        wait = rng.uniform(0, first["seconds"])
        cases.append({"folder": str(fresh(f"random-{n}")), "kill_after": wait})
    results = run_driver(person, cases)

    outcomes = []
    for case, result in zip(cases, results, strict=True):
        folder = Path(case["folder"])
        if "kill_at" in case:
            assert result["signal"] == 9, f"the run meant to die at call {case['kill_at']} did not"
        else:
            assert result["signal"] == 9 or result["code"] == 0
        outcomes.append(check(folder, person, before, monkeypatch))
        attack_cases(1)
    assert False in outcomes  # some kills landed before the vault was moved into place
