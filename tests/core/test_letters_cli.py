"""`companion letter`: writes the letter whole, says what is left to fill in, logs it as sent
when asked, and refuses bad input in one sentence with nothing left behind."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from companion.cli import EXIT
from tests.readback import flat, pages_text

DYLAN = "Dylan Sample (fictional)"
MORWEN = "Morwen Sample (fictional)"


def _demo(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0


def test_a_letter_is_written_whole_and_its_blanks_are_listed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(cli)
    out = tmp_path / "complaint.pdf"
    done = cli("letter", "complaint", "--person", DYLAN, "--format", "pdf", "--out", str(out))
    assert done.code == EXIT["ok"], done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("Wrote the complaint about privacy at appointments for " + DYLAN)
    assert lines[1] == (
        "3 things to fill in before sending: your address, the recipient's address, "
        "anything else you would like done."
    )
    text = flat(" ".join(pages_text(out.read_bytes())))
    assert "Draft: check it before sending" in text and "Check the current rules" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("complaint")] == [out.name]


def test_entries_by_date_and_the_keepers_address_leave_fewer_blanks(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(cli)
    assert cli("keeper", "--address", "1 Sample Row, Sampletown").code == 0
    out = tmp_path / "sar.odt"
    done = cli(
        "letter", "sar", "--person", DYLAN, "--entries", "2025-01-14, 11/03/2025",
        "--reference", "MY-REF", "--format", "odt", "--out", str(out),
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "listing 2 entries" in done.out
    assert "1 thing to fill in before sending: the recipient's address." in done.out
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as odt:
        content = odt.read("content.xml").decode()
    assert "Tuesday 14 January 2025" in content and "Tuesday 11 March 2025" in content
    assert "Tuesday 6 May 2025" not in content and "MY-REF" in content


def test_log_sent_records_the_letter_and_says_its_deadline(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(cli)
    out = tmp_path / "sar.pdf"
    done = cli(
        "letter", "sar", "--person", MORWEN, "--format", "pdf", "--out", str(out),
        "--date", "2026-11-20", "--log-sent", "20/11/2026",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "Logged as sent on Friday 20 November 2026." in done.out
    assert "Answer to a subject access request: must be received by Monday 21 December 2026" in (
        done.out
    )
    assert "Check the current rules." in done.out
    listed = cli("deadlines", "--person", MORWEN)
    assert "must be received by Monday 21 December 2026" in listed.out


def test_bad_input_is_one_sentence_with_its_exit_code_and_no_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(cli)
    out = tmp_path / "letter.pdf"

    def letter(*extra: str, kind: str = "complaint", person: str = DYLAN):  # type: ignore[no-untyped-def]
        return cli("letter", kind, "--person", person, "--format", "pdf", "--out", str(out), *extra)

    unknown = letter("--entries", "no-such-entry")
    assert unknown.code == EXIT["input"]
    assert unknown.err.strip().count("\n") == 0 and '"no-such-entry"' in unknown.err
    assert unknown.err.strip().endswith("Nothing was changed.")
    assert letter(person="Nobody").code == EXIT["input"]
    assert letter("--log-sent", "2026-03-02", kind="evidence").code == EXIT["input"]
    assert letter(kind="bogus").code == EXIT["usage"]
    assert not out.exists()
    folder = cli(
        "letter", "sar", "--person", DYLAN, "--format", "odt", "--out", str(tmp_path)
    )  # fmt: skip
    assert folder.code == EXIT["input"] and "folder" in folder.err
    assert "Traceback" not in unknown.err + folder.err
    assert not any(p.name.startswith("letter") for p in tmp_path.iterdir())  # nor a part file


def test_the_line_saying_what_was_written_keeps_a_names_capitals(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(cli)
    out = tmp_path / "ice.odt"
    done = cli("letter", "ice", "--person", DYLAN, "--format", "odt", "--out", str(out))
    assert done.code == EXIT["ok"], done.err
    assert done.out.startswith("Wrote the referral to the Independent Case Examiner for ")
