"""The dated log as Markdown, CSV and JSON: what a complaints team or adviser would read."""

from __future__ import annotations

import csv
import dataclasses
import errno
import json
import os
from datetime import date
from pathlib import Path

import pytest

from companion import errors
from companion.export import ExportOptions, Format, export
from companion.interchange.csv_format import COLUMNS
from companion.query import Selection
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import Clock


@pytest.fixture
def two_people(new_vault: Vault, clock: Clock) -> dict[str, str]:
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    sam = new_vault.save(make_person(display_name="Sam Example", ni_number="AB123456D")).record
    clock.now = clock.now.replace(year=2026, month=2, day=17, hour=15, minute=0)
    first = new_vault.save(make_appointment(alex.id, account="Spoken to on the open floor.")).record
    clock.advance(days=3)
    new_vault.save(dataclasses.replace(first, account="Corrected: spoken to at the front desk."))
    new_vault.save(make_appointment(sam.id, date=date(2026, 1, 9), account="Sam's own account."))
    new_vault.save(make_event(alex.id, summary="PIP refused."))
    return {"alex": alex.id, "sam": sam.id, "first": first.id}


def test_markdown_reads_as_a_dated_log(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "log.md"
    assert export(new_vault, Format.MARKDOWN, ExportOptions(), out) == 3
    text = out.read_text(encoding="utf-8")
    assert "## Alex Example" in text and "## Sam Example" in text
    assert "### Tuesday 17 February 2026, 10:30: Work-focused interview" in text
    # The wording shown is the correction's: it says when it was saved, not just the first day.
    assert (
        "*First written Tuesday 17 February 2026 at 15:00, the same day. This wording saved "
        "Friday 20 February 2026 at 15:00, 3 days later. What it said before is shown below.*"
    ) in text
    assert "*Written Friday 9 January 2026" not in text
    assert "- **Private room:** Asked for: Yes. Offered: No. Used: No." in text
    assert "Refused by: Work coach. Reason given: No rooms free today" in text
    assert "- **Who could hear:** Other claimants, Security guards (about 4 people)." in text
    # The current wording, and the correction shown as a correction: when, and from what.
    assert "Corrected on Friday 20 February 2026 at 15:00:" in text
    assert (
        'What happened: was "Spoken to on the open floor.", '
        'now "Corrected: spoken to at the front desk."'
    ) in text
    assert text.count("Spoken to on the open floor.") == 1
    assert "How it affected Alex Example" in text and "Distress: 8 out of 10." in text
    assert "PIP refused." in text
    fingerprint = new_vault.fingerprint().short()
    assert fingerprint in text


def test_csv_opens_with_the_documented_columns(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"
    export(new_vault, Format.CSV, ExportOptions(), out)
    with open(out, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == COLUMNS
    # Each person's rows together, in date order (as in the PDF: people are never mixed).
    assert [(row["person"], row["date"]) for row in rows] == [
        ("Alex Example", "2026-02-17"),
        ("Sam Example", "2026-01-09"),
    ]
    alex = rows[0]
    assert alex["layout"] == "open_plan" and alex["in_earshot"] == "other_claimants; security"
    assert alex["date_in_words"] == "Tuesday 17 February 2026"
    assert alex["problems"].startswith("No private room; Private room asked for and refused")
    # The row holds the corrected wording: it carries when that wording was saved.
    assert alex["written_at"] == "2026-02-17T15:00:00+00:00"
    assert alex["wording_saved_at"] == "2026-02-20T15:00:00+00:00"
    assert "This wording saved Friday 20 February 2026 at 15:00" in alex["written_in_words"]
    assert alex["left_out"] == ""


def test_json_holds_exactly_the_chosen_dates(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "feb.json"
    export(
        new_vault, Format.JSON, ExportOptions(selection=Selection(date_from=date(2026, 2, 1))), out
    )
    doc = json.loads(out.read_text())
    assert [a["id"] for a in doc["appointments"]] == [two_people["first"]]
    assert len(doc["appointments"][0]["versions"]) == 2
    assert doc["vault"]["size"] == new_vault.fingerprint().size


def test_a_failed_write_leaves_no_file_and_says_so(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    with pytest.raises(errors.InvalidInput):
        export(new_vault, Format.MARKDOWN, ExportOptions(), tmp_path / "no such folder" / "log.md")
    assert not (tmp_path / "no such folder").exists()
    existing = tmp_path / "keep.md"
    existing.write_text("an earlier export")
    export(new_vault, Format.MARKDOWN, ExportOptions(), existing)
    assert existing.read_text().startswith("# Record")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_new_export_is_private_and_a_replaced_one_too(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    fresh = tmp_path / "new.md"
    export(new_vault, Format.MARKDOWN, ExportOptions(), fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.md"
    shared.write_text("an earlier export")
    shared.chmod(0o640)
    export(new_vault, Format.MARKDOWN, ExportOptions(), shared)
    assert shared.stat().st_mode & 0o777 == 0o600


def test_an_interrupted_write_leaves_no_plaintext_behind(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(new_vault, Format.MARKDOWN, ExportOptions(), tmp_path / "log.md")
    assert list(tmp_path.glob("*log.md*")) == []


def test_the_count_reported_is_what_the_file_holds(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path
) -> None:
    sheet = tmp_path / "log.csv"
    count = export(new_vault, Format.CSV, ExportOptions(), sheet)
    with open(sheet, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows)
    assert export(new_vault, Format.JSON, ExportOptions(), tmp_path / "log.json") > count


def test_python_tidies_up_as_usual_after_an_export_even_a_failed_one(
    new_vault: Vault, two_people: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    export(new_vault, Format.JSON, ExportOptions(), tmp_path / "log.json")
    assert gc.isenabled()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        with pytest.raises(errors.StorageFull):
            export(new_vault, Format.PDF, ExportOptions(), tmp_path / "log.pdf")
    assert gc.isenabled()


def test_an_export_is_never_written_over_the_vault(
    new_vault: Vault, two_people: dict[str, str], vault_path: Path
) -> None:
    before = vault_path.read_bytes()
    for target in (vault_path, Path(f"{vault_path}-wal")):
        with pytest.raises(errors.InvalidInput):
            export(new_vault, Format.CSV, ExportOptions(), target)
    assert vault_path.read_bytes() == before and len(new_vault.people()) == 2
