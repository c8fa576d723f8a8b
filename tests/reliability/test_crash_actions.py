"""Killed at any moment, each action leaves the vault exactly as it was before or exactly as it
is after: it opens without a problem, verifies, and takes the next change.

Each action runs under tests/kill_harness.py: a first run counts the calls that can write;
then the action runs once more for every count N and is killed (SIGKILL, which nothing can
catch) just before its Nth such call. A few more runs are killed after a random wait, which
can land inside SQLite's own writing.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from companion import APP_NAME, errors, paths
from companion.export import ExportOptions, Format, export
from companion.model import new_id
from companion.vault import Vault
from tests.attack import attack_cases, every_file, snapshot
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, reopen
from tests.kill_harness import learned, run_kills

NEW_PASSPHRASE = "a different and much longer passphrase"
ACTIONS = ("save", "correct", "delete", "import", "purge", "passphrase")
RANDOM_KILLS = 4  # per action, besides one kill before every counted call
IMPORTED = 50  # records in the file imported: one person and 49 appointments

# What each run does, in the helper's child (tests/kill_harness.py).
ACT = r"""
from datetime import UTC, datetime

from companion.importer import import_file
from companion.vault import Vault
from tests.builders import make_appointment


def clock():
    return datetime(2026, 3, 9, 12, 0, tzinfo=UTC)


def act(folder):
    ids = spec["ids"]
    vault = Vault.open(folder / "vault.companion", passphrase=spec["passphrase"], policy=FAST,
                       clock=clock)
    action = spec["action"]
    if action == "save":
        vault.save(make_appointment(ids["person"], id=ids["new"],
                                    account="A new appointment, saved whole or not at all."))
    elif action == "correct":
        current = vault.get(ids["first"]).record
        vault.save(dataclasses.replace(current, account="Corrected after a crash test."))
    elif action == "delete":
        vault.delete(ids["second"])
    elif action == "import":
        import_file(vault, Path(spec["file"]))
    elif action == "purge":
        vault.purge_person(ids["other"])
    elif action == "passphrase":
        vault.change_passphrase(spec["passphrase"], spec["new_passphrase"])
    vault.close()
"""


@dataclasses.dataclass
class Baseline:
    folder: Path  # holds vault.companion and config/, the state before the action
    ids: dict[str, str]
    import_file: Path
    purged: list[bytes]  # the ciphertext of what a purge erases


def build_baseline(tmp_path: Path, isolated_home: Path) -> Baseline:
    """A vault with two people, appointments, an event and a correction, closed and
    checkpointed; and the settings folder that has seen it."""
    folder = tmp_path / "before"
    clock = Clock()
    vault, _ = Vault.create(folder / "vault.companion", PASSPHRASE, policy=FAST_KDF, clock=clock)
    person = vault.save(make_person()).record
    other = vault.save(make_person(display_name="Sam Other")).record
    first = vault.save(make_appointment(person.id, account="First account.")).record
    second = vault.save(make_appointment(person.id, account="Second account.")).record
    vault.save(make_event(person.id))
    vault.save(dataclasses.replace(first, account="First account, corrected."))
    theirs = [other.id]
    for n in range(3):
        account = f"The other person's entry {n}. " * (1 + 200 * n)  # the last on overflow pages
        theirs.append(vault.save(make_appointment(other.id, account=account)).record.id)
    erased = {r.seq for rid in theirs for r in vault.revisions_of(rid)}
    vault.close()
    conn = sqlite3.connect(folder / "vault.companion")
    rows = conn.execute("SELECT seq, sealed FROM revisions").fetchall()
    conn.close()
    purged = [bytes(sealed) for seq, sealed in rows if seq in erased]
    config = folder / "config" / APP_NAME
    config.mkdir(parents=True)
    shutil.copy(paths.seen_heads_file(), config / paths.seen_heads_file().name)

    # The file to import: a person and 49 appointments exported from another vault.
    source, _ = Vault.create(tmp_path / "source.companion", PASSPHRASE, policy=FAST_KDF)
    newcomer = source.save(make_person(display_name="Imported Person")).record
    for n in range(IMPORTED - 1):
        source.save(make_appointment(newcomer.id, account=f"Imported entry {n}."))
    exported = tmp_path / "import.json"
    export(source, Format.JSON, ExportOptions(show_ni_number=True), exported)
    source.close()
    ids = {
        "person": person.id,
        "other": other.id,
        "first": first.id,
        "second": second.id,
        "new": new_id(),
    }
    return Baseline(folder, ids, exported, purged)


def fresh_copy(baseline: Baseline, folder: Path) -> Path:
    shutil.copytree(baseline.folder, folder)
    return folder


def run_driver(baseline: Baseline, action: str, cases: list[dict[str, Any]]) -> list[dict]:
    spec = {
        "action": action,
        "ids": baseline.ids,
        "file": str(baseline.import_file),
        "passphrase": PASSPHRASE,
        "new_passphrase": NEW_PASSPHRASE,
    }
    return run_kills(ACT, spec, cases)


def kill_points(labels: list[str]) -> list[int]:
    """Before every counted call (1 to the total), so every write and sync is a boundary."""
    return list(range(1, len(labels) + 1))


def open_either(folder: Path, action: str) -> tuple[Vault, str]:
    """Open with the passphrase of the state before the action or, failing that, after it."""
    path = folder / "vault.companion"
    if action != "passphrase":
        return reopen(path), PASSPHRASE
    try:
        return reopen(path), PASSPHRASE
    except errors.WrongPassphrase:
        return reopen(path, passphrase=NEW_PASSPHRASE), NEW_PASSPHRASE


def state_of(folder: Path, action: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    """What the vault in `folder` holds and which passphrase opens it, checked to open
    cleanly and to take a new change."""
    monkeypatch.setattr(paths, "config_dir", lambda: folder / "config" / APP_NAME)
    vault, passphrase = open_either(folder, action)
    try:
        assert vault.problems == [], f"problems after a crash: {vault.problems}"
        assert vault.verify() == []
        seen = snapshot(vault)
        vault.save(make_person(display_name="Written after the crash"))
    finally:
        vault.close()
    again = reopen(folder / "vault.companion", passphrase=passphrase)
    try:
        assert again.problems == [] and again.verify() == []
        assert any(p.record.display_name == "Written after the crash" for p in again.people())
    finally:
        again.close()
    return seen, passphrase


@pytest.mark.slow
@pytest.mark.parametrize("action", ACTIONS)
def test_a_kill_at_any_write_leaves_the_state_before_or_after(
    action: str, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = build_baseline(tmp_path, isolated_home)
    before = state_of(fresh_copy(baseline, tmp_path / "check-before"), action, monkeypatch)

    learn = fresh_copy(baseline, tmp_path / "learn")
    [first] = run_driver(baseline, action, [{"folder": str(learn), "learn": True}])
    assert first["code"] == 0, (learn / "failure.txt").read_text()
    _count, labels = learned(learn)
    after = state_of(learn, action, monkeypatch)
    assert after != before, "the action changed nothing, so this test would prove nothing"

    rng = random.Random(f"{action}-kills")
    cases: list[dict[str, Any]] = []
    for n in kill_points(labels):
        cases.append({"folder": str(tmp_path / f"kill-{n}"), "kill_at": n, "why": labels[n - 1]})
    for n in range(RANDOM_KILLS):
        wait = rng.uniform(0, first["seconds"] * 1.2)
        cases.append({"folder": str(tmp_path / f"random-{n}"), "kill_after": wait, "why": "timer"})
    for case in cases:
        fresh_copy(baseline, Path(case["folder"]))
    results = run_driver(baseline, action, cases)

    for case, result in zip(cases, results, strict=True):
        folder = Path(case["folder"])
        if "kill_at" in case:
            assert result["signal"] == 9, f"the run meant to die at {case['why']} did not"
        else:
            assert result["signal"] == 9 or result["code"] == 0
        seen = state_of(folder, action, monkeypatch)
        assert seen in (before, after), f"killed at {case['why']}: neither before nor after"
        if action == "purge" and seen == after:
            # Once the vault has been opened and closed again, nothing erased is left.
            data = b"".join(path.read_bytes() for path in every_file(folder))
            assert not [c for c in baseline.purged if c[12:44] in data], case["why"]
        attack_cases(1)
