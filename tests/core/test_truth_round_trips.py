"""What an export says must stay true when it is checked, and when it is brought in again:
no name corrected away leaks, no left-out words come back as "nothing", no import time
becomes a time of writing, and no stripped correction passes as agreeing with the vault."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from companion import errors
from companion.export import Format, export, render
from companion.export.options import ExportOptions, Redaction
from companion.importer import import_file
from companion.messages import describe
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock
from tests.readback import everything_readable, pages_text


def test_a_name_corrected_away_is_left_out_of_every_version_and_no_correction_is_invented(
    new_vault: Vault, clock: Clock
) -> None:
    person = new_vault.save(make_person()).record
    clock.now = datetime(2026, 2, 17, 14, 0, tzinfo=UTC)
    first = new_vault.save(
        make_appointment(
            person.id,
            staff_name="Sarah Pryce",
            private_room_refused_by="",
            account="Sarah Pryce shouted at me.",
        )
    ).record
    clock.now = datetime(2026, 2, 20, 14, 0, tzinfo=UTC)
    new_vault.save(dataclasses.replace(first, staff_name="Sara Price"))
    options = ExportOptions(redact=frozenset({Redaction.STAFF_NAMES}))
    for fmt in Format:
        data = render(new_vault, fmt, options)
        for text in everything_readable(data, fmt is Format.PDF):
            assert "Pryce" not in text and "Price" not in text and "Sarah" not in text, fmt
    text = " ".join(render(new_vault, Format.MARKDOWN, options).decode().split())
    assert "What happened: was" not in text  # the account was never corrected
    assert "Written Tuesday 17 February 2026 at 14:00, the same day." in text
    assert "It was also changed later, only in what this copy leaves out." in text


def test_a_name_that_differs_only_in_capitals_or_a_possessive_or_a_hyphen_is_left_out(
    new_vault: Vault,
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save(
        make_appointment(
            person.id,
            staff_name="Rhys",
            private_room_refused_by="Sarah's manager",
            companions="Mrs Ellis-Jones",
            account="RHYS said no. Sarah said the rooms were full. Mrs Ellis was kind.",
        )
    )
    options = ExportOptions(redact=frozenset({Redaction.STAFF_NAMES, Redaction.THIRD_PARTIES}))
    text = render(new_vault, Format.MARKDOWN, options).decode()
    for name in ("RHYS", "Rhys", "Sarah", "Ellis"):
        assert name not in text, name


def test_an_ni_number_written_in_the_words_is_left_out_with_the_ni_numbers(
    new_vault: Vault,
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id, account="They read out QQ 12 34 56 C aloud."))
    for options in (ExportOptions(), ExportOptions(redact=frozenset({Redaction.NI_NUMBER}))):
        for fmt in Format:
            data = render(new_vault, fmt, options)
            text = " ".join(pages_text(data)) if fmt is Format.PDF else data.decode("utf-8-sig")
            assert "QQ 12 34 56 C" not in text and "QQ123456C" not in text, fmt
    shown = render(new_vault, Format.MARKDOWN, ExportOptions(show_ni_number=True)).decode()
    assert "QQ 12 34 56 C" in shown  # included when chosen, as written


def test_a_redacted_json_is_refused_on_import_and_a_full_one_is_not(
    new_vault: Vault, tmp_path: Path
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id))
    redacted = tmp_path / "redacted.json"
    export(new_vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT})), redacted)
    plain = tmp_path / "plain.json"
    export(new_vault, Format.JSON, ExportOptions(), plain)
    other, _ = Vault.create(tmp_path / "other.companion", PASSPHRASE, policy=FAST_KDF)
    with pytest.raises(errors.IncompleteCopy) as refused:
        import_file(other, redacted)
    assert refused.value.left_out == ["free_text"]
    assert describe(refused.value).startswith(
        "This file was exported with things left out (free_text), so it cannot be brought in"
    )
    assert other.appointments() == []
    result = import_file(other, plain)  # only the NI numbers were left out: it says so
    assert result.appointments == 1 and result.ni_numbers_left_out
    assert other.people()[0].record.ni_number == ""
    other.close()


def test_an_import_time_never_becomes_a_time_of_writing_in_the_next_vault(
    new_vault: Vault, tmp_path: Path, clock: Clock
) -> None:
    new_vault.save(make_person(display_name="Alex Example"))
    diary = tmp_path / "diary.csv"
    diary.write_text("person,date,account\nAlex Example,2025-11-03,From my notebook.\n")
    clock.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    import_file(new_vault, diary)
    sheet, log = tmp_path / "again.csv", tmp_path / "again.json"
    export(new_vault, Format.CSV, ExportOptions(), sheet)
    export(new_vault, Format.JSON, ExportOptions(), log)
    row = next(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert row["written_at"] == "" and row["wording_saved_at"] == ""
    for path in (sheet, log):
        later = Clock()
        later.now = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
        other, _ = Vault.create(
            tmp_path / f"{path.suffix}.companion", PASSPHRASE, policy=FAST_KDF, clock=later
        )
        if path is sheet:
            other.save(make_person(display_name="Alex Example"))
        import_file(other, path)
        text = render(other, Format.MARKDOWN, ExportOptions()).decode()
        assert "the file did not say when it was written" in text, path.suffix
        assert "days later" not in text, path.suffix
        other.close()


def test_a_sheet_of_a_correction_brought_in_again_dates_it_from_the_correction(
    new_vault: Vault, tmp_path: Path, clock: Clock
) -> None:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    clock.now = datetime(2026, 2, 17, 14, 0, tzinfo=UTC)
    first = new_vault.save(make_appointment(person.id, companions="Tom Evans")).record
    clock.now = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    new_vault.save(dataclasses.replace(first, companions=""))  # a correction that clears it
    sheet = tmp_path / "sheet.csv"
    export(new_vault, Format.CSV, ExportOptions(redact=frozenset({Redaction.THIRD_PARTIES})), sheet)
    row = next(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert row["wording_saved_at"] == "2026-03-10T14:00:00+00:00"
    other, _ = Vault.create(tmp_path / "b.companion", PASSPHRASE, policy=FAST_KDF)
    other.save(make_person(display_name="Alex Example"))
    import_file(other, sheet)
    text = " ".join(render(other, Format.MARKDOWN, ExportOptions()).decode().split())
    assert "Written Tuesday 10 March 2026 at 14:00" in text
    assert "Written Tuesday 17 February 2026" not in text
    other.close()


def test_a_spreadsheet_never_says_its_earlier_wording_is_shown(
    new_vault: Vault, clock: Clock
) -> None:
    person = new_vault.save(make_person()).record
    first = new_vault.save(make_appointment(person.id, account="Before.")).record
    clock.advance(days=2)
    new_vault.save(dataclasses.replace(first, account="After."))
    sheet = render(new_vault, Format.CSV, ExportOptions()).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(sheet)))
    assert "is shown below" not in row["written_in_words"]
    assert "Its earlier wording is left out of this copy." in row["written_in_words"]
    assert row["kept_by"] == "Who kept this record is not recorded."


def test_a_log_with_a_correction_stripped_out_does_not_agree_with_the_vault(
    cli, new_vault: Vault, tmp_path: Path, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    person = new_vault.save(make_person()).record
    first = new_vault.save(make_appointment(person.id, account="On the day.")).record
    clock.advance(days=3)
    new_vault.save(dataclasses.replace(first, account="Corrected."))
    path = tmp_path / "log.json"
    export(new_vault, Format.JSON, ExportOptions(show_ni_number=True), path)
    new_vault.close()
    doc = json.loads(path.read_text())
    doc["appointments"][0]["versions"].pop()  # the correction, made before the export
    path.write_text(json.dumps(doc))
    result = cli("verify", str(path))
    assert result.code == 5
    assert "leaves out versions the vault held when the file was made" in result.err
    assert "corrected since" not in result.out


def test_a_log_exported_without_corrections_still_agrees_with_the_vault(
    cli, new_vault: Vault, tmp_path: Path, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    from companion.export.options import Part

    person = new_vault.save(make_person()).record
    first = new_vault.save(make_appointment(person.id, date=date(2026, 1, 5))).record
    clock.advance(days=3)
    new_vault.save(dataclasses.replace(first, account="Corrected."))
    path = tmp_path / "log.json"
    options = ExportOptions(parts=frozenset(Part) - {Part.CORRECTIONS})
    export(new_vault, Format.JSON, options, path)
    new_vault.close()
    result = cli("verify", str(path))
    assert result.code == 0, result.err
