"""Killed at any moment, an attach leaves the vault as it was before or with the whole file
attached, and a copy being saved leaves no file at its place or the whole one (and the hidden
file it was written in is removed at the next start).

Under tests/kill_harness.py: the first run counts the calls that can write (a blob's write
among them), then one run is killed (SIGKILL) just before each of them, and a few more after a
random wait.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from companion import APP_NAME, leftovers, paths
from companion.attachment_chunks import CHUNK, CHUNKS_PER_PART
from companion.vault import Vault
from tests.attack import attack_cases, snapshot
from tests.builders import make_person
from tests.conftest import PASSPHRASE, Clock, create_vault, reopen
from tests.core.attachment_helpers import a_file, entry_in
from tests.kill_harness import learned, run_kills

SIZE = CHUNKS_PER_PART * CHUNK + 3 * CHUNK + 7  # two stored parts
RANDOM_KILLS = 4

# What each run does, in the helper's child (tests/kill_harness.py).
ACT = r"""
from companion.vault import Vault


def act(folder):
    vault = Vault.open(folder / "vault.companion", passphrase=spec["passphrase"], policy=FAST)
    if spec["action"] == "attach":
        vault.attach(spec["entry"], Path(spec["file"]), description="Killed or whole")
    else:
        vault.save_attachment_copy(spec["attachment"], folder / "out" / "copy.mp3")
    vault.close()
"""


def baseline(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A closed vault with an entry and one attachment already, and the file to attach."""
    folder = tmp_path / "before"
    (folder / "out").mkdir(parents=True)
    vault = create_vault(folder / "vault.companion", Clock())
    entry = entry_in(vault)
    kept = vault.attach(entry, a_file(tmp_path, SIZE, "earlier.mp3", seed=3)).record
    vault.close()
    config = folder / "config" / APP_NAME
    config.mkdir(parents=True)
    shutil.copy(paths.seen_heads_file(), config / paths.seen_heads_file().name)
    new = a_file(tmp_path, SIZE, "interview.mp3", seed=5)
    return folder, {"entry": entry, "attachment": kept.id, "file": str(new)}


def run_driver(spec: dict[str, Any], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return run_kills(ACT, {**spec, "passphrase": PASSPHRASE}, cases)


def state_of(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the vault holds (records, and each attachment with its content's hash), checked to
    open cleanly, verify, and take the next change."""
    monkeypatch.setattr(paths, "config_dir", lambda: folder / "config" / APP_NAME)
    vault = reopen(folder / "vault.companion")
    try:
        assert vault.problems == [] and vault.verify() == []
        held = [
            (s.record, hashlib.sha256(b"".join(vault.attachment_chunks(s.record.id))).hexdigest())
            for s in vault.attachments()
        ]
        seen = (snapshot(vault), held)
        vault.save(make_person(display_name="Written after the kill"))
    finally:
        vault.close()
    again: Vault = reopen(folder / "vault.companion")
    try:
        assert again.problems == [] and again.verify() == []
    finally:
        again.close()
    return seen


def cases_for(spec: dict[str, Any], before: Path, tmp_path: Path) -> list[dict[str, Any]]:
    learn = tmp_path / "learn"
    shutil.copytree(before, learn)
    [first] = run_driver(spec, [{"folder": str(learn), "learn": True}])
    assert first["code"] == 0, (learn / "failure.txt").read_text()
    count, _labels = learned(learn)
    rng = random.Random(spec["action"])
    cases: list[dict[str, Any]] = [
        {"folder": str(tmp_path / f"kill-{n}"), "kill_at": n} for n in range(1, count + 1)
    ]
    cases += [
        {"folder": str(tmp_path / f"random-{n}"), "kill_after": rng.uniform(0, first["seconds"])}
        for n in range(RANDOM_KILLS)
    ]
    for case in cases:
        shutil.copytree(before, case["folder"])
    return [learn, *cases]  # type: ignore[list-item]


@pytest.mark.slow
def test_an_attach_killed_anywhere_leaves_the_vault_before_or_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, ids = baseline(tmp_path)
    spec = {"action": "attach", **ids}
    learn, *cases = cases_for(spec, before, tmp_path)
    was = state_of(shutil.copytree(before, tmp_path / "check"), monkeypatch)
    after = state_of(learn, monkeypatch)
    assert len(after[1]) == len(was[1]) + 1, "the attach did nothing, so this would prove nothing"
    results = run_driver(spec, cases)
    for case, result in zip(cases, results, strict=True):
        if "kill_at" in case:
            assert result["signal"] == 9, f"the run meant to die at call {case['kill_at']} did not"
        seen = state_of(Path(case["folder"]), monkeypatch)
        # The time of capture and the new id differ from run to run: compare what they hold.
        assert _without_ids(seen) in (_without_ids(was), _without_ids(after)), case
        attack_cases(1)


def _without_ids(state: Any) -> Any:
    records, held = state
    return (records, sorted((r.name, r.size, r.sha256, digest) for r, digest in held))


@pytest.mark.slow
def test_a_copy_killed_anywhere_leaves_no_file_or_the_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, ids = baseline(tmp_path)
    spec = {"action": "copy", **ids}
    learn, *cases = cases_for(spec, before, tmp_path)
    whole = (learn / "out" / "copy.mp3").read_bytes()
    assert whole == (tmp_path / "earlier.mp3").read_bytes()
    results = run_driver(spec, cases)
    for case, result in zip(cases, results, strict=True):
        folder = Path(case["folder"])
        if "kill_at" in case:
            assert result["signal"] == 9
        out = folder / "out"
        copy = out / "copy.mp3"
        assert not copy.exists() or copy.read_bytes() == whole, case
        # The next start removes the hidden file a killed copy was being written in, wherever
        # it is. Killed in the instant after it was made and before it was noted, it is still
        # empty, and the next copy or export into that folder removes it.
        monkeypatch.setattr(paths, "config_dir", lambda f=folder: f / "config" / APP_NAME)
        leftovers.remove_noted_leftovers()
        for left in out.iterdir():
            if left.name != "copy.mp3":
                assert leftovers.is_leftover_name(left.name) and left.stat().st_size == 0, case
        leftovers.remove_leftovers(out)
        assert [p.name for p in out.iterdir()] in ([], ["copy.mp3"]), case
        attack_cases(1)
