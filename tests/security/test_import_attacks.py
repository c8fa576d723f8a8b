"""Crafted or damaged files given to import: each is brought in exactly as written or refused
whole in one plain sentence, and the vault stays as it was, able to save and verify."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from companion import errors
from companion.cli import EXIT
from companion.cli.secrets import read_secret_file, recovery_key_text
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.interchange import csv_format
from companion.interchange.document import FORMAT_NAME, RepeatedId
from companion.messages import describe, encoding_note
from companion.vault import Vault
from tests.attack import attack_cases
from tests.builders import make_appointment, make_person

PERSON, APPOINTMENT, EVENT = "a" * 32, "b" * 32, "c" * 32
SAVED = "2026-01-01T10:00:00+00:00"


def record(record_id: str, fields: dict[str, Any], person_id: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record_id, "versions": [{"saved_at": SAVED, "fields": fields}]}
    if person_id is not None:
        out["person_id"] = person_id
    return out


def log(people: list[Any], appointments: list[Any] = (), events: list[Any] = ()) -> str:  # type: ignore[assignment]
    doc = {
        "format": FORMAT_NAME,
        "version": 2,
        "people": people,
        "appointments": list(appointments),
        "events": list(events),
    }
    return json.dumps(doc)


ALEX = record(PERSON, {"display_name": "Alex Example"})
APRIL = record(APPOINTMENT, {"date": "2024-04-05"}, PERSON)


def sheet(*rows: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def refused(vault: Vault, path: Path) -> errors.InvalidInput:
    """Import `path`, expecting a refusal that changed nothing; the refusal."""
    before = vault.fingerprint()
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(vault, path)
    assert vault.fingerprint() == before
    assert_plain(describe(raised.value))
    assert_still_works(vault)
    return raised.value


def assert_plain(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message and "Error" not in message
    assert message.endswith(" Nothing was changed."), message


def assert_still_works(vault: Vault) -> None:
    vault.save(make_person(display_name="Someone New"))
    assert vault.verify() == []


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# -- one id, one record ---------------------------------------------------------------------

DATED = "the appointment dated Friday 5 April 2024"


@pytest.mark.parametrize(
    ("content", "repeated", "first", "second"),
    [
        (
            log([ALEX], [APRIL, APRIL]),
            APPOINTMENT,
            f"{DATED} (the 1st appointment in the file)",
            f"{DATED} (the 2nd appointment in the file)",
        ),
        (
            log([ALEX, record(PERSON, {"display_name": "Sam Example"})]),
            PERSON,
            'the person "Alex Example" (the 1st person in the file)',
            'the person "Sam Example" (the 2nd person in the file)',
        ),
        (
            log(
                [ALEX],
                [APRIL],
                [record(APPOINTMENT, {"date": "2024-04-06", "kind": "decision_letter"}, PERSON)],
            ),
            APPOINTMENT,
            f"{DATED} (the 1st appointment in the file)",
            "the letter or event dated Saturday 6 April 2024 (the 1st letter or event in the file)",
        ),
        (
            log([ALEX], [record(PERSON, {"date": "2024-04-05"}, PERSON)]),
            PERSON,
            'the person "Alex Example" (the 1st person in the file)',
            f"{DATED} (the 1st appointment in the file)",
        ),
    ],
    ids=["appointment twice", "person id reused", "event reuses an id", "entry reuses a person's"],
)
def test_a_log_using_one_id_twice_is_refused_naming_the_id_and_both_places(
    new_vault: Vault, tmp_path: Path, content: str, repeated: str, first: str, second: str
) -> None:
    exc = refused(new_vault, write(tmp_path / "twice.json", content))
    assert isinstance(exc, RepeatedId) and exc.record_id == repeated
    assert describe(exc) == (
        f'The id "{repeated}" is used twice in this file, by {first} and by {second}, but each '
        "record needs an id of its own. Nothing was changed."
    )
    assert [p.record.display_name for p in new_vault.people()] == ["Someone New"]


def test_two_rows_with_one_id_are_refused_naming_both_rows(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    content = sheet(
        ["id", "date", "account"],
        [APPOINTMENT, "01/03/2026", "What happened."],
        ["", "02/03/2026", "Another day."],
        [APPOINTMENT, "01/03/2026", "What happened, told differently."],
    )
    exc = refused(new_vault, write(tmp_path / "twice.csv", content))
    assert (exc.first, exc.second) == ("row 2", "row 4")  # type: ignore[attr-defined]
    assert f'"{APPOINTMENT}" is used twice in this file, by row 2 and by row 4' in describe(exc)
    assert new_vault.appointments() == []


def test_the_command_line_refuses_a_repeated_id_with_exit_4_and_the_vault_goes_on(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    result = cli("import", str(write(tmp_path / "twice.json", log([ALEX], [APRIL, APRIL]))))
    assert result.code == EXIT["input"] and len(result.err.strip().splitlines()) == 1
    assert "is used twice" in result.err and "Traceback" not in result.err
    assert cli("person", "add", "Sam Example").code == 0
    assert cli("verify").code == 0


def test_a_file_brought_in_again_is_still_already_there(new_vault: Vault, tmp_path: Path) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id))
    export(new_vault, Format.JSON, ExportOptions(show_ni_number=True), tmp_path / "all.json")
    export(new_vault, Format.CSV, ExportOptions(), tmp_path / "all.csv")
    assert import_file(new_vault, tmp_path / "all.json").already_there == 2
    assert import_file(new_vault, tmp_path / "all.csv").already_there == 1


# -- one name, one value --------------------------------------------------------------------


def test_a_name_given_twice_in_a_log_is_refused_not_read_as_the_last(
    new_vault: Vault, tmp_path: Path
) -> None:
    content = log([ALEX]).replace(
        '"display_name": "Alex Example"', '"display_name": "Alex Example", "display_name": "X"'
    )
    exc = refused(new_vault, write(tmp_path / "names.json", content))
    assert isinstance(exc, errors.DuplicateName) and exc.name == "display_name"
    assert new_vault.people()[0].record.display_name == "Someone New"


def test_a_name_given_twice_in_an_adjustments_cell_is_refused_naming_the_row(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    cell = '[{"kind": "private_room", "outcome": "agreed", "outcome": "refused"}]'
    exc = refused(
        new_vault, write(tmp_path / "a.csv", sheet(["date", "adjustments"], ["01/03/2026", cell]))
    )
    assert (exc.row, exc.field) == ("row 2", "adjustments")
    assert '"outcome" is given twice' in describe(exc)


# -- every cell under its own column --------------------------------------------------------


def test_a_row_with_fewer_cells_than_columns_is_refused_not_filled_with_blanks(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    content = "date,time,layout,account\r\n01/03/2026,10:30,open_plan,Fine\r\n02/03/2026,Hurt\r\n"
    exc = refused(new_vault, write(tmp_path / "short.csv", content))
    assert isinstance(exc, csv_format.RowCells)
    assert (exc.number, exc.cells, exc.columns) == (3, 2, 4)
    assert describe(exc).startswith(
        "Row 3 has a different number of cells (2) from the number of columns row 1 names (4)"
    )
    assert new_vault.appointments() == []


def test_blank_lines_are_skipped_and_rows_are_numbered_as_a_spreadsheet_shows_them(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    good = write(
        tmp_path / "gaps.csv", "date,account\r\n\r\n01/03/2026,One\r\n,\r\n02/03/2026,Two\r\n\r\n"
    )
    assert import_file(new_vault, good).appointments == 2
    bad = write(
        tmp_path / "bad.csv", "date,account\r\n\r\n01/03/2026,One\r\n\r\n31/02/2026,Two\r\n"
    )
    exc = refused(new_vault, bad)
    assert (exc.row, exc.field) == ("row 5", "date")  # the blank lines are rows 2 and 4


@pytest.mark.parametrize(
    ("content", "row", "line"),
    [
        ('date,account\r\n01/03/2026,"Fine"\r\n02/03/2026,"Line one\r\nLine tw', 3, 3),
        ('date,account,impact\r\n01/03/2026,"One\r\ntwo","and then', 2, 3),
        ('date,account\r\n01/03/2026,"He said ""no', 2, 2),
    ],
)
def test_a_file_cut_off_inside_a_quoted_cell_is_refused_naming_where_the_quote_opens(
    new_vault: Vault, tmp_path: Path, content: str, row: int, line: int
) -> None:
    new_vault.save(make_person())
    exc = refused(new_vault, write(tmp_path / "cut.csv", content))
    assert isinstance(exc, csv_format.UnclosedQuote)
    assert (exc.number, exc.line) == (row, line)
    assert describe(exc).startswith(
        f"Row {row}: a cell that opens with a double quote on line {line} of the file is never "
        "closed"
    )
    assert new_vault.appointments() == []


def test_a_quoted_cell_closed_at_the_very_end_is_brought_in_whole(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    write(tmp_path / "whole.csv", 'date,account\r\n01/03/2026,"Line one\r\nLine ""two"""')
    import_file(new_vault, tmp_path / "whole.csv")
    assert new_vault.appointments()[0].record.account == 'Line one\r\nLine "two"'


# -- text read in the encoding it was written in, or not at all -------------------------------


def test_utf8_with_one_bad_byte_is_refused_not_read_as_windows_1252(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="Siân Example"))
    content = sheet(["person", "date", "account"], ["Siân Example", "01/03/2026", "Café"])
    content += "Siân Example,02/03/2026,Bad \udcff byte\r\n"
    raw = content.encode("utf-8", errors="surrogateescape")
    exc = refused(new_vault, write(tmp_path / "damaged.csv", raw))
    assert isinstance(exc, csv_format.UnreadableText) and exc.line == 3
    assert exc.problem is csv_format.TextProblem.DAMAGED_UTF8
    assert describe(exc).startswith("Line 3 of this file has a character that is not UTF-8 text")
    assert new_vault.appointments() == []


def test_windows_1252_is_read_only_when_every_byte_fits_and_the_import_says_so(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person(display_name="Siân Example"))
    content = sheet(["person", "date", "account"], ["Siân Example", "01/03/2026", "Café – £5"])
    result = import_file(new_vault, write(tmp_path / "excel.csv", content.encode("cp1252")))
    assert result.encoding == "Windows-1252" and result.encoding_guessed
    assert new_vault.appointments()[0].record.account == "Café – £5"
    note = encoding_note(result.encoding)
    assert "read as Windows' own encoding (Windows-1252)" in note and "\n" not in note
    undefined = content.encode("cp1252").replace(b"\xa3", b"\x81")  # no character in cp1252
    exc = refused(new_vault, write(tmp_path / "neither.csv", undefined))
    assert exc.problem is csv_format.TextProblem.UNKNOWN  # type: ignore[attr-defined]


def test_utf8_says_nothing_about_its_encoding(new_vault: Vault, tmp_path: Path) -> None:
    new_vault.save(make_person(display_name="Siân Example"))
    content = sheet(["person", "date"], ["Siân Example", "01/03/2026"])
    result = import_file(new_vault, write(tmp_path / "utf8.csv", content))
    assert result.encoding == "UTF-8" and not result.encoding_guessed
    assert encoding_note(result.encoding) == ""


@pytest.mark.parametrize("separator", ["\t", ","])
@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_excel_unicode_text_in_utf16_is_read(
    new_vault: Vault, tmp_path: Path, separator: str, bom: bytes
) -> None:
    new_vault.save(make_person(display_name="Siân Example"))
    text = separator.join(["person", "date", "account"]) + "\r\n"
    text += separator.join(["Siân Example", "01/03/2026", "Café"]) + "\r\n"
    encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    result = import_file(new_vault, write(tmp_path / "unicode.csv", bom + text.encode(encoding)))
    assert result.encoding == "UTF-16" and not result.encoding_guessed
    assert new_vault.appointments()[0].record.account == "Café"


# -- a plain sentence, never an internal error ------------------------------------------------


def test_a_log_nested_990_deep_is_refused_plainly(new_vault: Vault, tmp_path: Path) -> None:
    content = log([ALEX], [APRIL]).replace('"2024-04-05"', "[" * 990 + "]" * 990)
    exc = refused(new_vault, write(tmp_path / "deep.json", content))
    assert exc.problem is errors.SyntaxProblem.TOO_DEEP  # type: ignore[attr-defined]


def test_nesting_deeper_than_any_log_is_refused_before_it_is_read_further(
    new_vault: Vault, tmp_path: Path
) -> None:
    content = log([ALEX], [APRIL]).replace('"2024-04-05"', "[" * 30 + "]" * 30)
    exc = refused(new_vault, write(tmp_path / "deep.json", content))
    assert describe(exc).startswith("This file cannot be read: brackets are nested far more")


def test_a_5000_digit_number_is_refused_plainly(new_vault: Vault, tmp_path: Path) -> None:
    content = log([ALEX]).replace('"version": 2', '"version": ' + "9" * 5000)
    exc = refused(new_vault, write(tmp_path / "long.json", content))
    assert exc.problem is errors.SyntaxProblem.NUMBER_TOO_LONG  # type: ignore[attr-defined]
    new_vault.save(make_person(display_name="Alex Example"))
    cells = sheet(["person", "date", "distress"], ["Alex Example", "01/03/2026", "9" * 5000])
    exc = refused(new_vault, write(tmp_path / "long.csv", cells))
    assert (exc.row, exc.field) == ("row 2", "distress")
    assert len(describe(exc)) < 400


def test_a_long_value_is_cut_short_in_the_message(new_vault: Vault, tmp_path: Path) -> None:
    new_vault.save(make_person())
    exc = refused(new_vault, write(tmp_path / "long.csv", sheet(["date"], ["1" * 10_000])))
    assert (exc.row, exc.field) == ("row 2", "date")
    assert len(describe(exc)) < 300 and '"' + "1" * 77 + '..."' in describe(exc)


def test_a_cell_longer_than_pythons_own_limit_is_refused_naming_its_row(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.save(make_person())
    cells = sheet(["date", "account"], ["01/03/2026", "Fine."], ["02/03/2026", "x" * 131_073])
    exc = refused(new_vault, write(tmp_path / "long.csv", cells))
    assert (exc.row, exc.field) == ("row 3", "account")
    assert "at most 100,000 characters" in describe(exc)


def test_a_device_is_refused_unread(new_vault: Vault, tmp_path: Path) -> None:
    for path in (Path("/dev/zero"), tmp_path / "zero.json", tmp_path / "zero.csv"):
        if path.suffix:
            path.symlink_to("/dev/zero")
        refused(new_vault, path)
        attack_cases(1)


def test_a_device_as_a_passphrase_or_recovery_key_file_is_refused_unread(cli) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidInput) as raised:
        read_secret_file(Path("/dev/zero"), "passphrase file")
    assert raised.value.expected == "an ordinary file (not a device or a pipe)"
    with pytest.raises(errors.InvalidInput):
        recovery_key_text(Path("/dev/zero"))
    assert cli("init").code == 0
    result = cli("list", passphrase_file=Path("/dev/zero"))
    assert result.code == EXIT["input"] and len(result.err.strip().splitlines()) == 1


def test_a_secret_file_not_saved_as_text_is_refused_plainly(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"\xff\xfe\x00binary")
    with pytest.raises(errors.InvalidInput) as raised:
        read_secret_file(path, "passphrase file")
    assert describe(raised.value).endswith(
        "expected a file of text saved as UTF-8. Nothing was changed."
    )


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    new_vault: Vault, tmp_path: Path
) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)

    def writer() -> None:  # if the import read the pipe, it would get a valid log
        try:
            descriptor = os.open(fifo, os.O_WRONLY)
            try:
                os.write(descriptor, log([ALEX]).encode())
            finally:
                os.close(descriptor)
        except OSError:
            pass  # the reader went away: nothing was read

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        exc = refused(new_vault, fifo)
        assert exc.expected == "an ordinary file (not a device or a pipe)"
    finally:
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish
        thread.join()
        os.close(reader)
    assert [p.record.display_name for p in new_vault.people()] == ["Someone New"]


@pytest.mark.parametrize("version", ["true", "1.0", '"2"', "[2]"])
def test_a_version_that_is_not_a_whole_number_is_refused(
    new_vault: Vault, tmp_path: Path, version: str
) -> None:
    content = log([ALEX]).replace('"version": 2', f'"version": {version}')
    exc = refused(new_vault, write(tmp_path / "version.json", content))
    assert exc.field == "version"
    assert not [p for p in new_vault.people() if p.record.display_name == "Alex Example"]


def test_a_list_of_what_was_left_out_holding_groups_is_refused_plainly(
    new_vault: Vault, tmp_path: Path
) -> None:
    doc = json.loads(log([ALEX]))
    doc["redacted"] = [{"what": "ni_number"}]
    exc = refused(new_vault, write(tmp_path / "left.json", json.dumps(doc)))
    assert isinstance(exc, errors.IncompleteCopy)
    assert PERSON not in {p.record.id for p in new_vault.people()}
