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

import dataclasses
import json
import os
import signal
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.crypto import KdfPolicy
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Appointment,
    Event,
    Keeper,
    Person,
)
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person

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


# -- a scripted session that writes something distinctive in every field ----------------------

FIRST_PASSPHRASE = "Zq-first-passphrase-ŵŷ-cwm"
SECOND_PASSPHRASE = "Zq-second-passphrase-ŵŷ-fjord"
NI_NUMBER = "QQ987654B"
REPO = Path(__file__).resolve().parents[1]
# The same as FAST_KDF in tests/conftest.py, which a child process does not import.
FAST = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


def marked(cls: type, tag: str) -> dict[str, str]:
    """A distinctive word for each free-text field of a record type, e.g.
    {"account": "ZqAAccountŵ"}: letters that appear nowhere else, and a Welsh one, so the
    UTF-8 and UTF-16 forms differ from plain ASCII."""
    skip = {"id", "person_id", "ni_number"}
    return {
        f.name: f"Zq{tag}{f.name.title().replace('_', '')}ŵ"
        for f in dataclasses.fields(cls)
        if f.type in ("str", str) and f.name not in skip
    }


DRAFT_WORDS = "ZqDraftAccountŵ"  # typed into a form and left unsaved


def session_markers() -> list[str]:
    """Every distinctive string the session writes, passphrases included."""
    out = [FIRST_PASSPHRASE, SECOND_PASSPHRASE, NI_NUMBER, "QQ 98 76 54 B", "ZqCsvAccountŵ"]
    out.append(DRAFT_WORDS)
    for cls, tags in ((Keeper, "K"), (Person, "PI"), (Appointment, "ABI"), (Event, "EF")):
        for tag in tags:
            out += marked(cls, tag).values()
    out += marked(Adjustment, "J").values()
    return sorted(set(out))


def needles(markers: Iterable[str]) -> list[tuple[str, bytes]]:
    return [
        (m, m.encode(encoding)) for m in markers for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    ]


def folders_of(root: Path) -> dict[str, Path]:
    """Where a session keeps things: its vaults, the app's own folders, the temporary folder,
    and the folder the person chose for exports."""
    return {
        "vaults": root / "vaults",
        "home": root / "home",
        "tmp": root / "tmp",
        "runtime": root / "runtime",
        "chosen": root / "chosen",
    }


def session_env(root: Path) -> dict[str, str]:
    """The environment of a child process whose every folder is under `root`."""
    folders = folders_of(root)
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_PASSPHRASE"}
    home = folders["home"]
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(folders["runtime"]),
        TMPDIR=str(folders["tmp"]),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def scripted_session(root: Path) -> list[str]:
    """What a person does in a first week: make a vault, name the keeper, add a person,
    appointments and an event, correct them, leave a form half-written, export in every
    format to a folder they chose, import a JSON log and a spreadsheet, and change the
    passphrase. Returns the names of the files written to the chosen folder."""
    folders = folders_of(root)
    chosen = folders["chosen"]
    path = folders["vaults"] / "records.companion"

    def clock() -> datetime:
        return datetime(2026, 3, 9, 12, 0, tzinfo=UTC)

    def adjustment(tag: str) -> Adjustment:
        return Adjustment(AdjustmentKind.PRIVATE_ROOM, outcome=AdjustmentOutcome.REFUSED,
                          **marked(Adjustment, tag))  # fmt: skip

    vault, _recovery = Vault.create(path, FIRST_PASSPHRASE, policy=FAST, clock=clock)
    vault.save(Keeper(**marked(Keeper, "K")))
    person = vault.save(make_person(**marked(Person, "P"), ni_number=NI_NUMBER)).record
    appointment = vault.save(
        make_appointment(person.id, **marked(Appointment, "A"), adjustments=(adjustment("J"),))
    ).record
    vault.save(dataclasses.replace(appointment, **marked(Appointment, "B")))
    event = vault.save(make_event(person.id, **marked(Event, "E"))).record
    vault.save(dataclasses.replace(event, **marked(Event, "F")))

    # A log from another vault, and a diary kept in a spreadsheet, to bring in.
    source, _ = Vault.create(folders["vaults"] / "other.companion", "Zq-other", policy=FAST)
    newcomer = source.save(make_person(**marked(Person, "I"))).record
    source.save(make_appointment(newcomer.id, **marked(Appointment, "I")))
    export(source, Format.JSON, ExportOptions(show_ni_number=True), chosen / "from-other.json")
    source.close()
    (chosen / "diary.csv").write_text(
        f"date,person,account\n02/03/2026,{person.display_name},ZqCsvAccountŵ\n", encoding="utf-8"
    )
    import_file(vault, chosen / "from-other.json")
    import_file(vault, chosen / "diary.csv")

    written = ["from-other.json", "diary.csv"]
    for fmt in Format:
        name = f"log.{fmt.value}"
        export(vault, fmt, ExportOptions(show_ni_number=True), chosen / name)
        written.append(name)
    # A form left half-written when the app locked: kept as a draft.
    vault.save_draft("appointment", None, {"person_id": person.id, "account": DRAFT_WORDS})
    vault.change_passphrase(FIRST_PASSPHRASE, SECOND_PASSPHRASE)
    vault.close()

    again = Vault.open(path, passphrase=SECOND_PASSPHRASE, policy=FAST, clock=clock)
    try:
        assert again.problems == [] and len(again.people()) == 2
        assert len(again.appointments()) == 3 and len(again.events()) == 1
    finally:
        again.close()
    return written


def killed_export(root: Path) -> None:
    """Export the vault of a finished session, and be killed (SIGKILL) once the export's
    temporary file is whole, just before it would be moved into place."""
    folders = folders_of(root)
    target = folders["chosen"] / "again.json"
    vault = Vault.open(
        folders["vaults"] / "records.companion", passphrase=SECOND_PASSPHRASE, policy=FAST
    )
    replace = os.replace

    def replace_then_die(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == target:
            os.kill(os.getpid(), signal.SIGKILL)
        replace(src, dst, *args, **kwargs)

    os.replace = replace_then_die  # type: ignore[assignment]
    export(vault, Format.JSON, ExportOptions(show_ni_number=True), target)


def export_again(root: Path) -> None:
    """The next time the app runs: the same export, to the same place, this time whole."""
    folders = folders_of(root)
    vault = Vault.open(
        folders["vaults"] / "records.companion", passphrase=SECOND_PASSPHRASE, policy=FAST
    )
    try:
        export(
            vault, Format.JSON, ExportOptions(show_ni_number=True), folders["chosen"] / "again.json"
        )
    finally:
        vault.close()


def session_main(argv: list[str]) -> None:
    """Run in a child process: `python -c "from tests.attack import session_main; ..."`."""
    root, step = Path(argv[0]), argv[1]
    if step == "session":
        print(json.dumps(scripted_session(root)))
    elif step == "killed-export":
        killed_export(root)
    elif step == "export-again":
        export_again(root)
    else:
        raise SystemExit(f"unknown step {step}")
