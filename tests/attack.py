"""Shared by the reliability and security tests: a tally of the attacks that ran, and one way
to say what a vault holds, so "the same as before" means the same everywhere.

The tally. A test that loops over many inner cases (kill points, flipped bytes, hypothesis
examples) calls ``attack_cases(n)`` after those n cases ran; the summary at the end of the
run (tests/conftest.py) counts n for that test, or 1 for a test that reported none:

    from tests.attack import attack_cases

    for offset in offsets:
        check(offset)
        attack_cases(1)

The kind of attack a test counts under comes from its file's name: ``test_crash_*.py`` is
"crash", ``test_fuzz_import.py`` is "fuzz", and so on (see KINDS for the exceptions).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from companion.vault import Vault

# Folders whose tests are attacks on the product's promises.
ROOTS = ("tests/reliability/", "tests/security/")

# A file whose name does not start with the kind it counts under.
KINDS = {
    "test_no_plaintext": "leaks",
    "test_no_core_dumps": "leaks",
    "test_tamper": "forgery",
}

_inner: Counter[str] = Counter()


def attack_cases(n: int = 1) -> None:
    """Count n inner cases that have just run in the current test."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    nodeid = current.rsplit(" (", 1)[0]
    if nodeid:
        _inner[nodeid] += n


def kind_of(nodeid: str) -> str:
    stem = Path(nodeid.split("::", 1)[0]).stem
    if stem in KINDS:
        return KINDS[stem]
    return stem.removeprefix("test_").split("_", 1)[0]


def summary_line(reports: Iterable[Any]) -> str | None:
    """One line: how many attack cases ran in how many tests, by kind, and whether all passed.

    `reports` are pytest's test reports; a test counts once, by its call (or by its setup,
    if that failed).
    """
    outcome: dict[str, str] = {}
    for report in reports:
        nodeid = getattr(report, "nodeid", "")
        when = getattr(report, "when", None)
        if not nodeid.startswith(ROOTS) or when not in ("setup", "call", "teardown"):
            continue
        if report.failed:
            outcome[nodeid] = "failed"
        elif when == "call" and report.passed:
            outcome.setdefault(nodeid, "passed")
    if not outcome:
        return None
    by_kind: Counter[str] = Counter()
    for nodeid in outcome:
        by_kind[kind_of(nodeid)] += max(1, _inner.get(nodeid, 0))
    failed = sum(1 for o in outcome.values() if o == "failed")
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in sorted(by_kind.items(), key=lambda x: -x[1]))
    tests = len(outcome)
    verdict = "all passed" if not failed else f"{failed:,} failed"
    return (
        f"Reliability and security: {sum(by_kind.values()):,} attack cases in {tests:,} "
        f"test{'s' if tests != 1 else ''} ({kinds}), {verdict}."
    )


def snapshot(vault: Vault) -> dict[str, Any]:
    """Everything a person can see in a vault: each record as it stands, with every saved
    version and whether it is marked damaged, and how many changes are saved."""
    out: dict[str, Any] = {"size": vault.fingerprint().size}
    kept = vault.keeper()
    groups = {
        "people": vault.people(),
        "appointments": vault.appointments(),
        "events": vault.events(),
        "keeper": [] if kept is None else [kept],
    }
    for name, saved in groups.items():
        out[name] = sorted(
            ((s.record.id, s, tuple(vault.versions(s.record.id))) for s in saved),
            key=lambda item: item[0],
        )
    return out


def every_file(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            files += [Path(folder) / n for n in names]
    return files
