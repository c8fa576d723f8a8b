"""Any bytes given to import, and any damage to a file the app exported, end in one of two
ways: brought in, or refused in one plain sentence with the vault exactly as it was. Either
way the vault can still be saved to and still verifies."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import errors, heads
from companion.cli import EXIT, exit_code
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.interchange.document import FORMAT_NAME
from companion.messages import describe
from companion.model import Adjustment, AdjustmentKind, AdjustmentOutcome
from companion.vault import Vault
from tests.attack import attack_cases
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock

# Examples for each of the four targets below; the run's summary counts every one.
EXAMPLES = 150
TARGETS = 4
TOTAL_EXAMPLES = EXAMPLES * TARGETS

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written to the working folder
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def source_files(folder: Path) -> tuple[bytes, bytes, bytes]:
    """A log as exported, the same log spread over lines (so that repeating a line repeats a
    name or a record), and a sheet, exported from a vault holding what people write: accents,
    line breaks, commas, quotes, a formula-like start, a correction and an adjustment."""
    clock = Clock()
    vault, _ = Vault.create(folder / "source.companion", PASSPHRASE, policy=FAST_KDF, clock=clock)
    person = vault.save(make_person(display_name="Siân Example")).record
    first = vault.save(
        make_appointment(person.id, account='Line one\nLine two, with a comma and "quotes"')
    ).record
    clock.advance(days=1)
    vault.save(dataclasses.replace(first, account="Corrected: café, £5 – fine"))
    adjustment = Adjustment(AdjustmentKind.BREAKS, "Every hour", AdjustmentOutcome.AGREED, "")
    vault.save(make_appointment(person.id, impact="-5 spoons", adjustments=(adjustment,)))
    vault.save(make_event(person.id, notes="Ffôn: 01234 567890"))
    export(vault, Format.JSON, ExportOptions(show_ni_number=True), folder / "log.json")
    export(vault, Format.CSV, ExportOptions(), folder / "log.csv")
    vault.close()
    log = (folder / "log.json").read_bytes()
    spread = json.dumps(json.loads(log), indent=1, ensure_ascii=False).encode("utf-8")
    return log, spread, (folder / "log.csv").read_bytes()


def attempt(folder: Path, suffix: str, content: bytes) -> None:
    """Import `content` into a vault of its own: it is brought in, or refused plainly with
    nothing changed; either way the vault then takes a new person and still verifies."""
    vault, _ = Vault.create(folder / "target.companion", PASSPHRASE, policy=FAST_KDF)
    try:
        vault.save(make_person(display_name="Siân Example"))  # whose rows a sheet's are
        path = folder / f"given{suffix}"
        path.write_bytes(content)
        before = vault.fingerprint()
        try:
            import_file(vault, path)
        except errors.CompanionError as exc:
            assert exit_code(exc) == EXIT["input"], type(exc).__name__
            message = describe(exc)
            assert "\n" not in message and "Traceback" not in message, message
            assert message.endswith(" Nothing was changed."), message
            assert vault.fingerprint() == before
        vault.save(make_person(display_name="Someone New"))
        assert vault.verify() == []
    finally:
        vault.close()
        heads.forget(folder / "target.companion")  # each example's own place, never seen again
    attack_cases(1)


# -- what a mutation does to a file's bytes --------------------------------------------------

Mutation = Callable[[bytes], bytes]


@st.composite
def mutation(draw: st.DrawFn, size: int) -> Mutation:
    """One change to a file of about `size` bytes: a byte changed, the file cut short, or a
    run of lines repeated or taken out."""
    kind = draw(st.sampled_from(["change a byte", "cut short", "repeat lines", "remove lines"]))
    at = draw(st.integers(0, size))
    if kind == "change a byte":
        byte = draw(st.integers(0, 255))
        return lambda raw: raw[:at] + bytes([byte]) + raw[at + 1 :]
    if kind == "cut short":
        return lambda raw: raw[:at]
    count = draw(st.integers(1, 3) | st.integers(1, 40))  # a row or two, or a whole record

    def lines(raw: bytes) -> bytes:
        parts = raw.splitlines(keepends=True)
        start = at * len(parts) // max(size, 1)  # the same place in the file, in lines
        run = parts[start : start + count]
        if kind == "repeat lines":
            return b"".join(parts[: start + count] + run + parts[start + count :])
        return b"".join(parts[:start] + parts[start + count :])

    return lines


def mutated(base: bytes) -> st.SearchStrategy[bytes]:
    def apply(changes: list[Mutation]) -> bytes:
        raw = base
        for change in changes:
            raw = change(raw)
        return raw

    return st.lists(mutation(len(base)), min_size=1, max_size=2).map(apply)


# -- JSON made up from nothing, or a log with made-up values in it ---------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = ["date", "time", "layout", "in_earshot", "adjustments", "distress", "account"]


@st.composite
def made_up_log(draw: st.DrawFn) -> bytes:
    """A log whose shape is right enough to be read far, with made-up values in it."""
    ids = st.sampled_from(["a" * 32, "b" * 32, "c" * 32, "not an id", 7])
    fields = draw(st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, max_size=4))
    saved_at = draw(st.sampled_from(["2026-01-01T10:00:00+00:00", "x", None]))
    versions = [{"saved_at": saved_at, "fields": fields}]
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": draw(st.sampled_from([1, 2, True, 2.0, "2"])),
        "people": [
            {
                "id": draw(ids),
                "versions": [
                    {
                        "saved_at": "2026-01-01T10:00:00+00:00",
                        "fields": {"display_name": draw(st.text(max_size=10))},
                    }
                ],
            }
        ],
        draw(st.sampled_from(["appointments", "events", "people"])): draw(
            st.lists(
                st.fixed_dictionaries({"id": ids, "person_id": ids, "versions": st.just(versions)}),
                max_size=3,
            )
        ),
    }
    extra = draw(st.dictionaries(st.sampled_from(["redacted", "left_out", "vault"]), json_values))
    return json.dumps({**doc, **extra}, ensure_ascii=draw(st.booleans())).encode("utf-8")


any_json = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode("utf-8")),
    made_up_log(),
)
any_csv = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: ("date,account,distress\r\n" + t).encode("utf-8")),
    st.lists(st.lists(st.text(max_size=12), max_size=5), max_size=5).map(
        lambda rows: "\r\n".join(",".join(row) for row in [["date", "account"], *rows]).encode(
            "utf-8"
        )
    ),
)


def run_target(folder: Path, suffix: str, strategy: st.SearchStrategy[bytes]) -> None:
    @FUZZ
    @given(strategy)
    def one(content: bytes) -> None:
        with tempfile.TemporaryDirectory(dir=folder) as temp:
            attempt(Path(temp), suffix, content)

    one()


def test_any_bytes_given_as_a_log(tmp_path: Path) -> None:
    run_target(tmp_path, ".json", any_json)


def test_any_bytes_given_as_a_sheet(tmp_path: Path) -> None:
    run_target(tmp_path, ".csv", any_csv)


def test_a_damaged_copy_of_an_exported_log(tmp_path: Path) -> None:
    log, spread, _sheet = source_files(tmp_path)
    run_target(tmp_path, ".json", mutated(log) | mutated(spread))


def test_a_damaged_copy_of_an_exported_sheet(tmp_path: Path) -> None:
    _log, _spread, sheet = source_files(tmp_path)
    run_target(tmp_path, ".csv", mutated(sheet))
