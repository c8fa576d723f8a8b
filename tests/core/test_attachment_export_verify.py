"""Checking an export that lists attached files: their records are proven like the entries',
and `companion verify EXPORT --attachment COPY` says whether a copy is exactly a file listed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from companion import verification
from companion.export import Format, export
from companion.export.options import ExportOptions, Redaction
from companion.vault import Vault
from tests.builders import make_appointment, make_person

RECORDING = b"ID3" + bytes(range(256)) * 40


@pytest.fixture
def exported(new_vault: Vault, tmp_path: Path) -> dict[str, Path]:
    """A vault with a recording attached to an appointment, exported as JSON and as a PDF,
    and a copy of the recording as someone would be sent it."""
    person = new_vault.save(make_person(display_name="Alex Example")).record
    entry = new_vault.save(make_appointment(person.id, date=date(2026, 2, 17))).record
    new_vault.save(make_appointment(person.id, date=date(2026, 2, 24)))
    original = tmp_path / "pip-assessment.mp3"
    original.write_bytes(RECORDING)
    new_vault.attach(entry.id, original, description="The assessor's end")
    out = {"copy": tmp_path / "sent-to-me.mp3"}
    out["copy"].write_bytes(RECORDING)
    for fmt in (Format.JSON, Format.PDF):
        out[fmt.value] = tmp_path / f"log.{fmt.value}"
        export(new_vault, fmt, ExportOptions(), out[fmt.value])
    return out


def _log(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def _rewrite(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    doc = _log(path)
    change(doc)
    changed = path.with_name("changed.json")
    changed.write_text(json.dumps(doc), encoding="utf-8")
    return changed


def test_an_export_listing_files_checks_out_alone_and_against_the_vault(
    cli, exported: dict[str, Path], new_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    check = verification.check_log(_log(exported["json"]))
    assert check.problems == [] and check.records == 4  # a person, two entries, one file
    new_vault.close()
    for fmt in ("json", "pdf"):
        alone = cli("verify", str(exported[fmt]), passphrase_file=None, vault=None)
        assert alone.code == 0, alone.err
        against = cli("verify", str(exported[fmt]))
        assert against.code == 0 and "It agrees with the vault's history." in against.out


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_a_matching_copy_is_named_with_when_it_was_captured(
    cli, exported: dict[str, Path], fmt: str
) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify", str(exported[fmt]), "--attachment", str(exported["copy"]),
                 passphrase_file=None, vault=None)  # fmt: skip
    assert result.code == 0, result.err
    assert (
        'The file "sent-to-me.mp3" matches the attached file "pip-assessment.mp3" captured on '
        "Monday 2 March 2026 at 09:30, kept with appointment 1 in the file (dated Tuesday 17 "
        "February 2026)."
    ) in result.out


def test_a_copy_changed_by_one_byte_matches_nothing_and_exits_5(
    cli, exported: dict[str, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    changed = tmp_path / "edited.mp3"
    changed.write_bytes(RECORDING[:-1] + b"\x00")
    result = cli("verify", str(exported["pdf"]), "--attachment", str(exported["copy"]),
                 "--attachment", str(changed), passphrase_file=None, vault=None)  # fmt: skip
    assert result.code == 5
    assert 'matches the attached file "pip-assessment.mp3"' in result.out  # the good one
    assert 'The file "edited.mp3" does not match any attached file listed' in result.err
    assert "Traceback" not in result.err


def test_an_empty_copy_matches_nothing(cli, exported: dict[str, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.mp3"
    empty.touch()
    result = cli("verify", str(exported["json"]), "--attachment", str(empty),
                 passphrase_file=None, vault=None)  # fmt: skip
    assert result.code == 5 and "does not match any attached file listed" in result.err


def test_a_copy_that_cannot_be_read_is_one_sentence_before_anything_else(
    cli, exported: dict[str, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    for missing in (tmp_path / "not-there.mp3", tmp_path):
        result = cli("verify", str(exported["json"]), "--attachment", str(missing),
                     passphrase_file=None, vault=None)  # fmt: skip
        assert result.code == 4 and result.out == "", result.out
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    alone = cli("verify", "--attachment", str(exported["copy"]))
    assert alone.code == 4 and "--attachment" in alone.err


def test_a_copy_is_not_vouched_for_by_an_altered_export(
    cli, exported: dict[str, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Put a forged file's SHA-256 in the log: the proof fails, and no copy is said to match."""
    forged = tmp_path / "forged.mp3"
    forged.write_bytes(b"ID3 something else entirely")
    from companion.attachment_check import sha256_of

    sha, size = sha256_of(forged)

    def swap(doc: dict) -> None:  # type: ignore[type-arg]
        fields = doc["attachments"][0]["versions"][0]["fields"]
        fields["sha256"], fields["size"] = sha, size

    changed = _rewrite(exported["json"], swap)
    result = cli("verify", str(changed), "--attachment", str(forged),
                 passphrase_file=None, vault=None)  # fmt: skip
    assert result.code == 5
    assert "not what the vault held" in result.err
    assert "were not checked" in result.err and "matches" not in result.out


def test_a_file_listed_with_an_entry_not_in_the_export_is_caught(
    exported: dict[str, Path],
) -> None:
    def move(doc: dict) -> None:  # type: ignore[type-arg]
        doc["appointments"] = [
            a
            for a in doc["appointments"]
            if a["id"] != doc["attachments"][0]["versions"][0]["fields"]["entry_id"]
        ]

    check = verification.check_log(_log(_rewrite(exported["json"], move)))
    assert any("belongs to an entry that is not in the file" in p for p in check.problems)


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc["attachments"].append("not a record"),
        lambda doc: doc["attachments"][0]["versions"][0]["fields"].update(size="5"),
        lambda doc: doc["attachments"][0]["versions"][0]["fields"].update(sha256="ab"),
        lambda doc: doc["attachments"][0].update(extra=1),
        lambda doc: doc.update(attachments={}),
    ],
)
def test_an_attachments_section_not_as_the_app_writes_it_is_refused(
    exported: dict[str, Path], change
) -> None:  # type: ignore[no-untyped-def]
    check = verification.check_log(_log(_rewrite(exported["json"], change)))
    assert check.problems and not check.intact


def test_against_the_vault_a_file_left_out_of_the_list_is_caught(
    cli, exported: dict[str, Path], new_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    new_vault.close()
    emptied = _rewrite(exported["json"], lambda doc: doc.update(attachments=[]))
    result = cli("verify", str(emptied))
    assert result.code == 5
    assert "leaves out a file attached to it when the file was made" in result.err
    # A log with no list at all (as made before files were listed) is said, not refused.
    older = _rewrite(exported["json"], lambda doc: doc.pop("attachments"))
    result = cli("verify", str(older))
    assert result.code == 0, result.err
    assert "The file lists no attached files, though the vault held 1" in result.out


def test_against_the_vault_a_file_renamed_or_deleted_since_is_a_change(
    cli, exported: dict[str, Path], new_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    kept = new_vault.attachments()[0].record
    new_vault.save(dataclasses.replace(kept, name="renamed.mp3"))
    new_vault.close()
    result = cli("verify", str(exported["json"]))
    assert result.code == 0, result.err
    assert "1 attached files in the file have been renamed or described since." in result.out


def test_an_ni_number_left_out_of_an_entrys_words_still_verifies(
    cli, new_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Every export leaves NI numbers out, also where one is written in the words (of an
    entry, or of a file's description): such a version carries the salted hash of its words,
    which the file's choices explain."""
    person = new_vault.save(make_person()).record
    entry = new_vault.save(make_appointment(person.id, account="They read out QQ123456C")).record
    (tmp_path / "letter.pdf").write_bytes(b"%PDF-1.4 x")
    new_vault.attach(entry.id, tmp_path / "letter.pdf", description="Mine: QQ 12 34 56 C")
    export(new_vault, Format.JSON, ExportOptions(), tmp_path / "log.json")
    new_vault.close()
    text = (tmp_path / "log.json").read_text()
    assert "QQ123456C" not in text and "QQ 12 34 56 C" not in text
    alone = cli("verify", str(tmp_path / "log.json"), passphrase_file=None, vault=None)
    assert alone.code == 0, alone.err
    against = cli("verify", str(tmp_path / "log.json"))
    assert against.code == 0 and "It agrees with the vault's history." in against.out


def test_a_copy_leaving_out_names_still_matches_by_its_sha256(
    cli, exported: dict[str, Path], new_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "private.json"
    export(new_vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT})), out)
    assert "pip-assessment" not in out.read_text()
    result = cli("verify", str(out), "--attachment", str(exported["copy"]),
                 passphrase_file=None, vault=None)  # fmt: skip
    assert result.code == 0, result.err
    assert "matches an attached file captured on Monday 2 March 2026" in result.out
    assert "its name is left out of this copy" in result.out
