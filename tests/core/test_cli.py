"""The command line: what a person or a script sees, and the documented exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.recovery_key import RecoveryKey
from tests.conftest import PASSPHRASE


@pytest.fixture
def ready(cli, vault_path: Path):  # type: ignore[no-untyped-def]
    """A vault made through the command line, with two people."""
    assert cli("init").code == 0
    assert (
        cli(
            "person", "add", "Alex Example", "--benefit", "pip", "--ni-number", "qq 12 34 56 c"
        ).code
        == 0
    )
    assert (
        cli(
            "person",
            "add",
            "Sam Example",
            "--relationship",
            "child",
            "--role",
            "official_appointee",
        ).code
        == 0
    )
    return cli


def one_sentence(text: str) -> bool:
    return bool(text.strip()) and "Traceback" not in text and len(text.strip().splitlines()) == 1


def diary(tmp_path: Path, *rows: list[str]) -> Path:
    path = tmp_path / "diary.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person", "date", "time", "kind", "layout", "in_earshot", "account"])
        writer.writerows(rows)
    return path


def test_init_shows_the_recovery_key_once_and_it_parses(cli, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init")
    assert result.code == 0 and vault_path.exists()
    key_lines = [line.strip() for line in result.out.splitlines() if line.startswith("    ")]
    RecoveryKey.parse("".join(key_lines))  # what was shown can be typed back
    again = cli("init")
    assert again.code == 1 and one_sentence(again.err)


def test_people_are_added_and_listed(ready) -> None:  # type: ignore[no-untyped-def]
    listed = ready("person", "list")
    assert listed.code == 0
    assert "Alex Example (Me; Claimant (my own claim)): 0 appointments" in listed.out
    assert "Sam Example (My child; Official appointee)" in listed.out


def test_import_list_filters_and_export(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = diary(
        tmp_path,
        [
            "Alex Example",
            "17/02/2026",
            "10:30",
            "Work-focused interview",
            "Open plan",
            "Other claimants",
            "Spoken to at the front desk.",
        ],
        ["Sam Example", "2026-03-04", "14:00", "PIP assessment", "", "", "By phone; quiet."],
    )
    imported = ready("import", str(path))
    assert imported.code == 0
    assert "Imported 0 people, 2 appointments and 0 letters or events." in imported.out
    listed = ready("person", "list").out
    assert ": 1 appointment, 0 letters or events" in listed, listed  # one, not "1 appointments"

    lines = ready("list").out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("2026-02-17 10:30  Alex Example")
    assert "Others could hear" in lines[0]
    assert ready("list", "--privacy-issues").out.count("\n") == 1
    assert "Sam Example" in ready("list", "--person", "sam example").out
    assert ready("list", "--from", "01/03/2026").out.count("\n") == 1
    assert "Nothing matches." in ready("list", "--search", "zebra").out

    out = tmp_path / "log.json"
    exported = ready("export", "--format", "json", "--out", str(out), "--person", "Alex Example")
    assert exported.code == 0 and "Wrote 1 entry to" in exported.out
    doc = json.loads(out.read_text())
    assert [p["versions"][0]["fields"]["display_name"] for p in doc["people"]] == ["Alex Example"]
    assert len(doc["appointments"]) == 1

    md = tmp_path / "log.md"
    assert ready("export", "--format", "md", "--out", str(md)).code == 0
    assert "Spoken to at the front desk." in md.read_text()


def test_wrong_passphrase_exits_3_and_changes_nothing(
    ready, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    before = vault_path.read_bytes()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not my passphrase")
    result = ready("person", "add", "Intruder", passphrase_file=wrong)
    assert result.code == 3 and one_sentence(result.err)
    assert "did not open" in result.err
    assert vault_path.read_bytes() == before


def test_wrong_recovery_key_exits_3_and_changes_nothing(
    ready, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    before = vault_path.read_bytes()
    key = tmp_path / "key.txt"
    key.write_text(RecoveryKey.generate().display())
    new = tmp_path / "new.txt"
    new.write_text("a new passphrase here")
    result = ready("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(new))
    assert result.code == 3 and one_sentence(result.err)
    key.write_text(RecoveryKey.generate().display()[:-3])
    typo = ready("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(new))
    assert typo.code == 3 and "letters and numbers" in typo.err
    assert vault_path.read_bytes() == before


def test_recover_with_the_shown_key(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = cli("init").out
    key = tmp_path / "key.txt"
    key.write_text("".join(line.strip() for line in shown.splitlines() if line.startswith("    ")))
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase")
    result = cli("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(new))
    assert result.code == 0 and "new recovery key" in result.out
    assert cli("person", "list", passphrase_file=new).code == 0
    assert cli("person", "list").code == 3


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--from", "31/02/2026"],
        ["list", "--from", "2026-03-01", "--to", "2026-02-01"],
        ["list", "--person", "Nobody"],
        ["person", "add", "Alex Two", "--ni-number", "not a number"],
        ["person", "add", "   "],
    ],
)
def test_invalid_input_exits_4_with_one_sentence(ready, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = ready(*argv)
    assert result.code == 4 and one_sentence(result.err)


def test_a_bad_import_row_exits_4_naming_the_row_and_imports_nothing(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = diary(
        tmp_path,
        ["Alex Example", "17/02/2026", "", "", "", "", "fine"],
        ["Alex Example", "30/02/2026", "", "", "", "", "bad date"],
    )
    result = ready("import", str(path))
    assert result.code == 4 and one_sentence(result.err)
    assert result.err.startswith("Row 3: the date") and "30/02/2026" in result.err
    assert "Nothing matches." in ready("list").out


def test_usage_mistakes_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("frobnicate")
    assert result.code == 2 and "--help" in result.err and one_sentence(result.err)


def test_export_needs_a_format(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ready("export", "--out", str(tmp_path / "x")).code == 2


def test_a_missing_vault_is_one_sentence(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", vault=tmp_path / "none.companion")
    assert result.code == 1 and one_sentence(result.err)


def test_a_damaged_file_exits_5(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.companion"
    junk.write_bytes(b"\x00" * 4096)
    result = cli("list", vault=junk)
    assert result.code == 5 and one_sentence(result.err)


def test_fingerprint_needs_no_passphrase_and_matches_verify(ready) -> None:  # type: ignore[no-untyped-def]
    plain = ready("fingerprint", passphrase_file=None)
    verified = ready("verify")
    short = plain.out.splitlines()[0].split(": ")[1]
    assert plain.code == 0 and verified.code == 0
    assert short in verified.out


def test_change_passphrase(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new = tmp_path / "new.txt"
    new.write_text("my second passphrase")
    assert ready("change-passphrase", "--new-passphrase-file", str(new)).code == 0
    assert ready("person", "list").code == 3
    assert ready("person", "list", passphrase_file=new).code == 0


@pytest.mark.parametrize("weak", ["abc", "password1", "qwertyuiop", "19/08/1985"])
def test_an_easily_guessed_new_passphrase_is_refused_with_a_suggestion(
    cli, tmp_path: Path, vault_path: Path, weak: str
) -> None:  # type: ignore[no-untyped-def]
    chosen = tmp_path / "weak.txt"
    chosen.write_text(weak)
    result = cli("init", passphrase_file=chosen)
    assert result.code == 4 and "too easy to guess" in result.err
    assert "for example:" in result.err and not vault_path.exists()


def test_purge_asks_for_the_name_unless_told_yes(ready, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    refused = ready("person", "purge", "Sam Example")  # no one at the keyboard to confirm
    assert refused.code == 4 and "Sam Example" in ready("person", "list").out
    done = ready("person", "purge", "Sam Example", "--yes")
    assert done.code == 0 and "Sam Example" not in ready("person", "list").out
    assert "Backups made before now" in done.out  # what erasing cannot reach, said
    assert ready("verify").code == 0


def test_remember_and_forget_this_computer(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ready("remember").code == 0
    assert ready("person", "list", passphrase_file=None).code == 0  # no passphrase needed
    assert ready("forget").code == 0
    assert ready("person", "list", passphrase_file=None).code == 3


def test_the_passphrase_can_come_from_the_environment(
    ready, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert ready("person", "list", passphrase_file=None).code == 0


def test_options_may_come_before_or_after_the_command(
    ready, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from companion.cli import main
    from tests.conftest import FAST_KDF

    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE)
    args = ["person", "list", "--vault", str(vault_path), "--passphrase-file", str(secret)]
    assert main(args, kdf=FAST_KDF) == 0


def test_the_installed_command_runs_and_shows_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "init" in result.stdout and "export" in result.stdout


def test_even_a_failure_to_explain_a_failure_is_one_sentence(
    cli, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from companion import cli as cli_module

    def broken(_exc: object) -> str:
        raise TypeError("word list missing")

    monkeypatch.setattr(cli_module, "describe", broken)
    weak = tmp_path / "weak.txt"
    weak.write_text("abc")
    result = cli("init", passphrase_file=weak)
    assert result.code == 4 and one_sentence(result.err) and "Traceback" not in result.err


def test_export_leaves_out_what_was_asked_in_every_file(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = diary(
        tmp_path,
        ["Alex Example", "17/02/2026", "10:30", "", "Open plan", "", "Said my diagnosis aloud."],
    )
    assert ready("import", str(path)).code == 0
    for fmt in ("json", "csv", "md", "pdf"):
        out = tmp_path / f"redacted.{fmt}"
        result = ready(
            "export", "--format", fmt, "--out", str(out),
            "--redact", "ni_number,free_text", "--leave-out", "privacy",
        )  # fmt: skip
        assert result.code == 0, result.err
        data = out.read_bytes()
        if fmt == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(out)
            data = b"".join(p.extract_text().encode() for p in reader.pages)
            data += reader.attachments["appointment-log.json"][0]
        for secret in (
            b"QQ 12 34 56 C",
            b"QQ123456C",
            b"Said my diagnosis",
            b"Open plan",
            b"open_plan",
        ):
            assert secret not in data, (fmt, secret)


def test_a_wrong_leave_out_value_names_the_choices(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = ready("export", "--format", "md", "--out", str(tmp_path / "x.md"), "--redact", "names")
    assert result.code == 4 and one_sentence(result.err) and "staff_names" in result.err


def test_a_recovery_key_saved_as_shown_on_two_lines_opens_the_vault(
    cli, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    made = cli("init")
    shown = [line for line in made.out.splitlines() if line.startswith("    ")]
    assert len(shown) == 2
    key = tmp_path / "key.txt"
    key.write_text("\n".join(shown) + "\n")
    new = tmp_path / "new.txt"
    new.write_text("violet kettle harbour seventeen\n")
    result = cli("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(new))
    assert result.code == 0, result.err
    fresh = [line for line in result.out.splitlines() if line.startswith("    ")]
    assert len(fresh) == 2  # the new key is shown the same way


def test_a_second_person_with_the_same_name_is_refused(ready) -> None:  # type: ignore[no-untyped-def]
    again = ready("person", "add", "alex  example")
    assert (
        again.code == 4 and one_sentence(again.err) and "no one in the vault has yet" in again.err
    )
    assert ready("person", "list").out.count("Alex Example") == 1


def test_the_keeper_is_named_at_init_or_later_and_signs_the_statement(
    cli, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    made = cli("init", "--keeper", "Morwen Example")
    assert made.code == 0 and "companion keeper" not in made.out
    assert cli("person", "add", "Dylan Example", "--relationship", "child",
               "--role", "official_appointee").code == 0  # fmt: skip
    shown = cli("keeper")
    assert shown.out.strip() == "Kept by Morwen Example, official appointee for Dylan Example."
    changed = cli("keeper", "--phone", "01632 960000")
    assert changed.code == 0 and "Phone: 01632 960000" in changed.out
    out = tmp_path / "signed.md"
    assert cli("export", "--format", "md", "--out", str(out), "--attest").code == 0
    text = out.read_text()
    assert "Name: Morwen Example" in text
    assert "Capacity: official appointee for Dylan Example" in text
    assert "01632" not in text  # contact details are for letters, not exports


def test_a_vault_without_a_keeper_says_how_to_name_one(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = cli("init")
    assert "companion keeper --name" in made.out
    assert cli("keeper").out.startswith("No keeper is named yet.")
    unsigned = cli("export", "--format", "md", "--out", str(tmp_path / "x.md"), "--attest")
    assert unsigned.code == 4 and "companion keeper --name" in unsigned.err
    assert cli("keeper", "--phone", "1").code == 4  # a keeper needs a name first


def test_a_reader_that_stops_early_is_not_reported_as_a_fault(ready, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`companion list | head -1`: the pipe closes while the list is printed."""
    from companion.cli import commands

    def closed(_text: str) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(commands, "say", closed)
    result = ready("list")
    assert result.code == 0 and result.err == ""


def test_an_import_read_as_windows_1252_says_so(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes("person,date,account\r\nAlex Example,01/03/2026,Café\r\n".encode("cp1252"))
    result = ready("import", str(sheet))
    assert result.code == 0 and "Windows-1252" in result.out
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text("person,date,account\r\nAlex Example,02/03/2026,Café\r\n", encoding="utf-8")
    assert "Windows-1252" not in ready("import", str(utf8)).out
