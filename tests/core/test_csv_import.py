"""A claimant's own spreadsheet diary comes in, and one bad row brings in nothing."""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

import pytest

from companion import errors
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.messages import describe
from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    AppointmentKind,
    Layout,
    Listener,
)
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE


def write_csv(path: Path, header: list[str], *rows: list[str], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_simple_diary_with_labels_and_uk_dates_is_imported(
    new_vault: Vault, tmp_path: Path
) -> None:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    path = write_csv(
        tmp_path / "diary.csv",
        [
            "date",
            "time",
            "kind",
            "layout",
            "private_room_requested",
            "in_earshot",
            "adjustments",
            "account",
        ],
        [
            "17/02/2026",
            "10:30",
            "Work-focused interview",
            "Open plan",
            "Yes",
            "Other claimants; security",
            "private room: refused",
            "Asked about my health, loudly.",
        ],
        ["2026-03-04", "", "pip_assessment", "", "not sure", "", "", "By phone."],
    )
    result = import_file(new_vault, path)
    assert (result.appointments, result.already_there) == (2, 0)
    first, second = sorted((a.record for a in new_vault.appointments()), key=lambda a: a.date)
    assert first.person_id == person.id
    assert (first.date, first.time) == (date(2026, 2, 17), time(10, 30))
    assert first.kind is AppointmentKind.WORK_FOCUSED_INTERVIEW
    assert first.layout is Layout.OPEN_PLAN and first.private_room_requested is Answer.YES
    assert first.in_earshot == (Listener.OTHER_CLAIMANTS, Listener.SECURITY)
    assert first.adjustments[0].kind is AdjustmentKind.PRIVATE_ROOM
    assert first.adjustments[0].outcome is AdjustmentOutcome.REFUSED
    assert first.account == "Asked about my health, loudly."
    assert second.time is None and second.private_room_requested is Answer.NOT_SURE


def test_a_spreadsheet_saved_by_excel_on_windows_reads_correctly(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="Siân Example"))
    path = write_csv(
        tmp_path / "excel.csv",
        ["person", "date", "account"],
        ["Siân Example", "01/03/2026", "Café by the jobcentre"],
        encoding="cp1252",
    )
    assert import_file(new_vault, path).encoding == "Windows-1252"  # a guess, said so
    assert new_vault.appointments()[0].record.account == "Café by the jobcentre"
    bom = write_csv(
        tmp_path / "bom.csv",
        ["person", "date"],
        ["Siân Example", "02/03/2026"],
        encoding="utf-8-sig",
    )
    result = import_file(new_vault, bom)
    assert (result.appointments, result.encoding) == (1, "UTF-8")


@pytest.mark.parametrize(
    ("row", "field", "value"),
    [
        (["Alex Example", "31/02/2026", "Open plan"], "date", "31/02/2026"),
        (["Alex Example", "", "Open plan"], "date", ""),
        (["Nobody Known", "01/02/2026", "Open plan"], "person", "Nobody Known"),
        (["Alex Example", "01/02/2026", "Hallway"], "layout", "Hallway"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_the_row_field_and_value(
    new_vault: Vault, tmp_path: Path, row: list[str], field: str, value: str
) -> None:
    new_vault.save(make_person(display_name="Alex Example"))
    new_vault.save(make_person(display_name="Sam Example"))
    good = ["Sam Example", "01/01/2026", "Booth or screened desk"]
    path = write_csv(tmp_path / "d.csv", ["person", "date", "layout"], good, good, row, good)
    before = new_vault.fingerprint()
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == "row 4"  # the header is row 1, as in a spreadsheet
    assert (raised.value.field, raised.value.value) == (field, value)
    assert new_vault.fingerprint() == before and new_vault.appointments() == []


def test_an_unknown_column_is_refused_rather_than_silently_dropped(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    path = write_csv(tmp_path / "d.csv", ["date", "said_alod"], ["01/01/2026", "my words"])
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert (raised.value.row, raised.value.field) == ("row 1", "said_alod")
    assert describe(raised.value).startswith('Row 1: there is no column called "said_alod"')


def test_a_bad_cell_names_its_row_and_its_column_exactly_as_written(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    path = write_csv(
        tmp_path / "d.csv",
        ["date", "private_room_requested"],
        ["01/01/2026", "yes"],
        ["02/01/2026", "maybe"],
    )
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    text = describe(raised.value)
    assert text.startswith('Row 3: the choice "maybe" under "private_room_requested"')
    assert "private room requested" not in text and text.endswith(" Nothing was changed.")


@pytest.mark.parametrize("content", [b"", b"\r\n", b"\xef\xbb\xbf"])
def test_an_empty_spreadsheet_says_it_is_empty(
    new_vault: Vault, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(errors.FileSyntax) as raised:
        import_file(new_vault, path)
    assert describe(raised.value).startswith("This file is empty")


def test_a_person_is_needed_when_the_vault_has_several(new_vault: Vault, tmp_path: Path) -> None:
    new_vault.save(make_person(display_name="Alex Example"))
    sam = new_vault.save(make_person(display_name="Sam Example")).record
    path = write_csv(tmp_path / "d.csv", ["date"], ["01/01/2026"])
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.field == "person"
    import_file(new_vault, path, person_name="sam  example")
    assert new_vault.appointments()[0].record.person_id == sam.id


def test_written_at_from_the_file_is_kept_and_marked_as_imported(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    path = write_csv(
        tmp_path / "d.csv", ["date", "written_at"], ["01/01/2026", "2026-01-01T18:00:00+00:00"]
    )
    import_file(new_vault, path)
    saved = new_vault.appointments()[0]
    assert saved.written_at.isoformat() == "2026-01-01T18:00:00+00:00"
    assert saved.imported_at is not None and saved.imported_at != saved.written_at


def test_an_exported_spreadsheet_imports_into_a_new_vault_unchanged(
    new_vault: Vault, tmp_path: Path
) -> None:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    originals = {
        new_vault.save(make_appointment(person.id)).record,
        new_vault.save(
            make_appointment(
                person.id, account="Line one\nLine two, with a comma", time=None, layout=None
            )
        ).record,
        new_vault.save(
            make_appointment(person.id, account='=HYPERLINK("http://x")', impact="-5 spoons")
        ).record,
    }
    export(new_vault, Format.CSV, ExportOptions(), tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8-sig") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]  # no cell is a formula
    other, _ = Vault.create(tmp_path / "other.companion", PASSPHRASE, policy=FAST_KDF)
    other.save(person)
    import_file(other, tmp_path / "out.csv")
    assert {a.record for a in other.appointments()} == originals
    other.close()


def test_a_row_without_written_at_is_never_given_an_invented_gap(
    vault_path: Path, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    moments = iter(
        datetime(2026, 11, 1, 9, 0, tzinfo=UTC) + timedelta(seconds=n) for n in range(99)
    )
    vault, _ = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF, clock=lambda: next(moments))
    vault.save(make_person())
    import_file(vault, write_csv(tmp_path / "d.csv", ["date"], ["01/03/2026"]))
    saved = vault.appointments()[0]
    assert saved.written_at == saved.imported_at  # the file gave no time: the import's is used
    out = tmp_path / "log.md"
    export(vault, Format.MARKDOWN, ExportOptions(), out)
    text = out.read_text()
    assert "the file did not say when it was written" in text and "days later" not in text
    vault.close()
